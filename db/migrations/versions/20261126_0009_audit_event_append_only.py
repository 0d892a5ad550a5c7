"""The audit trail is append-only in the database itself (PostgreSQL).

A trigger refuses every UPDATE, DELETE and TRUNCATE of ``audit_event``, whoever
asks, the application's own role included. It is enabled ALWAYS, so a session
in ``session_replication_role = replica`` does not skip it either: only the
table's owner can switch it off, with ``ALTER TABLE ... DISABLE TRIGGER``, and
the hash chain (``nwsend verify-audit``) shows what was changed meanwhile.

SQLite, the embedded database, has no roles to separate: there the hash chain
alone makes tampering visible.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit events are only ever added; a correction is a new event.';
END
$$
"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.execute(_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    )
    op.execute("ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only")
    op.execute("ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate")


def downgrade() -> None:
    if not _postgresql():
        return
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
    op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
    op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
