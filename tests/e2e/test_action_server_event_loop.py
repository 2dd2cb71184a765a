"""Database work runs off the action server's event loop: while one user's turn waits for a slow catalogue
database (here: another process holds an exclusive lock on the SQLite file for SLOW seconds), another user's
turn is answered at once. The real action server (`rasa_sdk --actions actions`) over HTTP."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid

import pytest
import requests

from runtime.stack import Stack, StackConfig, reserved_ports
from tests.stacks import CATALOGUE_DIR
from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine

SLOW = 2.0  # seconds the catalogue database is held


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("event-loop")
    database = work / "catalogue.db"
    url = f"sqlite:///{database}"
    load_catalogue(CATALOGUE_DIR, make_engine(url))
    with reserved_ports(1) as (port,):  # held until the server listens
        stack = Stack(StackConfig(action_port=port, work_dir=work, database_url=url))
        try:
            stack.start_actions()
        except BaseException:
            stack.stop()
            raise
    yield stack, database
    stack.stop()


def call(stack: Stack, action: str, text: str, intent: str, entities: list[dict] | None = None) -> dict:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
    }
    tracker = {
        "sender_id": f"loop-{uuid.uuid4().hex[:8]}",
        "slots": {},
        "latest_message": message,
        "events": [{"event": "user", "text": text, "parse_data": message}],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    body = {"next_action": action, "sender_id": tracker["sender_id"], "tracker": tracker, "domain": {}}
    response = requests.post(f"{stack.config.action_url}/webhook", json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def texts(reply: dict) -> str:
    return "\n".join(r.get("text") or "" for r in reply["responses"])


@pytest.mark.timeout(180)
def test_a_slow_catalogue_query_does_not_stall_another_users_turn(action_server):
    stack, database = action_server
    # warm up both actions (imports, the catalogue's first reads)
    assert "Top-Tier" in texts(call(stack, "action_answer_aspect", "what is top tier?", "ask_overview",
                                     [{"entity": "programme", "value": "top-tier"}]))
    assert texts(call(stack, "action_default_fallback", "hmm", "nlu_fallback"))

    lock = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    lock.execute("BEGIN EXCLUSIVE")  # every read of the catalogue now waits (SQLite's busy timeout is 5 s)
    release = threading.Timer(SLOW, lambda: (lock.execute("ROLLBACK"), lock.close()))
    slow: dict[str, object] = {}

    def slow_turn() -> None:
        slow["reply"] = call(stack, "action_answer_aspect", "who can apply for top tier?", "ask_eligibility",
                             [{"entity": "programme", "value": "top-tier"}])
        slow["done"] = time.monotonic()

    start = time.monotonic()
    release.start()
    worker = threading.Thread(target=slow_turn)
    worker.start()
    time.sleep(0.3)  # the slow turn is now waiting for the database
    # a typed fallback first searches the catalogue (and would rightly wait for it); a payload goes straight to
    # the fallback line, so this turn needs no database and must be answered while the slow one waits
    other = call(stack, "action_default_fallback", "/nlu_fallback", "nlu_fallback")
    other_done = time.monotonic()
    worker.join(timeout=30)
    release.join()

    assert "couldn't follow" in texts(other)
    assert "reply" in slow, "the slow turn never answered"
    assert "Top-Tier" in texts(slow["reply"]) and "who can apply" in texts(slow["reply"])
    assert slow["done"] - start >= SLOW, "the database was not slow: the test proves nothing"
    assert other_done - start < SLOW / 2, f"the other user waited {other_done - start:.1f} s for the slow query"
