"""Password reset pages: ask for a link by e-mail address, then choose a new password through it.

- ``GET /password-reset`` shows a form asking for the account's e-mail address ("Forgotten your
  password?" on the sign-in page leads here); ``POST`` answers with the same page whether or not
  the address belongs to anyone (:func:`api.auth.password_reset.request_reset` does the same work
  either way), or 429 with ``Retry-After`` when too many requests came for that address or from
  that network.
- ``GET /password-reset/{token}`` shows the form to choose a new password; ``POST`` sets it. The
  link works once, for 30 minutes; unknown or used links get 404, expired ones 410.

Both forms are protected against cross-site forgery like the sign-in page (a signed double-submit
token, :class:`api.rest.oauth.LoginCsrf`); every page is never cached, sends no referrer (the link's
token must not leak) and may not be framed.
"""

from __future__ import annotations

import html

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.auth import password_reset
from api.auth.password_reset import ResetPolicy
from api.domain.errors import DeadlinePassed, NotFound, ValidationError
from api.domain.notifications import checked_email
from api.rest.oauth import PAGE_HEADERS, LoginCsrf, _duration, _page, _read

MAX_TOKEN_LENGTH = 128
FORM_EXPIRED = "This form has expired or was not sent from this site. Please try again."
MISMATCH = "The two passwords do not match. Enter the same password twice."
TOO_MANY = (
    "There have been too many requests to reset a password for this e-mail address or from this network. "
    "Try again in {wait}."
)


class PasswordResetPages:
    """The Starlette endpoints; one instance per application."""

    def __init__(self, *, signing_key: RSAKey, policy: ResetPolicy) -> None:
        self.csrf = LoginCsrf(signing_key)
        self.policy = policy

    # -- asking for a link --------------------------------------------------------------------

    async def request(self, request: Request) -> Response:
        """GET shows the form; POST sends the link (if the address is an account's) and says so."""
        if request.method != "POST":
            return self._request_form(request)
        try:
            posted = await _read(request)
        except OAuth2Error:
            return self._request_form(request, error=FORM_EXPIRED, status=400)
        form = dict(reversed(posted.form))  # the first of repeated values
        typed = form.get("email", "")
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), form.get("csrf_token")):
            return self._request_form(request, error=FORM_EXPIRED, email=typed, status=400)
        try:
            if any(ord(c) < 32 or ord(c) == 127 for c in typed):
                raise ValidationError("Enter an e-mail address in the correct format, like name@example.org")
            address = checked_email(typed, field="email")
        except ValidationError as refusal:
            return self._request_form(request, error=refusal.message, email=typed, status=400)

        session = request.state.session
        now = request.app.state.clock.now()
        source = request.client.host if request.client else "unknown"
        wait = await password_reset.request_reset(session, now=now, email=address, source=source, policy=self.policy)
        if wait is not None:
            await session.rollback()
            error = TOO_MANY.format(wait=_duration(wait))
            response = self._request_form(request, error=error, email=typed, status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        await session.commit()
        return HTMLResponse(_sent_page(address), headers=PAGE_HEADERS)

    def _request_form(
        self, request: Request, *, error: str | None = None, email: str = "", status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = request_page(action=request.url.path, csrf_token=token, error=error, email=email)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=PAGE_HEADERS), request, cookie)

    # -- the link ---------------------------------------------------------------------------------

    async def reset(self, request: Request) -> Response:
        """GET shows the form to choose a new password; POST sets it."""
        token = request.path_params["token"]
        session = request.state.session
        now = request.app.state.clock.now()
        try:
            if len(token) > MAX_TOKEN_LENGTH:
                raise NotFound(password_reset.DEAD_LINK)
            user = await password_reset.open_reset(session, now=now, token=token)
        except NotFound as refusal:
            return _closed(404, "This link cannot be used", refusal.message)
        except DeadlinePassed as refusal:
            return _closed(410, "This link has expired", refusal.message)
        username = user.username
        if request.method != "POST":
            return self._reset_form(request, username)

        try:
            posted = await _read(request)
        except OAuth2Error:
            return self._reset_form(request, username, error=FORM_EXPIRED, status=400)
        form = dict(reversed(posted.form))
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), form.get("csrf_token")):
            return self._reset_form(request, username, error=FORM_EXPIRED, status=400)
        password = form.get("password", "")
        if password != form.get("confirm_password", ""):
            return self._reset_form(request, username, error=MISMATCH, status=400)
        source = request.client.host if request.client else "unknown"
        try:
            await password_reset.reset_password(session, now=now, token=token, password=password, source=source)
        except ValidationError as refusal:
            await session.rollback()
            return self._reset_form(request, username, error=refusal.message, status=400)
        await session.commit()
        return HTMLResponse(_done_page(username), headers=PAGE_HEADERS)

    def _reset_form(
        self, request: Request, username: str, *, error: str | None = None, status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = reset_page(action=request.url.path, username=username, csrf_token=token, error=error)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=PAGE_HEADERS), request, cookie)


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def _alert(error: str | None, id_: str) -> str:
    if not error:
        return ""
    return f"<div class='error' id='{id_}' role='alert'><h2>There is a problem</h2><p>{html.escape(error)}</p></div>"


