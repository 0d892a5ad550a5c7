"""The API's own database role owns nothing, and cannot alter the audit trail (PostgreSQL).

The grants are read from ``docs/operations.md`` and run as written there, on a database of this test's own,
for a role of its own: the API is served as that role, writes (with its audit event), reads and verifies,
and the role is refused every way of changing or removing an audit event, or of switching the trigger off.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from tests.conftest import _migrate_and_seed
from tests.reliability import POSTGRES_ONLY, database_name, verify_audit_here
from tests.support import POSTGRES_ADMIN_URL, WritableApi, fresh_database, serve
from tests.test_bids import load_world, ok

pytestmark = POSTGRES_ONLY

OPERATIONS = Path(__file__).resolve().parent.parent / "docs" / "operations.md"


def documented_grants(role: str, database: str) -> list[str]:
    """The statements of the documented grants block, for ``role`` on ``database``."""
    blocks = re.findall(r"```sql\n(.*?)```", OPERATIONS.read_text(), re.DOTALL)
    grants = next(b for b in blocks if "GRANT USAGE ON SCHEMA public TO nwsend_api" in b)
    text = grants.replace("nwsend_api", role).replace("DATABASE nwsend ", f'DATABASE "{database}" ')
    lines = [line for line in text.splitlines() if not line.startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


async def _admin(url: str, *statements: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


async def _refusals(url: str) -> dict[str, str | None]:
    """Each way of changing the audit trail, tried as the API's role: the error it got, or None."""
    attempts = {
        "update": "UPDATE audit_event SET actor = 'someone else' WHERE id = (SELECT min(id) FROM audit_event)",
        "delete": "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)",
        "truncate": "TRUNCATE audit_event",
        "disable the trigger": "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
        "disable every trigger": "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        "drop the trigger": "DROP TRIGGER audit_event_append_only ON audit_event",
        "drop the function": "DROP FUNCTION audit_event_append_only() CASCADE",
        "replica mode": "SET session_replication_role = replica",
        "take the table": "ALTER TABLE audit_event OWNER TO CURRENT_USER",
        "drop the table": "DROP TABLE audit_event",
    }
    connection = await asyncpg.connect(url)
    refused: dict[str, str | None] = {}
    try:
        for name, statement in attempts.items():
            try:
                async with connection.transaction():
                    await connection.execute(statement)
                refused[name] = None
            except asyncpg.PostgresError as exc:
                refused[name] = type(exc).__name__
        owns = await connection.fetchval(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"
        )
        refused["owns no table"] = None if owns == 0 else f"owns {owns} tables"
    finally:
        await connection.close()
    return refused


def test_the_api_role_cannot_alter_the_audit_trail(backend: str, tmp_path: Any) -> None:
    role = f"nwsend_api_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(POSTGRES_ADMIN_URL, f'CREATE ROLE "{role}" LOGIN'))
    try:
        with fresh_database(backend, tmp_path) as owner_url:
            asyncio.run(_migrate_and_seed(owner_url))  # the owner migrates
            name = database_name(owner_url)
            asyncio.run(_admin(owner_url, *documented_grants(role, name)))
            api_url = make_url(owner_url).set(username=role).render_as_string(hide_password=False)
            events_before = asyncio.run(_count_events(owner_url))

            live = serve(api_url, tmp_path)
            try:
                with httpx.Client(base_url=live.base_url, timeout=30) as http:
                    api = WritableApi(live=live, http=http, backend=backend)
                    assert http.get("/readyz").status_code == 200
                    world = load_world(api)
                    bidder = world.bidder()
                    assert ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["status"] == "DRAFT"
            finally:
                live.stop()
            assert asyncio.run(_count_events(owner_url)) == events_before + 1  # the API appended its event

            refused = asyncio.run(_refusals(api_url))
            assert all(error is not None for name, error in refused.items() if name != "owns no table"), refused
            assert refused["owns no table"] is None, refused
            assert asyncio.run(_count_events(owner_url)) == events_before + 1  # nothing changed
            code, report = verify_audit_here(api_url)
            assert code == 0, report
    finally:
        asyncio.run(_admin(POSTGRES_ADMIN_URL, f'DROP ROLE IF EXISTS "{role}"'))


async def _count_events(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM audit_event"))
    finally:
        await connection.close()
