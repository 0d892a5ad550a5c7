"""Persistence: SQLAlchemy models, engine and session, alembic migrations.

Nothing here imports from ``api``.
"""
