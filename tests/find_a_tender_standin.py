"""A local stand-in for Find a Tender's notice submission, for tests: a threaded HTTP server on a loopback port.

``POST /api/notices`` checks the ``CDP-Api-Key`` header, reads the body as an OCDS release package holding one
release, checks the package against the standard's release package schema and the release against the merged
release schema (:func:`api.domain.ocds_schema.problems`, the check the notices pass before they are queued), and
answers as the service does:

- 201 ``{"noticeId": "000042-2026", "status": "RECEIVED"}`` for a valid notice;
- 400 ``{"message": "…"}`` naming every problem of an invalid one;
- 401 ``{"status": 401, "error": "Access Denied"}`` without the right key;
- 503 ``{"message": "…"}`` (with ``Retry-After``) the next N times it is told to (:meth:`unavailable`).

Every request is recorded, as it arrived and with what it was answered.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from api.domain import ocds_schema

PATH = "/api/notices"
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@dataclass(frozen=True)
class Request:
    """One request as the stand-in took it, and its answer."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    answer: dict[str, Any]

    def json(self) -> Any:
        return json.loads(self.body)


@functools.cache
def package_validator() -> Draft4Validator:
    """The release package schema, its release schema resolved to the merged one, locally."""
    release = ocds_schema.release_schema()
    registry: Registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, Resource.from_contents(release, default_specification=DRAFT4)
    )
    schema = json.loads((ocds_schema.STANDARD / "release-package-schema.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def package_problems(package: Any) -> list[str]:
    """What is wrong with a posted body, as a package of exactly one valid release."""
    if not isinstance(package, dict):
        return ["the body is not a JSON object"]
    found = [  # the package's own fields; its release is checked below, as the notices are
        f"package.{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in package_validator().iter_errors(package)
        if list(e.absolute_path)[:1] != ["releases"] or len(e.absolute_path) == 1
    ]
    releases = package.get("releases")
    if not isinstance(releases, list) or len(releases) != 1:
        return [*found, "package.releases: exactly one release, the notice's, is expected"]
    return found + (ocds_schema.problems(releases[0]) if isinstance(releases[0], dict) else ["release: not an object"])


class FindATenderStandIn:
    """Find a Tender's submission endpoint, on ``127.0.0.1`` and a port of the system's choosing."""

    def __init__(self, api_key: str = "cdp-test-key-7f3a") -> None:
        self.api_key = api_key
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._unavailable = 0
        self._published = 0
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                stand_in._handle(self)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                stand_in._answer(self, b"", 405, {"message": "POST a notice"})

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
                return  # quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="find-a-tender", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{PATH}"

    def start(self) -> FindATenderStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def unavailable(self, times: int) -> None:
        """Answer the next ``times`` requests 503, whatever they carry."""
        with self.lock:
            self._unavailable = times

    def received(self) -> list[Request]:
        with self.lock:
            return list(self.requests)

    def releases(self) -> list[dict[str, Any]]:
        """The releases of the notices accepted, in order."""
        return [r.json()["releases"][0] for r in self.received() if r.status == 201]

    # -- answering ---------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("content-length") or 0)
        body = request.rfile.read(length) if length else b""
        status, answer = self._judge(request, body)
        self._answer(request, body, status, answer)

    def _judge(self, request: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self._unavailable > 0:
                self._unavailable -= 1
                return 503, {"message": "The service is temporarily unavailable: try again later"}
        if request.path != PATH:
            return 404, {"message": f"no such endpoint: {request.path}"}
        if request.headers.get("CDP-Api-Key") != self.api_key:
            return 401, {"timestamp": _now(), "status": 401, "error": "Access Denied", "path": request.path}
        if (request.headers.get("content-type") or "").split(";")[0].strip() != "application/json":
            return 415, {"message": "Content-Type must be application/json"}
        try:
            package = json.loads(body)
        except ValueError:
            return 400, {"message": "The body is not JSON"}
        found = package_problems(package)
        if found:
            return 400, {"message": f"The notice is not valid: {'; '.join(found)}"}
        with self.lock:
            self._published += 1
            number = self._published
        return 201, {"noticeId": f"{number:06d}-{dt.date.today().year}", "status": "RECEIVED", "received_at": _now()}

    def _answer(self, request: BaseHTTPRequestHandler, body: bytes, status: int, answer: dict[str, Any]) -> None:
        with self.lock:
            self.requests.append(
                Request(
                    request.command,
                    request.path,
                    {k.lower(): v for k, v in request.headers.items()},
                    body,
                    status,
                    answer,
                )
            )
        data = json.dumps(answer).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        if status == 503:
            request.send_header("Retry-After", "1")
        request.end_headers()
        request.wfile.write(data)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")


@contextmanager
def find_a_tender(api_key: str = "cdp-test-key-7f3a") -> Iterator[FindATenderStandIn]:
    """A running stand-in, stopped afterwards."""
    stand_in = FindATenderStandIn(api_key).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()
