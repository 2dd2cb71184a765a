"""The tracker store is only read: the engine insights uses cannot write to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from insights.store import read_events, read_only_engine

SCHEMA = ("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) "
          "NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)")


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as connection:
        connection.execute(SCHEMA)
        connection.execute("INSERT INTO events VALUES (1, 's', 'user', 10.0, 'greet', NULL, '{\"text\": \"hi\"}')")
        connection.execute("INSERT INTO events VALUES (2, 's', 'user', 99.0, 'greet', NULL, 'not json')")
    return path


def test_events_are_read_in_order_and_since_a_time(tmp_path: Path) -> None:
    url = f"sqlite:///{_store(tmp_path)}"
    assert [(e.timestamp, e.data) for e in read_events(url)] == [(10.0, {"text": "hi"}), (99.0, {})]
    assert [e.timestamp for e in read_events(url, cutoff=50.0)] == [99.0]


def test_the_engine_cannot_write(tmp_path: Path) -> None:
    engine = read_only_engine(f"sqlite:///{_store(tmp_path)}")
    with pytest.raises(sa.exc.OperationalError, match="readonly"), engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM events"))
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM events")).scalar() == 2


def test_a_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_events(f"sqlite:///{tmp_path / 'none.db'}"))
    assert not (tmp_path / "none.db").exists()
