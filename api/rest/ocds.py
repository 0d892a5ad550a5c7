"""Public OCDS publication: a paginated release package and a record package per contracting process.

No token is needed: everything published is public procurement information
(see :mod:`api.domain.ocds` for what is, and is never, published).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.domain import ocds
from api.domain.errors import ValidationError

RELEASES_PATH = "/ocds/releases"
RECORDS_PATH = "/ocds/records/"
CACHE = {"Cache-Control": "public, max-age=60"}


class OcdsResponse(JSONResponse):
    """JSON with amounts written as plain numbers (pounds and pence, never rounded through floats)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_number).encode("utf-8")


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


async def releases(request: Request) -> Response:
    """``GET /ocds/releases``: a page of releases, oldest process first, with ``links.next`` while there are more."""
    params = request.query_params
    now = request.app.state.clock.now()
    try:
        unknown = set(params) - {"limit", "cursor", "since", "until"}
        if unknown:
            raise ValidationError(f"{sorted(unknown)[0]}: unknown parameter", field=sorted(unknown)[0])
        for name, value in params.multi_items():  # as the description says: each at most once, never empty
            if not value or len(params.getlist(name)) > 1:
                raise ValidationError(f"{name}: give one value, or leave the parameter out", field=name)
        limit = _limit(params.get("limit"))
        cursor = params.get("cursor")
        after = ocds.Position.decode(cursor) if cursor else None
        window = ocds.publication_window(
            now,
            since=ocds.parse_moment(params.get("since"), field="since", end=False),
            until=ocds.parse_moment(params.get("until"), field="until", end=True),
        )
        page = await ocds.release_page(request.state.session, window=window, limit=limit, after=after)
    except ValidationError as exc:
        return _error(400, exc.code, exc.message)
    base = _base(request)
    query = {k: v for k, v in params.items() if k != "cursor"}
    next_url = None
    if page.next is not None:
        next_url = f"{base}{RELEASES_PATH}?{urlencode({**query, 'cursor': page.next.encode()})}"
    uri = f"{base}{RELEASES_PATH}" + (f"?{urlencode(params.multi_items())}" if params else "")
    package = ocds.release_package(page.releases, uri=uri, published=now, next_url=next_url)
    return OcdsResponse(package, headers=CACHE)


async def record(request: Request) -> Response:
    """``GET /ocds/records/{ocid}``: the record of one purchasing system or call-off."""
    ocid = request.path_params["ocid"]
    now = request.app.state.clock.now()
    found = await ocds.record(request.state.session, now=now, ocid=ocid)
    if found is None:
        return _error(404, "NOT_FOUND", f"No published contracting process has the ocid {ocid!r}")
    base = _base(request)
    package = ocds.record_package(
        found, uri=f"{base}{RECORDS_PATH}{quote(ocid, safe='')}", published=now, packages=[f"{base}{RELEASES_PATH}"]
    )
    return OcdsResponse(package, headers=CACHE)


def _limit(value: str | None) -> int:
    if value is None:
        return ocds.DEFAULT_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= ocds.MAX_LIMIT:
        raise ValidationError(f"limit: a whole number from 1 to {ocds.MAX_LIMIT}", field="limit")
    return int(value)


def _base(request: Request) -> str:
    return str(request.app.state.settings.public_url).rstrip("/")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)
