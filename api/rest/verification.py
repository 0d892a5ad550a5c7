"""The e-mail verification link: ``/verify-email/{token}`` confirms that an address is its user's.

The link comes in the verification message (:mod:`api.domain.notifications`); it works once, for
7 days, and only the SHA-256 of its token is kept. Until it is confirmed, nothing but that message
is sent to the address.

``GET`` changes nothing: it shows the address and a "Confirm this address" button, so that mail
scanners and link previews that follow links do not verify addresses. ``POST`` (the button) verifies,
with the same protection against cross-site forgery as the sign-in page (a double-submit token).
Unknown or used links get 404, expired ones 410, and an address another account verified first 409:
always a page a person can act on, never cached, with no referrer.
"""

from __future__ import annotations

from collections.abc import Sequence

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.domain import notifications
from api.domain.errors import DeadlinePassed, InvalidTransition, NotFound
from api.rest.oauth import LoginCsrf, _read
from api.rest.pages import FORM_HEADERS, Problem, button, document, form, h1, hidden, link, p, panel, respond, strong

MAX_TOKEN_LENGTH = 128
FORM_EXPIRED = "This form has expired or was not sent from this site. Press the button again to confirm your address."
UNKNOWN = "This link is not valid, or it has already been used"


class VerificationPages:
    """The Starlette endpoint; one instance per application."""

    def __init__(self, *, signing_key: RSAKey) -> None:
        self.csrf = LoginCsrf(signing_key)

    async def page(self, request: Request) -> Response:
        """GET shows the address and the button; POST marks the address verified and says so."""
        token = request.path_params["token"]
        session = request.state.session
        now = request.app.state.clock.now()
        try:
            if len(token) > MAX_TOKEN_LENGTH:
                raise NotFound(UNKNOWN)
            user = await notifications.open_verification(session, now=now, token=token)
            address = user.email or ""
            if request.method != "POST":
                return self._form(request, address)
            try:
                posted = await _read(request)
            except OAuth2Error:
                return self._form(request, address, problems=[Problem(FORM_EXPIRED)], status=400)
            fields = dict(reversed(posted.form))  # the first of repeated values
            if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), fields.get("csrf_token")):
                return self._form(request, address, problems=[Problem(FORM_EXPIRED)], status=400)
            await notifications.verify_email(session, now=now, token=token)
        except NotFound as refusal:
            return _closed(404, "This link cannot be used", refusal.message)
        except DeadlinePassed as refusal:
            return _closed(410, "This link has expired", refusal.message)
        except InvalidTransition as refusal:
            await session.rollback()
            return _closed(409, "This e-mail address is already in use", refusal.message)
        await session.commit()
        return respond(confirmed_page(address))

    def _form(
        self, request: Request, address: str, *, problems: Sequence[Problem] = (), status: int = 200
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = confirm_page(action=request.url.path, address=address, csrf_token=token, problems=problems)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=FORM_HEADERS), request, cookie)


def confirm_page(*, action: str, address: str, csrf_token: str, problems: Sequence[Problem] = ()) -> str:
    """The page a verification link opens: the address, and the button that confirms it."""
    return document(
        "Confirm your e-mail address",
        h1("Confirm your e-mail address"),
        p(
            "Messages from the North West SEND Flexible Purchasing System will be sent to ",
            strong(address),
            " once you confirm that it is yours.",
        ),
        form(action, hidden("csrf_token", csrf_token), button("Confirm this address")),
        p("If you did not expect this message, do nothing: the address will not be used."),
        problems=problems,
    )


def confirmed_page(address: str) -> str:
    return document(
        "Your e-mail address is confirmed",
        panel("Your e-mail address is confirmed"),
        p("Messages from the North West SEND Flexible Purchasing System will now be sent to ", strong(address), "."),
        p(link("/portal/", "Go to the provider portal")),
    )


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    return respond(document(title, h1(title), p(message, ".")), status=status)
