"""The invitation page: an invited colleague chooses a password through a one-time link.

``GET /invitations/{token}`` shows the form; ``POST`` sets the password
and clears the invitation, so the link works once. Unknown or used links get
404, expired ones 410, and one whose address another account has verified first 409 (the first
to verify an address owns it): always a page a person can act on. The form is
protected against cross-site forgery like the sign-in page.
"""

from __future__ import annotations

from collections.abc import Sequence

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.auth.server import token_hash
from api.domain import providers
from api.domain.errors import DeadlinePassed, InvalidTransition, NotFound, ValidationError
from api.rest.oauth import LoginCsrf, _read
from api.rest.pages import (
    FORM_HEADERS,
    Problem,
    button,
    document,
    form,
    h1,
    hidden,
    link,
    new_password_fields,
    p,
    panel,
    respond,
    strong,
)

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

        username, name = user.username, user.display_name
        expired = [Problem(FORM_EXPIRED)]
        try:
            posted = await _read(request)
        except OAuth2Error:
            return self._form(request, username, name, problems=expired, status=400)
        fields = dict(reversed(posted.form))  # the first of repeated values
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), fields.get("csrf_token")):
            return self._form(request, username, name, problems=expired, status=400)
        password = fields.get("password", "")
        if password != fields.get("confirm_password", ""):
            return self._form(request, username, name, problems=[Problem(MISMATCH, "confirm_password")], status=400)
        try:
            await providers.accept_invitation(
                session, actor=request.user.actor, now=now, token_hash=hashed, password=password
            )
        except ValidationError as refusal:
            await session.rollback()
            return self._form(request, username, name, problems=[Problem(refusal.message, "password")], status=400)
        except InvalidTransition as refusal:  # its address was verified elsewhere at the same moment
            await session.rollback()
            return _taken(refusal.message)
        await session.commit()
        return respond(_done_page(username))

    def _form(
        self,
        request: Request,
        username: str,
        display_name: str,
        *,
        problems: Sequence[Problem] = (),
        status: int = 200,
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = form_page(
            action=request.url.path,
            username=username,
            display_name=display_name,
            csrf_token=token,
            problems=problems,
        )
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=FORM_HEADERS), request, cookie)


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    page = document(
        title,
        h1(title),
        p(message, "."),
        p("Invitation links work once, for 7 days. Ask your organisation’s administrator for a new one."),
    )
    return respond(page, status=status)


def _taken(message: str) -> HTMLResponse:
    """The invitation's address belongs to another account, which verified it first."""
    title = "This e-mail address is already in use"
    return respond(document(title, h1(title), p(message, ".")), status=409)


def form_page(
    *, action: str, username: str, display_name: str, csrf_token: str, problems: Sequence[Problem] = ()
) -> str:
    """The form where the invited person chooses a password."""
    return document(
        "Choose your password",
        h1("Choose your password"),
        p("Welcome, ", display_name, ". You have been invited to the provider portal."),
        form(
            action,
            hidden("csrf_token", csrf_token),
            new_password_fields(problems, username=username),
            button("Set password"),
        ),
        problems=problems,
    )


def _done_page(username: str) -> str:
    return document(
        "Your password is set",
        panel("Your password is set", "You can now sign in to the provider portal"),
        p("Your username is ", strong(username), "."),
        p(link("/portal/", "Go to the provider portal")),
    )
