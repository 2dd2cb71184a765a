"""The per-turn speed-ups in the Rasa process keep Rasa's behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy
from jsonschema import ValidationError

from runtime.rasa_server import validate_with_compiled_schema
from runtime.tracker_store import ForgettingSQLTrackerStore


def test_compiled_validator_accepts_a_valid_action_reply() -> None:
    reply = {"events": [{"event": "slot", "name": "programme", "value": "top-tier"}], "responses": [{"text": "hi"}]}
    assert validate_with_compiled_schema(None, reply) is True


@pytest.mark.parametrize("reply", [
    {"events": [{"event": "no-such-event"}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
    ["not", "an", "object"],
])
def test_compiled_validator_rejects_what_rasa_rejects(reply) -> None:
    from jsonschema import validate
    from rasa.core.actions.action import RemoteAction

    with pytest.raises(ValidationError):
        validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check refuses it...
    with pytest.raises(ValidationError):
        validate_with_compiled_schema(None, reply)  # ...and so does ours


def test_sqlite_tracker_store_uses_wal_and_normal_sync(tmp_path: Path) -> None:
    store = ForgettingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_sqlite_tracker_store_reuses_its_connection_between_turns(tmp_path: Path) -> None:
    store = ForgettingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")
    opened = []
    sqlalchemy.event.listen(store.engine, "connect", lambda *_: opened.append(1))
    for _ in range(3):
        with store.session_scope() as session:
            session.query(store.SQLEvent).count()
    assert len(opened) <= 1 and store.engine.pool.checkedin() == 1
