"""Reads the events Rasa's SQLTrackerStore wrote, read-only, from SQLite or PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parent.parent
PERIOD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$", re.IGNORECASE)
SECONDS = {"h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True)
class StoredEvent:
    sender_id: str
    type_name: str
    timestamp: float
    data: dict[str, Any]


def tracker_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{ROOT / 'var' / 'tracker.db'}"


def since_cutoff(since: str | None, now: float | None = None) -> float | None:
    """The timestamp `since` ('7d', '24h', '2w') before now; None for no limit. ValueError when unreadable."""
    if not since:
        return None
    match = PERIOD.match(since)
    if not match:
        raise ValueError(f"SINCE={since!r}: expected a number of hours, days or weeks, such as 24h, 7d or 2w")
    amount, unit = float(match.group(1)), match.group(2).lower()
    return (time.time() if now is None else now) - amount * SECONDS[unit]


def read_only_engine(url: str) -> Engine:
    """An engine that cannot write: SQLite opened with mode=ro, PostgreSQL in read-only transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.is_file():
            raise FileNotFoundError(f"no tracker database at {path}")
        uri = f"file:{path.resolve()}?mode=ro"
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    engine = create_engine(url)
    return engine.execution_options(postgresql_readonly=True) if parsed.get_backend_name() == "postgresql" else engine


def read_events(url: str, cutoff: float | None = None) -> Iterator[StoredEvent]:
    """Every stored event (since `cutoff`), per conversation in the order Rasa wrote them."""
    engine = read_only_engine(url)
    query = "SELECT sender_id, type_name, timestamp, data FROM events"
    params: dict[str, Any] = {}
    if cutoff is not None:
        query += " WHERE timestamp >= :cutoff"
        params["cutoff"] = cutoff
    query += " ORDER BY sender_id, id"
    try:
        with engine.connect() as connection:
            for row in connection.execute(text(query), params):
                try:
                    data = json.loads(row.data or "{}")
                except ValueError:
                    data = {}
                yield StoredEvent(row.sender_id, row.type_name, float(row.timestamp or 0.0), data)
    finally:
        engine.dispose()
