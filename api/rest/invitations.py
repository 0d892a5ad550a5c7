"""The invitation page: an invited colleague chooses a password through a one-time link.

``GET /invitations/{token}`` shows a plain form; ``POST`` sets the password
and clears the invitation, so the link works once. Unknown or used links get
404, expired ones 410, and one whose address another account has verified first 409 (the first
to verify an address owns it): always a page a person can act on. The form is
protected against cross-site forgery like the sign-in page.
"""

from __future__ import annotations

import html

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.auth.server import token_hash
from api.domain import providers
from api.domain.errors import DeadlinePassed, InvalidTransition, NotFound, ValidationError
from api.rest.oauth import PAGE_HEADERS, LoginCsrf, _page, _read

MAX_TOKEN_LENGTH = 128
FORM_EXPIRED = "This form has expired or was not sent from this site. Please enter your new password again."
MISMATCH = "The two passwords do not match. Enter the same password twice."


class InvitationPages:
    """The Starlette endpoint; one instance per application."""

    def __init__(self, *, signing_key: RSAKey) -> None:
        self.csrf = LoginCsrf(signing_key)

    async def page(self, request: Request) -> Response:
        """GET shows the form; POST sets the password."""
        token = request.path_params["token"]
        session = request.state.session
        now = request.app.state.clock.now()
        hashed = token_hash(token) if len(token) <= MAX_TOKEN_LENGTH else ""
        try:
            user = await providers.open_invitation(session, now=now, token_hash=hashed)
        except NotFound as refusal:
            return _closed(404, "This invitation link cannot be used", refusal.message)
        except DeadlinePassed as refusal:
            return _closed(410, "This invitation has expired", refusal.message)
        except InvalidTransition as refusal:
            return _taken(refusal.message)
        if request.method != "POST":
            return self._form(request, user.username, user.display_name)

        try:
            posted = await _read(request)
        except OAuth2Error:
            return self._form(request, user.username, user.display_name, error=FORM_EXPIRED, status=400)
        form = dict(reversed(posted.form))  # the first of repeated values
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), form.get("csrf_token")):
            return self._form(request, user.username, user.display_name, error=FORM_EXPIRED, status=400)
        password = form.get("password", "")
        if password != form.get("confirm_password", ""):
            return self._form(request, user.username, user.display_name, error=MISMATCH, status=400)
        username, name = user.username, user.display_name
        try:
            await providers.accept_invitation(
                session, actor=request.user.actor, now=now, token_hash=hashed, password=password
            )
        except ValidationError as refusal:
            await session.rollback()
            return self._form(request, username, name, error=refusal.message, status=400)
        except InvalidTransition as refusal:  # its address was verified elsewhere at the same moment
            await session.rollback()
            return _taken(refusal.message)
        await session.commit()
        return HTMLResponse(_done_page(username), headers=PAGE_HEADERS)

    def _form(
        self, request: Request, username: str, display_name: str, *, error: str | None = None, status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = form_page(
            action=request.url.path, username=username, display_name=display_name, csrf_token=token, error=error
        )
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=PAGE_HEADERS), request, cookie)


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    e = html.escape
    body = (
        f"<h1>{e(title)}</h1><p>{e(message)}.</p>"
        "<p>Invitation links work once, for 7 days. Ask your organisation's administrator for a new one.</p>"
    )
    return HTMLResponse(_page(title, body), status_code=status, headers=PAGE_HEADERS)


def _taken(message: str) -> HTMLResponse:
    """The invitation's address belongs to another account, which verified it first."""
    title = "This e-mail address is already in use"
    body = f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}.</p>"
    return HTMLResponse(_page(title, body), status_code=409, headers=PAGE_HEADERS)


def form_page(*, action: str, username: str, display_name: str, csrf_token: str, error: str | None) -> str:
    """The form where the invited person chooses a password."""
    e = html.escape
    invalid = " aria-invalid='true'" if error else ""
    described = " aria-describedby='password-hint password-error'" if error else " aria-describedby='password-hint'"
    alert = (
        f"<div class='error' id='password-error' role='alert'><h2>There is a problem</h2><p>{e(error)}</p></div>"
        if error
        else ""
    )
    body = (
        "<h1>Choose your password</h1>"
        f"<p>Welcome, {e(display_name)}. You have been invited to the provider portal.</p>"
        f"{alert}"
        f"<form method='post' action='{e(action)}'>"
        f"<input type='hidden' name='csrf_token' value='{e(csrf_token)}'>"
        "<label for='username'>Your username</label>"
        f"<input id='username' name='username' type='text' autocomplete='username' readonly value='{e(username)}'>"
        "<label for='password'>New password</label>"
        "<p id='password-hint'>At least 12 characters. A few unrelated words make a strong password.</p>"
        "<input id='password' name='password' type='password' autocomplete='new-password' minlength='12' required"
        f"{invalid}{described}>"
        "<label for='confirm_password'>Enter the new password again</label>"
        "<input id='confirm_password' name='confirm_password' type='password' autocomplete='new-password'"
        f" minlength='12' required{invalid}>"
        "<button type='submit'>Set password</button>"
        "</form>"
    )
    return _page(("Error: " if error else "") + "Choose your password", body)


def _done_page(username: str) -> str:
    body = (
        "<h1>Your password is set</h1>"
        f"<p>You can now sign in to the provider portal as <strong>{html.escape(username)}</strong>.</p>"
        "<p><a href='/portal'>Go to the provider portal</a></p>"
    )
    return _page("Your password is set", body)
