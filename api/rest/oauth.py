"""OAuth 2 endpoints of the built-in authorization server.

``POST /oauth/token`` issues tokens; ``POST /oauth/revoke`` revokes a refresh token (RFC 7009);
``/oauth/authorize`` is the sign-in page
of the authorization code flow; ``/.well-known/oauth-authorization-server``
is the RFC 8414 metadata. The OAuth logic itself is in :mod:`api.auth.server`.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
from collections.abc import Callable, Sequence
from urllib.parse import parse_qsl, urlsplit

from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Error
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc.jwk import RSAKey
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from api.auth.passwords import verify_password
from api.auth.server import (
    CLIENT_AUTH_METHODS,
    GRANT_TYPES,
    SUPPORTED_SCOPES,
    AuthorizationServer,
    Client,
    HttpRequest,
    IssuerConfig,
    SecretCheck,
)
from api.auth.throttle import Refused, SignInThrottle
from api.rest.pages import (
    PLAIN_HEADERS,
    Problem,
    button,
    code,
    document,
    field_error,
    form,
    h1,
    hidden,
    link,
    p,
    page_headers,
    strong,
    text_input,
)
from db.models import User

AUTHORIZE_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "nonce",
)
MAX_FORM_BYTES = 16 * 1024
WRONG_CREDENTIALS = "The username or password is incorrect."
TOO_MANY_ATTEMPTS = (
    "There have been too many attempts to sign in to this account or from this network. Try again in {wait}. "
    "If you have forgotten your password, reset it with the link below the form."
)
FORM_EXPIRED = "This sign-in form has expired or was not sent from this site. Please sign in again."


class LoginCsrf:
    """Cross-site request forgery protection for the sign-in form.

    Double submit, signed and expiring: the browser holds a random value in a
    SameSite cookie, and the form carries ``expiry.HMAC(value, expiry)`` under
    a key derived from the token signing key. A forged cross-site post has
    neither the cookie nor a token matching it.
    """

    COOKIE = "oauth_login_csrf"
    LIFETIME = 15 * 60
    _VALUE = re.compile(r"^[A-Za-z0-9_-]{43}$")

    def __init__(self, signing_key: RSAKey) -> None:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"nwsend oauth sign-in csrf")
        self._key = hkdf.derive(signing_key.as_pem(private=True))

    def issue(self, cookie: str | None) -> tuple[str, str]:
        """The cookie value (kept when already valid) and a fresh form token for it."""
        value = cookie if cookie and self._VALUE.match(cookie) else secrets.token_urlsafe(32)
        expires = int(time.time()) + self.LIFETIME
        return value, f"{expires}.{self._mac(value, expires)}"

    def check(self, cookie: str | None, token: str | None) -> bool:
        if not cookie or not token:
            return False
        expires, _, mac = token.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(mac, self._mac(cookie, int(expires)))

    def attach(self, response: Response, request: Request, cookie: str) -> Response:
        """Set the cookie half of the pair on a form page, scoped to that page's path."""
        response.set_cookie(
            self.COOKIE,
            cookie,
            max_age=self.LIFETIME,
            path=request.url.path,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    def _mac(self, value: str, expires: int) -> str:
        return hmac.new(self._key, f"{value}.{expires}".encode(), hashlib.sha256).hexdigest()


class OAuthEndpoints:
    """The Starlette endpoints; one instance per application."""

    def __init__(self, *, signing_key: RSAKey, issuer: str, audience: str, throttle: SignInThrottle) -> None:
        self.config = IssuerConfig(signing_key=signing_key, issuer=issuer, audience=audience)
        self.csrf = LoginCsrf(signing_key)
        self.throttle = throttle

    def _server(self, session: Session, secrets_checked: SecretCheck | None = None) -> AuthorizationServer:
        checked = secrets_checked.results if secrets_checked else None
        return AuthorizationServer(self.config, session, checked_secrets=checked)

    # -- token ------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        """RFC 6749 §3.2: every error is the standard JSON error object."""
        return await self._answer(request, lambda server, http: server.create_token_response(http))

    async def revoke(self, request: Request) -> Response:
        """RFC 7009: a client revokes a refresh token it holds (signing out); errors as at the token endpoint."""
        return await self._answer(request, lambda server, http: server.create_endpoint_response("revocation", http))

    async def _answer(
        self, request: Request, respond: Callable[[AuthorizationServer, HttpRequest], Response]
    ) -> Response:
        """One endpoint of the authorization server, in the request's transaction, client secrets checked first."""
        session = request.state.session
        try:
            http = await _read(request)
            checked = await SecretCheck.of(session, http)
            response = await session.run_sync(lambda s: respond(self._server(s, checked), http))
        except OAuth2Error as error:
            return _json_error(error)
        await session.commit()
        return response

    # -- authorize ----------------------------------------------------------------

    async def authorize(self, request: Request) -> Response:
        """GET shows the sign-in page; POST signs in and redirects with a code."""
        if request.method == "POST":
            return await self._sign_in(request)
        session = request.state.session
        try:
            http = await _read(request)
            client = await session.run_sync(lambda s: _validate(self._server(s), http))
        except OAuth2Error as error:
            return _authorize_error(error)
        return self._login_page(request, client, _oauth_params(http.query))

    async def _sign_in(self, request: Request) -> Response:
        session = request.state.session
        try:
            posted = await _read(request)
            params = _oauth_params(posted.form)
            http = HttpRequest(method="POST", url=posted.url, headers=posted.headers, form=params)
            client = await session.run_sync(lambda s: _validate(self._server(s), http))
        except OAuth2Error as error:
            return _authorize_error(error)
        form = dict(reversed(posted.form))  # the first of repeated values
        username = form.get("username", "").strip().lower()
        if not self.csrf.check(request.cookies.get(LoginCsrf.COOKIE), form.get("csrf_token")):
            expired = [Problem(FORM_EXPIRED)]
            return self._login_page(request, client, params, problems=expired, username=username, status=400)

        # Counted before the password is checked, known or unknown username alike (api/auth/throttle.py).
        now = request.app.state.clock.now()
        address = request.client.host if request.client else "unknown"
        attempt = await self.throttle.begin(username=username, address=address, now=now)
        if isinstance(attempt, Refused):
            wait = [Problem(TOO_MANY_ATTEMPTS.format(wait=_duration(attempt.retry_after)))]
            headers = {"Retry-After": str(attempt.retry_after)}
            return self._login_page(
                request, client, params, problems=wait, username=username, status=429, headers=headers
            )

        user = None
        if username:
            user = await session.scalar(select(User).where(User.username == username, User.active.is_(True)))
        # An unknown user is checked against a dummy hash: as slow as a wrong password.
        stored = user.password_hash if user is not None else None
        verification = await run_in_threadpool(verify_password, stored, form.get("password", ""))
        if user is None or not verification.ok:
            await self.throttle.failed(attempt, user_id=user.id if user is not None else None, now=now)
            error = WRONG_CREDENTIALS
            if attempt.retry_after is not None:
                error += " " + TOO_MANY_ATTEMPTS.format(wait=_duration(attempt.retry_after))
            # the same problem, on the password, whether or not the username is anyone's
            wrong = [Problem(error, field="password")]
            return self._login_page(request, client, params, problems=wrong, username=username)
        await self.throttle.succeeded(attempt)
        if verification.new_hash:
            user.password_hash = verification.new_hash

        def issue(s: Session) -> Response:
            server = self._server(s)
            grant = server.get_consent_grant(http, end_user=user)
            return server.create_authorization_response(request=grant.request, grant_user=user, grant=grant)

        try:
            response = await session.run_sync(issue)
        except OAuth2Error as error:
            return _authorize_error(error)
        await session.commit()
        response.headers.update({"Cache-Control": "no-store", "Pragma": "no-cache"})
        return response

    def _login_page(
        self,
        request: Request,
        client: Client,
        params: Sequence[tuple[str, str]],
        *,
        problems: Sequence[Problem] = (),
        username: str = "",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> HTMLResponse:
        cookie, token = self.csrf.issue(request.cookies.get(LoginCsrf.COOKIE))
        page = login_page(
            action=request.url.path,
            client_name=client.row.name,
            params=[*params, ("csrf_token", token)],
            problems=problems,
            username=username,
        )
        policy = page_headers(form_action=form_targets(client.row.redirect_uris or []))
        response = HTMLResponse(page, status_code=status, headers={**policy, **(headers or {})})
        return self.csrf.attach(response, request, cookie)

    # -- metadata -------------------------------------------------------------------

    async def metadata(self, request: Request) -> JSONResponse:
        """RFC 8414 authorization server metadata."""
        base = self.config.issuer.rstrip("/")
        return JSONResponse(
            {
                "issuer": self.config.issuer,
                "authorization_endpoint": f"{base}/oauth/authorize",
                "token_endpoint": f"{base}/oauth/token",
                "revocation_endpoint": f"{base}/oauth/revoke",
                "revocation_endpoint_auth_methods_supported": list(CLIENT_AUTH_METHODS),
                "jwks_uri": f"{base}/.well-known/jwks.json",
                "scopes_supported": list(SUPPORTED_SCOPES),
                "response_types_supported": ["code"],
                "response_modes_supported": ["query"],
                "grant_types_supported": list(GRANT_TYPES),
                "token_endpoint_auth_methods_supported": list(CLIENT_AUTH_METHODS),
                "code_challenge_methods_supported": ["S256"],
            }
        )


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


async def _read(request: Request) -> HttpRequest:
    """The request with its form body parsed, read before authlib runs."""
    form: list[tuple[str, str]] = []
    if request.method == "POST":
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/x-www-form-urlencoded":
            raise InvalidRequestError("Send the parameters as application/x-www-form-urlencoded.")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_FORM_BYTES:
                raise InvalidRequestError("The request body is too large.")
        try:
            form = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=100)
        except (UnicodeDecodeError, ValueError) as exc:
            raise InvalidRequestError("The request body is not a valid form.") from exc
    query = request.query_params.multi_items()
    _printable_oauth_values([*query, *form])
    return HttpRequest(method=request.method, url=str(request.url), headers=request.headers, query=query, form=form)


# RFC 6749 appendix A: every OAuth parameter but the resource owner's username and password is printable ASCII.
OAUTH_PARAMS = frozenset({*AUTHORIZE_PARAMS, "grant_type", "code", "code_verifier", "refresh_token", "client_secret"})
_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # not in a username or password (UNICODECHARNOCRLF)
# RFC 6749 A.3: response-type = response-name *( SP response-name ), of "_", digits and letters
_RESPONSE_TYPE = re.compile(r"[A-Za-z0-9_]+(?: [A-Za-z0-9_]+)*")
# RFC 3986: the characters a URI may hold (no space, quote, backslash, angle bracket, brace, caret or backtick)
_URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_SHAPES = {
    "response_type": (_RESPONSE_TYPE, "only letters, digits, underscores and single spaces are allowed."),
    "redirect_uri": (_URI, "not a valid URI: spaces, quotes, backslashes and angle brackets must be percent-encoded."),
}


def _printable_oauth_values(pairs: Sequence[tuple[str, str]]) -> None:
    """Refuse a parameter with characters the standard forbids, before authlib echoes it or a query carries it.

    Authlib refuses (with an exception, not an OAuth error) to put a quote or a backslash in an error
    description, and it quotes ``response_type`` and ``redirect_uri`` in its own: those two are checked
    against their grammar first, and refused as ``invalid_request`` without being repeated.
    """
    for key, value in pairs:
        if key in OAUTH_PARAMS and not _PRINTABLE.fullmatch(value):
            raise InvalidRequestError(f"{key}: only printable ASCII characters are allowed.")
        if key in _SHAPES and value:
            shape, problem = _SHAPES[key]
            if not shape.fullmatch(value):
                raise InvalidRequestError(f"{key}: {problem}")
        if key in ("username", "password") and _CONTROL.search(value):
            raise InvalidRequestError(f"{key}: control characters are not allowed.")


def _duration(seconds: int) -> str:
    """``45 seconds``, ``1 second``, ``30 minutes``: how long to wait, rounded up."""
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def _oauth_params(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Only the authorization request's own parameters, repeats kept so that they are refused."""
    return [(key, value) for key, value in pairs if key in AUTHORIZE_PARAMS]


def _validate(server: AuthorizationServer, http: HttpRequest) -> Client:
    """The client of a valid authorization request; :class:`OAuth2Error` otherwise."""
    grant = server.get_consent_grant(http, end_user=None)
    return grant.request.client


def _json_error(error: OAuth2Error) -> Response:
    status, body, headers = error()
    return JSONResponse(body, status_code=status, headers=dict(headers))


def _authorize_error(error: OAuth2Error) -> Response:
    """RFC 6749 §4.1.2.1: redirect only to a redirect URI validated for the client; else show the error."""
    if error.redirect_uri:
        status, _, headers = error()
        return Response(status_code=status, headers={**dict(headers), "Cache-Control": "no-store"})
    page = error_page(error.error or "invalid_request", error.description or "")
    return HTMLResponse(page, status_code=400, headers=PLAIN_HEADERS)


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
_HOST_PORT = re.compile(r"(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?")


def form_targets(redirect_uris: Sequence[str]) -> list[str]:
    """The sign-in form's ``form-action`` sources: this server, and the origins its answer may redirect to.

    Browsers hold a form's redirects to its page's ``form-action`` too, so the client's registered
    redirect URIs (exact matches only, :func:`api.auth.server._redirect_matches`) are listed by origin,
    or by scheme for an app's own scheme. A URI that cannot be written as a source is left out.
    """
    sources = ["'self'"]
    for uri in redirect_uris:
        parts = urlsplit(uri)
        scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
        if scheme in ("http", "https"):
            source = f"{scheme}://{netloc}" if _HOST_PORT.fullmatch(netloc) else None
        else:
            source = f"{scheme}:" if _SCHEME.fullmatch(scheme) else None
        if source and source not in sources:
            sources.append(source)
    return sources


def login_page(
    *,
    action: str,
    client_name: str,
    params: Sequence[tuple[str, str]],
    problems: Sequence[Problem] = (),
    username: str = "",
) -> str:
    """The sign-in form; the OAuth parameters travel in hidden fields."""
    return document(
        "Sign in",
        h1("Sign in"),
        p("Sign in to continue to ", strong(client_name), "."),
        form(
            action,
            *(hidden(key, value) for key, value in params),
            text_input(
                "username",
                "Username",
                value=username,
                autocomplete="username",
                autocapitalize="none",
                spellcheck=False,
                error=field_error(problems, "username"),
            ),
            text_input(
                "password",
                "Password",
                type_="password",
                autocomplete="current-password",
                autocapitalize="none",
                spellcheck=False,
                error=field_error(problems, "password"),
            ),
            button("Sign in"),
        ),
        p(link("/password-reset", "Forgotten your password?")),
        problems=problems,
    )


def error_page(error: str, description: str) -> str:
    """Shown instead of redirecting when the client or its redirect URI cannot be trusted."""
    return document(
        "This sign-in link cannot be used",
        h1("This sign-in link cannot be used"),
        p(description or "The authorization request is not valid."),
        p("Error code: ", code(error)),
        p(
            "Go back to the application you came from and try again. If it keeps happening, "
            "tell the application’s support team."
        ),
    )
