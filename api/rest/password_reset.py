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

from collections.abc import Sequence

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.auth import password_reset
from api.auth.password_reset import ResetPolicy
from api.domain.errors import DeadlinePassed, NotFound, ValidationError
from api.domain.notifications import checked_email
from api.rest.oauth import LoginCsrf, _duration, _read
from api.rest.pages import (
    FORM_HEADERS,
    Problem,
    button,
    document,
    field_error,
    form,
    h1,
    h2,
    hidden,
    link,
    new_password_fields,
    p,
    panel,
    respond,
    strong,
    text_input,
)

MAX_TOKEN_LENGTH = 128
FORM_EXPIRED = "This form has expired or was not sent from this site. Please try again."
MISMATCH = "The two passwords do not match. Enter the same password twice."
NO_EMAIL = "Enter your e-mail address"
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
            return self._request_form(request, problems=[Problem(FORM_EXPIRED)], status=400)
        fields = dict(reversed(posted.form))  # the first of repeated values
        typed = fields.get("email", "")
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), fields.get("csrf_token")):
            return self._request_form(request, problems=[Problem(FORM_EXPIRED)], email=typed, status=400)
        try:
            if not typed.strip():
                raise ValidationError(NO_EMAIL)
            if any(ord(c) < 32 or ord(c) == 127 for c in typed):
                raise ValidationError("Enter an e-mail address in the correct format, like name@example.org")
            address = checked_email(typed, field="email")
        except ValidationError as refusal:
            problem = Problem(refusal.message, field="email")
            return self._request_form(request, problems=[problem], email=typed, status=400)

        session = request.state.session
        now = request.app.state.clock.now()
        source = request.client.host if request.client else "unknown"
        wait = await password_reset.request_reset(session, now=now, email=address, source=source, policy=self.policy)
        if wait is not None:
            await session.rollback()
            problem = Problem(TOO_MANY.format(wait=_duration(wait)))
            response = self._request_form(request, problems=[problem], email=typed, status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        await session.commit()
        return respond(_sent_page(address))

    def _request_form(
        self, request: Request, *, problems: Sequence[Problem] = (), email: str = "", status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = request_page(action=request.url.path, csrf_token=token, problems=problems, email=email)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=FORM_HEADERS), request, cookie)

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
            return self._reset_form(request, username, problems=[Problem(FORM_EXPIRED)], status=400)
        fields = dict(reversed(posted.form))
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), fields.get("csrf_token")):
            return self._reset_form(request, username, problems=[Problem(FORM_EXPIRED)], status=400)
        password = fields.get("password", "")
        if password != fields.get("confirm_password", ""):
            return self._reset_form(request, username, problems=[Problem(MISMATCH, "confirm_password")], status=400)
        source = request.client.host if request.client else "unknown"
        try:
            await password_reset.reset_password(session, now=now, token=token, password=password, source=source)
        except ValidationError as refusal:
            await session.rollback()
            return self._reset_form(request, username, problems=[Problem(refusal.message, "password")], status=400)
        await session.commit()
        return respond(_done_page(username))

    def _reset_form(
        self, request: Request, username: str, *, problems: Sequence[Problem] = (), status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = reset_page(action=request.url.path, username=username, csrf_token=token, problems=problems)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=FORM_HEADERS), request, cookie)


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def request_page(*, action: str, csrf_token: str, problems: Sequence[Problem] = (), email: str = "") -> str:
    """The form asking for the account's e-mail address."""
    return document(
        "Reset your password",
        h1("Reset your password"),
        p(
            "Enter the e-mail address of your account. If it matches an account, we will send a link to it "
            "where you can choose a new password."
        ),
        form(
            action,
            hidden("csrf_token", csrf_token),
            text_input(
                "email",
                "E-mail address",
                type_="email",
                value=email,
                autocomplete="email",
                autocapitalize="none",
                spellcheck=False,
                hint="The address your organisation gave for your account.",
                error=field_error(problems, "email"),
            ),
            button("Send the link"),
        ),
        p("If you no longer use that address, ask your organisation’s administrator."),
        problems=problems,
    )


def _sent_page(address: str) -> str:
    return document(
        "Check your e-mail",
        h1("Check your e-mail"),
        p("If ", strong(address), " is the address of an account, we have sent it a link to reset the password."),
        p(
            "The link works once, within 30 minutes. If no e-mail arrives in a few minutes, check your spam folder "
            "and that you typed the address your organisation gave for your account."
        ),
        p(link("/password-reset", "Ask for another link")),
    )


def reset_page(*, action: str, username: str, csrf_token: str, problems: Sequence[Problem] = ()) -> str:
    """The form where the person chooses a new password."""
    return document(
        "Choose a new password",
        h1("Choose a new password"),
        p("Choosing a new password signs your account out everywhere else within the hour."),
        form(
            action,
            hidden("csrf_token", csrf_token),
            new_password_fields(problems, username=username),
            button("Change password"),
        ),
        problems=problems,
    )


def _done_page(username: str) -> str:
    return document(
        "Your password has been changed",
        panel("Your password has been changed", "You can now sign in with your new password"),
        p("Your username is ", strong(username), "."),
        h2("What happens next"),
        p(
            "Your account’s other sign-ins can no longer be renewed: each ends within the hour, when the "
            "access it was given runs out."
        ),
        p(link("/portal/", "Go to the provider portal")),
    )


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    page = document(
        title,
        h1(title),
        p(message, "."),
        p(
            "Links to reset a password work once, for 30 minutes. ",
            link("/password-reset", "Ask for a new link"),
            ".",
        ),
    )
    return respond(page, status=status)
