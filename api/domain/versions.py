"""Optimistic locking: a write names the version it was based on."""

from __future__ import annotations

from typing import Any

from api.domain.errors import StaleVersion


def expect_version(row: Any, version: int | None, *, field: str = "input.version") -> None:
    """Refuse a change based on an older read of ``row``.

    The database re-checks the version in the UPDATE itself, so two writers
    that both pass this check still cannot both win.
    """
    if version is not None and row.version != version:
        raise StaleVersion(
            f"This was changed since you read it (you had version {version}, it is now {row.version}). "
            "Read it again and retry.",
            current_version=row.version,
            field=field,
        )
