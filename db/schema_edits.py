"""Constraint changes for migrations that SQLite's ``ALTER TABLE`` cannot make.

PostgreSQL drops a CHECK constraint and creates it anew. SQLite cannot alter a constraint, and rebuilding a
table that other tables refer to would delete or detach their rows (``ON DELETE CASCADE``/``SET NULL``), so
there the ``CREATE TABLE`` statement SQLite keeps is rewritten in place: the procedure SQLite documents for
constraint changes its ``ALTER TABLE`` cannot make. It leaves the stored rows as they are, so it is used
only for changes every stored row already satisfies (a list of values widened, a key on an empty column).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from alembic import op


def values_check(column: str, values: Sequence[str], *, negated: bool = False) -> str:
    """``role IN ('A', 'B')``, as the enum columns' CHECK constraints are written."""
    listed = ", ".join(f"'{value}'" for value in values)
    return f"{column} {'NOT IN' if negated else 'IN'} ({listed})"


def replace_check(table: str, name: str, *, was: Sequence[str], now: str) -> None:
    """Make ``table``'s CHECK constraint ``name`` say ``now``; on SQLite its text was one of ``was``."""
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(name), table, type_="check")
        op.create_check_constraint(op.f(name), table, now)
        return

    def edit(sql: str) -> str:
        for old in was:
            written = f"CONSTRAINT {name} CHECK ({old})"
            if written in sql:
                return sql.replace(written, f"CONSTRAINT {name} CHECK ({now})")
        raise RuntimeError(f"{table}: the constraint {name} is not as this migration expects; nothing was changed")

    edit_sqlite_schema(table, edit)


def edit_sqlite_schema(table: str, edit: Callable[[str], str]) -> None:
    """Rewrite the ``CREATE TABLE`` statement SQLite keeps for ``table``, leaving its rows as they are."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (edit(sql), table))
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def add_checks(table: str, checks: dict[str, str]) -> None:
    """Add CHECK constraints (name: condition) to ``table``; the stored rows must already satisfy them."""
    if op.get_bind().dialect.name != "sqlite":
        for name, condition in checks.items():
            op.create_check_constraint(op.f(name), table, condition)
        return

    def edit(sql: str) -> str:
        body = sql.rstrip().removesuffix(")").rstrip()
        added = "".join(f", \n\tCONSTRAINT {name} CHECK ({condition})" for name, condition in checks.items())
        return f"{body}{added}\n)"

    edit_sqlite_schema(table, edit)


def drop_checks(table: str, names: Sequence[str]) -> None:
    """Drop ``table``'s CHECK constraints ``names``."""
    if op.get_bind().dialect.name != "sqlite":
        for name in names:
            op.drop_constraint(op.f(name), table, type_="check")
        return

    def edit(sql: str) -> str:
        for name in names:
            pattern = re.compile(rf",\s*CONSTRAINT {name} CHECK \((?:[^()]|\([^()]*\))*\)")
            sql, found = pattern.subn("", sql)
            if not found:
                raise RuntimeError(f"{table}: the constraint {name} is not as this migration expects")
        return sql

    edit_sqlite_schema(table, edit)
