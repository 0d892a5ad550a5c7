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

import html

from authlib.oauth2.rfc6749 import OAuth2Error
from joserfc.jwk import RSAKey
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.domain import notifications
from api.domain.errors import DeadlinePassed, InvalidTransition, NotFound
from api.rest.oauth import PAGE_HEADERS, LoginCsrf, _page, _read

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
                return self._form(request, address, error=FORM_EXPIRED, status=400)
            form = dict(reversed(posted.form))  # the first of repeated values
            if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), form.get("csrf_token")):
                return self._form(request, address, error=FORM_EXPIRED, status=400)
            await notifications.verify_email(session, now=now, token=token)
        except NotFound as refusal:
            return _closed(404, "This link cannot be used", refusal.message)
        except DeadlinePassed as refusal:
            return _closed(410, "This link has expired", refusal.message)
        except InvalidTransition as refusal:
            await session.rollback()
            return _closed(409, "This e-mail address is already in use", refusal.message)
        await session.commit()
        body = (
            "<h1>Your e-mail address is confirmed</h1>"
            f"<p>Messages from the North West SEND purchasing system will now be sent to "
            f"<strong>{html.escape(address)}</strong>.</p>"
            "<p><a href='/portal/'>Go to the provider portal</a></p>"
        )
        return HTMLResponse(_page("Your e-mail address is confirmed", body), headers=PAGE_HEADERS)

    def _form(self, request: Request, address: str, *, error: str | None = None, status: int = 200) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = confirm_page(action=request.url.path, address=address, csrf_token=token, error=error)
        return self.csrf.attach(HTMLResponse(page, status_code=status, headers=PAGE_HEADERS), request, cookie)


def confirm_page(*, action: str, address: str, csrf_token: str, error: str | None) -> str:
    """The page a verification link opens: the address, and the button that confirms it."""
    e = html.escape
    alert = f"<div class='error' role='alert'><h2>There is a problem</h2><p>{e(error)}</p></div>" if error else ""
    body = (
        "<h1>Confirm your e-mail address</h1>"
        f"{alert}"
        "<p>Messages from the North West SEND purchasing system will be sent to "
        f"<strong>{e(address)}</strong> once you confirm that it is yours.</p>"
        f"<form method='post' action='{e(action)}'>"
        f"<input type='hidden' name='csrf_token' value='{e(csrf_token)}'>"
        "<button type='submit'>Confirm this address</button>"
        "</form>"
        "<p>If you did not expect this message, do nothing: the address will not be used.</p>"
    )
    return _page(("Error: " if error else "") + "Confirm your e-mail address", body)


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    body = f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}.</p>"
    return HTMLResponse(_page(title, body), status_code=status, headers=PAGE_HEADERS)
