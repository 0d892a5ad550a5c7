"""Settings, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _origins(value: str | None) -> tuple[str, ...]:
    """``CORS_ORIGINS``: origins as a browser sends them, ``scheme://host[:port]``; a trailing ``/`` is dropped.

    Anything else (a path, a query, ``*``) is refused at start-up, rather than matching no request.
    """
    origins = []
    for part in _list(value):
        try:
            url = urlsplit(part)
            url.port  # noqa: B018 - raises on a port that is not one
        except ValueError:
            url = None
        if (
            url is None
            or url.scheme.lower() not in ("http", "https")
            or not url.hostname
            or "@" in url.netloc
            or url.path not in ("", "/")
            or url.query
            or url.fragment
            or part.endswith(("?", "#"))
        ):
            raise ValueError(
                f"CORS_ORIGINS: {part!r} is not an origin; give scheme://host[:port], e.g. https://fps.example.org"
            )
        origins.append(f"{url.scheme}://{url.netloc}".lower())
    return tuple(origins)


def _pairs(value: str | None) -> tuple[tuple[str, str], ...]:
    """``a=B,c=D`` as pairs."""
    pairs = []
    for part in _list(value):
        key, sep, mapped = part.partition("=")
        if not sep:
            raise ValueError(f"expected name=ROLE in {part!r}")
        pairs.append((key.strip(), mapped.strip()))
    return tuple(pairs)


def _int(name: str, default: int) -> int:
    """A whole number of at least 1 from the environment."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be at least 1")
    return number


def _seconds_or_off(name: str, default: float) -> float:
    """A number of seconds from the environment, or 0 (or ``off``) for "not at all"."""
    value = os.environ.get(name)
    if value is not None and value.strip().lower() in ("0", "off"):
        return 0.0
    return _float(name, default)


def _float(name: str, default: float) -> float:
    """A positive number of seconds from the environment."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None
    if not number > 0:
        raise ValueError(f"{name} must be more than 0")
    return number


def _templates(value: str | None) -> tuple[tuple[str, str], ...]:
    """``NOTIFY_TEMPLATES``: ``kind=template-id`` pairs, comma-separated, or the path of a file of such lines."""
    if value and "=" not in value:
        path = value.strip()
        try:
            with open(path, encoding="utf-8") as file:
                lines = [line.split("#", 1)[0].strip() for line in file]
        except OSError as exc:
            raise ValueError(f"NOTIFY_TEMPLATES: cannot read {path!r}: {exc.strerror or exc}") from None
        value = ",".join(line for line in lines if line)
    try:
        return _pairs(value)
    except ValueError as exc:
        raise ValueError(f"NOTIFY_TEMPLATES: {exc}; give kind=template-id pairs") from None


def _find_a_tender_url(value: str | None, *, development: bool) -> str | None:
    """``FIND_A_TENDER_URL``, checked at start-up: ``https://`` (``http://`` on loopback, in development only)."""
    if not value or not value.strip():
        return None
    url = urlsplit(value.strip())
    try:
        url.port  # noqa: B018 - raises on a port that is not one
    except ValueError:
        raise ValueError("FIND_A_TENDER_URL has a port that is not a number") from None
    loopback = url.hostname in ("127.0.0.1", "localhost", "::1")
    if not url.hostname or url.username or url.password or url.fragment:
        raise ValueError("FIND_A_TENDER_URL must be https://host/path, without credentials (the key goes apart)")
    if url.scheme != "https" and not (url.scheme == "http" and loopback and development):
        raise ValueError("FIND_A_TENDER_URL must be https:// (http:// only on loopback, in development)")
    return value.strip()


def lease_margin(timeout: float) -> float:
    """How much longer than one delivery's timeout a lease must be: a quarter of it, and 2 seconds at least."""
    return max(2.0, timeout / 4)


def check_lease(lease: float, timeout: float) -> None:
    """Refuse a lease too short for one delivery: another relay could take a row while it is being sent."""
    if lease < timeout + lease_margin(timeout):
        raise ValueError(
            f"NOTIFY_LEASE_SECONDS ({lease:g}) must be at least NOTIFY_DELIVERY_TIMEOUT ({timeout:g}) plus "
            f"{lease_margin(timeout):g} seconds ({timeout + lease_margin(timeout):g}): a shorter lease lets another "
            "relay take and send a notification while it is still being delivered"
        )


