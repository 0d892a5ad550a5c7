"""Migrations: one head, reversible, and matching the models, on both databases."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, String, inspect

import db.models  # noqa: F401
from db.base import Base
from db.engine import create_engine
from db.migrate import alembic_config, current_revision, downgrade, head_revision, upgrade


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def _differences(url: str, metadata: MetaData) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), metadata)
            )
    finally:
        await engine.dispose()


async def _migrate(url: str, *steps: str) -> str | None:
    engine = create_engine(url)
    try:
        for step in steps:
            await (upgrade(engine) if step == "up" else downgrade(engine))
        return await current_revision(engine)
    finally:
        await engine.dispose()


def test_there_is_exactly_one_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_upgrade_downgrade_upgrade(empty_database: str) -> None:
    model_tables = set(Base.metadata.tables)
    assert _run(_migrate(empty_database, "up")) == head_revision()
    assert model_tables <= _run(_tables(empty_database))

    assert _run(_migrate(empty_database, "down")) is None
    assert _run(_tables(empty_database)) - {"alembic_version"} == set()

    assert _run(_migrate(empty_database, "up")) == head_revision()
    assert model_tables <= _run(_tables(empty_database))


def test_models_match_migrations(empty_database: str) -> None:
    _run(_migrate(empty_database, "up"))
    assert _run(_differences(empty_database, Base.metadata)) == []


def test_a_model_change_without_a_migration_is_detected(empty_database: str) -> None:
    """The check above can fail: a column added only to the models shows up as a difference."""
    _run(_migrate(empty_database, "up"))
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["provider"].append_column(Column("unmigrated_note", String(20)))
    differences = _run(_differences(empty_database, changed))
    assert [d[0] for d in differences] == ["add_column"]
    assert differences[0][3].name == "unmigrated_note"


async def _check_constraints(url: str) -> set[tuple[str, str]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:

            def reflect(c: Any) -> set[tuple[str, str]]:
                inspector = inspect(c)
                return {
                    (table, ck["name"])
                    for table in inspector.get_table_names()
                    for ck in inspector.get_check_constraints(table)
                }

            return await connection.run_sync(reflect)
    finally:
        await engine.dispose()


def test_every_check_constraint_of_the_models_is_migrated(empty_database: str) -> None:
    """Autogenerate does not compare CHECK constraints, so compare their names here."""
    from sqlalchemy import CheckConstraint

    _run(_migrate(empty_database, "up"))
    declared = {
        (table.name, constraint.name)
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert len(declared) > 40
    assert declared - _run(_check_constraints(empty_database)) == set()
