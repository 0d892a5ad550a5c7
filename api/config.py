"""Settings, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Every value has a working embedded default."""

    database_url: str | None = None
    environment: str = "development"
    oauth_issuer: str = "http://127.0.0.1:8000"
    oauth_audience: str = "nwsend-api"
    signing_key_file: str = "var/oauth/signing-key.pem"
    graphiql: bool = True
    introspection: bool = True
    max_query_depth: int = 12

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls) -> Settings:
        environment = os.environ.get("APP_ENV", "development")
        development = environment != "production"
        return cls(
            database_url=os.environ.get("DATABASE_URL"),
            environment=environment,
            oauth_issuer=os.environ.get("OAUTH_ISSUER", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"),
            oauth_audience=os.environ.get("OAUTH_AUDIENCE", "nwsend-api"),
            signing_key_file=os.environ.get("OAUTH_SIGNING_KEY_FILE", "var/oauth/signing-key.pem"),
            graphiql=_flag("GRAPHIQL", development),
            introspection=_flag("INTROSPECTION", development),
            max_query_depth=int(os.environ.get("MAX_QUERY_DEPTH", "12")),
        )