def _optional_flag(name: str) -> bool | None:
    """An on/off setting that may be left unset (None): its default then depends on other settings."""
    if not os.environ.get(name, "").strip():
        return None
    return _flag(name, False)


def _smtp_url(value: str | None) -> str | None:
    """``SMTP_URL``, checked at start-up rather than at the first message."""
    if not value or not value.strip():
        return None
    url = urlsplit(value.strip())
    try:
        url.port  # noqa: B018 - raises on a port that is not one
    except ValueError:
        raise ValueError("SMTP_URL has a port that is not a number") from None
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise ValueError("SMTP_URL must be smtp://[user:password@]host[:port] or smtps://[user:password@]host[:port]")
    return value.strip()


def _rate_limit(value: str | None) -> str | None:
    """``RATE_LIMIT``: per-client limits such as ``50/second;1500/minute``; ``off`` for none."""
    if value is None:
        return Settings.rate_limit
    value = value.strip()
    return None if value.lower() in {"", "off", "none", "0"} else value


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Every value has a working embedded default."""

    database_url: str | None = None
    environment: str = "development"
    oauth_issuer: str = "http://127.0.0.1:8000"
    oauth_audience: str = "nwsend-api"
    signing_key_file: str = "var/oauth/signing-key.pem"
    previous_signing_key_files: tuple[str, ...] = ()
    external_issuer: str | None = None
    external_jwks_url: str | None = None
    external_roles_claim: str = "roles"
    external_role_map: tuple[tuple[str, str], ...] = ()
    external_scope_claim: str = "scope"
    external_authority_claim: str = "authority_id"
    external_provider_claim: str = "provider_id"
    document_storage: str = "local"
    document_dir: str = "var/documents"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    upload_url_ttl: int = 900
    download_url_ttl: int = 300
    document_max_bytes: tuple[tuple[str, int], ...] = ()
    storage_timeout: float = 10.0  # seconds any one call to document storage may take
    # PostgreSQL: seconds to connect, to run one statement, and to wait for a pooled connection
    database_connect_timeout: float = 3.0
    database_statement_timeout: float = 15.0
    database_pool_timeout: float = 3.0
    graphiql: bool = True
    introspection: bool = True
    max_query_depth: int = 12
    max_query_cost: int = 20000
    # requests per client (token client and subject, else address), in the `limits` notation; None for no limit
    rate_limit: str | None = "1000/second;30000/minute"
    rate_limit_storage_url: str = "async+memory://"  # each process counts alone; redis:// to share
    cors_origins: tuple[str, ...] = ()  # origins whose pages may call the API; none by default
    # True when OAUTH_SIGNING_KEY_FILE was not set and the development key path is used: refused in production
    signing_key_from_default: bool = False
    # sign-in throttling (api/auth/throttle.py): per account and per address, counted in the database
    sign_in_backoff_after: int = 3  # failures of one account before each further attempt must wait
    sign_in_backoff_seconds: int = 1  # the first wait; it doubles with each further failure
    sign_in_backoff_max_seconds: int = 300
    sign_in_lock_after: int = 10  # failures of one account that lock it
    sign_in_lock_seconds: int = 1800  # how long a lock lasts, unless an administrator unlocks sooner
    sign_in_address_backoff_after: int = 30  # failures from one address before it must wait
    sign_in_forget_after_seconds: int = 3600  # failures are forgotten after this long without another
    # password reset requests (api/auth/password_reset.py): per e-mail address and per source address, an hour
    password_reset_per_email: int = 3
    password_reset_per_address: int = 20
    # notifications (api/domain/notifications.py, api/domain/relay.py, api/delivery/): the e-mail channel is
    # GOV.UK Notify when notify_api_key is set, else SMTP when smtp_url is, else .eml files under mail_dir
    mail_dir: str = "var/mail"
    mail_from: str = "North West SEND purchasing <no-reply@fps.example.org>"
    smtp_url: str | None = None
    smtp_require_tls: bool | None = None  # None: required when SMTP_URL carries credentials
    notify_api_key: str | None = None
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_templates: tuple[tuple[str, str], ...] = ()  # kind -> Notify template id
    notify_relay: bool = True  # run the relay inside the server process (`serve`); `worker` runs it apart
    notify_max_attempts: int = 8  # attempts before a notification is left FAILED
    notify_poll_seconds: float = 1.0  # how often an idle relay looks for due notifications
    notify_batch_size: int = 20  # notifications one relay claims at a time
    notify_lease_seconds: float = 120.0  # how long a claimed notification is held before another relay may take it
    notify_backoff_seconds: float = 60.0  # the first wait before a retry; it doubles each time, with jitter
    notify_backoff_max_seconds: float = 21600.0  # the longest wait between attempts
    notify_delivery_timeout: float = 30.0  # seconds one delivery may take before it counts as failed, retryably
    notify_concurrency: int = 4  # deliveries one relay makes at once (one at a time on SQLite)
    notify_reminder_seconds: float = 60.0  # how often a relay writes the reminders now due; 0: not in this process
    # webhooks (api/domain/webhooks.py, api/delivery/webhooks.py): the time one POST to an endpoint may take,
    # and how long a rotated secret still signs events (beside the new one)
    webhook_timeout: float = 10.0
    webhook_secret_overlap_seconds: float = 86400.0
    # Find a Tender (api/delivery/find_a_tender.py): where queued Procurement Act notices are POSTed, with the
    # CDP API key; without a URL the relay takes no notice, and queued notices stay QUEUED
    find_a_tender_url: str | None = None
    find_a_tender_api_key: str | None = None

    @property
    def public_url(self) -> str:
        """Where clients reach the API; also the built-in issuer."""
        return self.oauth_issuer

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_development(self) -> bool:
        """Only development seeds the fictional demo and its published identities."""
        return self.environment == "development"

    def production_problems(self) -> list[str]:
        """What keeps these settings from serving production; empty outside production."""
        if not self.is_production:
            return []
        problems = []
        if self.signing_key_from_default:
            problems.append(
                "APP_ENV=production needs OAUTH_SIGNING_KEY_FILE: the path of the RSA key that signs tokens "
                "(the development key path is never used in production)"
            )
        return problems

    @classmethod
    def from_env(cls) -> Settings:
        environment = os.environ.get("APP_ENV", "development")
        development = environment != "production"
        jwks_url = os.environ.get("OAUTH_JWKS_URL") or None
        if jwks_url and not os.environ.get("OAUTH_ISSUER"):
            raise ValueError("OAUTH_JWKS_URL is set: set OAUTH_ISSUER to the issuer whose tokens it verifies")
        settings = cls(
            database_url=os.environ.get("DATABASE_URL"),
            environment=environment,
            oauth_issuer=os.environ.get("PUBLIC_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"),
            oauth_audience=os.environ.get("OAUTH_AUDIENCE", "nwsend-api"),
            signing_key_file=os.environ.get("OAUTH_SIGNING_KEY_FILE") or "var/oauth/signing-key.pem",
            signing_key_from_default=not os.environ.get("OAUTH_SIGNING_KEY_FILE"),
            previous_signing_key_files=_list(os.environ.get("OAUTH_PREVIOUS_SIGNING_KEY_FILES")),
            external_issuer=os.environ.get("OAUTH_ISSUER") if jwks_url else None,
            external_jwks_url=jwks_url,
            external_roles_claim=os.environ.get("OAUTH_ROLES_CLAIM", "roles"),
            external_role_map=_pairs(os.environ.get("OAUTH_ROLE_MAP")),
            external_scope_claim=os.environ.get("OAUTH_SCOPE_CLAIM", "scope"),
            external_authority_claim=os.environ.get("OAUTH_AUTHORITY_CLAIM", "authority_id"),
            external_provider_claim=os.environ.get("OAUTH_PROVIDER_CLAIM", "provider_id"),
            document_storage=os.environ.get("DOCUMENT_STORAGE", "s3" if os.environ.get("S3_BUCKET") else "local"),
            document_dir=os.environ.get("DOCUMENT_DIR", "var/documents"),
            s3_bucket=os.environ.get("S3_BUCKET"),
            s3_endpoint_url=os.environ.get("S3_ENDPOINT_URL"),
            s3_region=os.environ.get("S3_REGION"),
            upload_url_ttl=int(os.environ.get("UPLOAD_URL_TTL", "900")),
            download_url_ttl=int(os.environ.get("DOWNLOAD_URL_TTL", "300")),
            document_max_bytes=tuple((k, int(v)) for k, v in _pairs(os.environ.get("DOCUMENT_MAX_BYTES"))),
            storage_timeout=float(os.environ.get("STORAGE_TIMEOUT", "10")),
            database_connect_timeout=float(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
            database_statement_timeout=float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "15")),
            database_pool_timeout=float(os.environ.get("DATABASE_POOL_TIMEOUT", "3")),
            graphiql=_flag("GRAPHIQL", development),
            introspection=_flag("INTROSPECTION", development),
            max_query_depth=int(os.environ.get("MAX_QUERY_DEPTH", "12")),
            max_query_cost=int(os.environ.get("MAX_QUERY_COST", "20000")),
            rate_limit=_rate_limit(os.environ.get("RATE_LIMIT")),
            rate_limit_storage_url=os.environ.get("RATE_LIMIT_STORAGE_URL", "async+memory://"),
            cors_origins=_origins(os.environ.get("CORS_ORIGINS")),
            sign_in_backoff_after=_int("SIGN_IN_BACKOFF_AFTER", 3),
            sign_in_backoff_seconds=_int("SIGN_IN_BACKOFF_SECONDS", 1),
            sign_in_backoff_max_seconds=_int("SIGN_IN_BACKOFF_MAX_SECONDS", 300),
            sign_in_lock_after=_int("SIGN_IN_LOCK_AFTER", 10),
            sign_in_lock_seconds=_int("SIGN_IN_LOCK_SECONDS", 1800),
            sign_in_address_backoff_after=_int("SIGN_IN_ADDRESS_BACKOFF_AFTER", 30),
            sign_in_forget_after_seconds=_int("SIGN_IN_FORGET_AFTER_SECONDS", 3600),
            password_reset_per_email=_int("PASSWORD_RESET_PER_EMAIL", 3),
            password_reset_per_address=_int("PASSWORD_RESET_PER_ADDRESS", 20),
            mail_dir=os.environ.get("MAIL_DIR") or "var/mail",
            mail_from=os.environ.get("MAIL_FROM") or cls.mail_from,
            smtp_url=_smtp_url(os.environ.get("SMTP_URL")),
            smtp_require_tls=_optional_flag("SMTP_REQUIRE_TLS"),
            notify_api_key=os.environ.get("NOTIFY_API_KEY") or None,
            notify_base_url=os.environ.get("NOTIFY_BASE_URL") or cls.notify_base_url,
            notify_templates=_templates(os.environ.get("NOTIFY_TEMPLATES")),
            notify_relay=_flag("NOTIFY_RELAY", True),
            notify_max_attempts=_int("NOTIFY_MAX_ATTEMPTS", 8),
            notify_poll_seconds=_float("NOTIFY_POLL_SECONDS", 1.0),
            notify_batch_size=_int("NOTIFY_BATCH_SIZE", 20),
            notify_lease_seconds=_float("NOTIFY_LEASE_SECONDS", 120.0),
            notify_backoff_seconds=_float("NOTIFY_BACKOFF_SECONDS", 60.0),
            notify_backoff_max_seconds=_float("NOTIFY_BACKOFF_MAX_SECONDS", 21600.0),
            notify_delivery_timeout=_float("NOTIFY_DELIVERY_TIMEOUT", 30.0),
            notify_concurrency=_int("NOTIFY_CONCURRENCY", 4),
            notify_reminder_seconds=_seconds_or_off("NOTIFY_REMINDER_SECONDS", 60.0),
            webhook_timeout=_float("WEBHOOK_TIMEOUT", 10.0),
            webhook_secret_overlap_seconds=_float("WEBHOOK_SECRET_OVERLAP_SECONDS", 86400.0),
            find_a_tender_url=_find_a_tender_url(os.environ.get("FIND_A_TENDER_URL"), development=development),
            find_a_tender_api_key=os.environ.get("FIND_A_TENDER_API_KEY", "").strip() or None,
        )
        if settings.find_a_tender_url and not settings.find_a_tender_api_key:
            raise ValueError(
                "FIND_A_TENDER_URL is set without FIND_A_TENDER_API_KEY: Find a Tender refuses a notice sent without "
                "its CDP API key"
            )
        check_lease(settings.notify_lease_seconds, settings.notify_delivery_timeout)
        return settings