def request_page(*, action: str, csrf_token: str, error: str | None, email: str) -> str:
    """The form asking for the account's e-mail address."""
    e = html.escape
    invalid = " aria-invalid='true' aria-describedby='email-hint email-error'" if error else ""
    described = "" if error else " aria-describedby='email-hint'"
    body = (
        "<h1>Reset your password</h1>"
        "<p>Enter the e-mail address of your account. If it matches an account, we will send a link to it "
        "where you can choose a new password.</p>"
        f"{_alert(error, 'email-error')}"
        f"<form method='post' action='{e(action)}'>"
        f"<input type='hidden' name='csrf_token' value='{e(csrf_token)}'>"
        "<label for='email'>E-mail address</label>"
        "<p id='email-hint' class='hint'>The address your organisation gave for your account.</p>"
        "<input id='email' name='email' type='email' autocomplete='email' autocapitalize='none' spellcheck='false'"
        f" required maxlength='254' value='{e(email)}'{described}{invalid}>"
        "<button type='submit'>Send the link</button>"
        "</form>"
        "<p>If you no longer use that address, ask your organisation's administrator.</p>"
    )
    return _page(("Error: " if error else "") + "Reset your password", body)


def _sent_page(address: str) -> str:
    body = (
        "<h1>Check your e-mail</h1>"
        f"<p>If <strong>{html.escape(address)}</strong> is the address of an account, we have sent it a link "
        "to reset the password.</p>"
        "<p>The link works once, within 30 minutes. If no e-mail arrives in a few minutes, check your spam folder "
        "and that you typed the address your organisation gave for your account.</p>"
        "<p><a href='/password-reset'>Ask for another link</a></p>"
    )
    return _page("Check your e-mail", body)


def reset_page(*, action: str, username: str, csrf_token: str, error: str | None) -> str:
    """The form where the person chooses a new password."""
    e = html.escape
    invalid = " aria-invalid='true'" if error else ""
    described = " aria-describedby='password-hint password-error'" if error else " aria-describedby='password-hint'"
    body = (
        "<h1>Choose a new password</h1>"
        "<p>Choosing a new password signs your account out everywhere else within the hour.</p>"
        f"{_alert(error, 'password-error')}"
        f"<form method='post' action='{e(action)}'>"
        f"<input type='hidden' name='csrf_token' value='{e(csrf_token)}'>"
        "<label for='username'>Your username</label>"
        f"<input id='username' name='username' type='text' autocomplete='username' readonly value='{e(username)}'>"
        "<label for='password'>New password</label>"
        "<p id='password-hint' class='hint'>At least 12 characters, and not your username. "
        "A few unrelated words make a strong password.</p>"
        "<input id='password' name='password' type='password' autocomplete='new-password' minlength='12' required"
        f"{invalid}{described}>"
        "<label for='confirm_password'>Enter the new password again</label>"
        "<input id='confirm_password' name='confirm_password' type='password' autocomplete='new-password'"
        f" minlength='12' required{invalid}>"
        "<button type='submit'>Change password</button>"
        "</form>"
    )
    return _page(("Error: " if error else "") + "Choose a new password", body)


def _done_page(username: str) -> str:
    body = (
        "<h1>Your password has been changed</h1>"
        f"<p>You can now sign in as <strong>{html.escape(username)}</strong> with your new password.</p>"
        "<p>Your account's other sign-ins can no longer be renewed: each ends within the hour, when the "
        "access it was given runs out.</p>"
        "<p><a href='/portal/'>Go to the provider portal</a></p>"
    )
    return _page("Your password has been changed", body)


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    e = html.escape
    body = (
        f"<h1>{e(title)}</h1><p>{e(message)}.</p>"
        "<p>Links to reset a password work once, for 30 minutes. "
        "<a href='/password-reset'>Ask for a new link</a>.</p>"
    )
    return HTMLResponse(_page(title, body), status_code=status, headers=PAGE_HEADERS)
