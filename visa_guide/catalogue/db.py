"""Engines for the catalogue database (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool


def make_engine(url: str) -> Engine:
    """An engine for `url`; for a SQLite file, its folder is created and foreign keys are enforced."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        file_database = parsed.database not in (None, "", ":memory:")
        engine = create_engine(
            url,
            hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": 5},
            # keep connections open between reads (SQLAlchemy 1.4 opens one per session for a file)
            **({"poolclass": QueuePool} if file_database else {}),
        )
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
        return engine
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, pool_size=5, connect_args={"connect_timeout": 5}
    )
