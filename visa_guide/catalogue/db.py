"""Engines for the catalogue database (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url


def make_engine(url: str) -> Engine:
    """An engine for `url`; for a SQLite file, its folder is created and foreign keys are enforced."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A connection per session (SQLAlchemy 1.4's default for a file): a pooled one would keep reading a
        # deleted or replaced file. Reads are cached per catalogue version (queries.py), so this costs little.
        engine = create_engine(url, hide_parameters=True, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
        return engine
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, pool_size=5, connect_args={"connect_timeout": 5}
    )
