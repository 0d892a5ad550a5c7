"""The e-mail verification link: ``GET /verify-email/{token}`` confirms that an address is its user's.

The link comes in the verification message (:mod:`api.domain.notifications`); it works once, for
7 days, and only the SHA-256 of its token is kept. Until it is followed, nothing but that message
is sent to the address. Unknown or used links get 404, expired ones 410: always a page a person can
act on, never cached, with no referrer.
"""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse

from api.domain import notifications
from api.domain.errors import DeadlinePassed, NotFound
from api.rest.oauth import PAGE_HEADERS, _page

MAX_TOKEN_LENGTH = 128


async def verify_email(request: Request) -> HTMLResponse:
    """Mark the address verified and say so."""
    token = request.path_params["token"]
    session = request.state.session
    now = request.app.state.clock.now()
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise NotFound("This link is not valid, or it has already been used")
        user = await notifications.verify_email(session, now=now, token=token)
    except NotFound as refusal:
        return _closed(404, "This link cannot be used", refusal.message)
    except DeadlinePassed as refusal:
        return _closed(410, "This link has expired", refusal.message)
    address = user.email or ""
    await session.commit()
    body = (
        "<h1>Your e-mail address is confirmed</h1>"
        f"<p>Messages from the North West SEND purchasing system will now be sent to "
        f"<strong>{html.escape(address)}</strong>.</p>"
        "<p><a href='/portal/'>Go to the provider portal</a></p>"
    )
    return HTMLResponse(_page("Your e-mail address is confirmed", body), headers=PAGE_HEADERS)


def _closed(status: int, title: str, message: str) -> HTMLResponse:
    body = f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}.</p>"
    return HTMLResponse(_page(title, body), status_code=status, headers=PAGE_HEADERS)
