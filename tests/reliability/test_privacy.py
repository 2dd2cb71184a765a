"""Privacy: 'forget me' deletes the conversation from the tracker database, the `runtime.privacy` CLI
deletes one conversation or purges idle ones, and the logs at INFO level hold no message text."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy.engine import make_url

from tests.reliability.conftest import ROOT, Chat, replies_text, socketio_exchange

pytestmark = pytest.mark.e2e


def tracker_file(stack) -> str:
    return make_url(stack.config.tracker_url).database


def stored_events(stack, sender: str) -> int:
    with sqlite3.connect(tracker_file(stack)) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def stored_text(stack, needle: str) -> int:
    with sqlite3.connect(tracker_file(stack)) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE data LIKE ?", (f"%{needle}%",)).fetchone()[0]


def privacy_cli(stack, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "RETENTION_DAYS"}
    environment.update(PYTHONPATH=str(ROOT), TRACKER_DB_URL=stack.config.tracker_url, **env)
    result = subprocess.run(
        [sys.executable, "-m", "runtime.privacy", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_forget_me_deletes_the_conversation(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    other = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    chat.text("I'm from Colombia, can I get the Youth Dream visa?")
    other.text("What is the Top-Tier visa?")
    assert stored_events(rel_stack, chat.sender) > 0
    assert stored_text(rel_stack, "Colombia") > 0

    reply = chat.text("forget me")
    assert "deleted" in reply.lower(), reply
    assert stored_events(rel_stack, chat.sender) == 0
    assert stored_events(rel_stack, other.sender) > 0

    # the conversation starts afresh: the programme discussed before is gone
    reply = chat.text("and can my family come too?")
    assert "Top-Tier" not in reply


async def test_forget_me_over_socketio_deletes_the_conversation_and_tells_the_widget(rel_stack):
    session = f"sio-{uuid.uuid4().hex[:12]}"
    assert "Top-Tier" in Chat(rel_stack.config.rasa_url, sender=session).text("What is the Top-Tier visa?")
    assert stored_events(rel_stack, session) > 0

    def flag_came(replies: list) -> bool:
        return any(isinstance(m, dict) and m.get("custom") == {"forgotten": True} for m in replies)

    [replies] = await socketio_exchange(rel_stack.config.rasa_url, [{"message": "forget me"}], session_id=session,
                                        until=flag_came)
    assert "deleted" in replies_text(replies).lower(), replies
    deadline = time.monotonic() + 20  # the tracker is deleted when Rasa saves the turn, after the replies
    while stored_events(rel_stack, session) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored_events(rel_stack, session) == 0


def test_forget_me_by_button_payload(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    chat.text("What is the Top-Tier visa?")
    assert stored_events(rel_stack, chat.sender) > 0
    chat.text("/forget_me")
    assert stored_events(rel_stack, chat.sender) == 0


def test_cli_deletes_one_conversation(rel_stack):
    gone, kept = Chat(rel_stack.config.rasa_url), Chat(rel_stack.config.rasa_url)
    gone.text("What is the Top-Tier visa?")
    kept.text("What is the Top-Tier visa?")
    events = stored_events(rel_stack, gone.sender)
    assert events > 0

    result = privacy_cli(rel_stack, "delete", "--sender", gone.sender)
    assert f"deleted {events} events" in result.stdout
    assert stored_events(rel_stack, gone.sender) == 0
    assert stored_events(rel_stack, kept.sender) > 0
    assert "deleted 0 events" in privacy_cli(rel_stack, "delete", "--sender", f"nobody-{uuid.uuid4().hex}").stdout


def test_cli_purges_idle_conversations(rel_stack):
    old, recent = Chat(rel_stack.config.rasa_url), Chat(rel_stack.config.rasa_url)
    old.text("What is the Top-Tier visa?")
    recent.text("What is the Top-Tier visa?")
    forty_days = 40 * 86400
    with sqlite3.connect(tracker_file(rel_stack)) as db:
        db.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?", (forty_days, old.sender))

    result = privacy_cli(rel_stack, "purge")  # RETENTION_DAYS unset: 30 days
    assert "idle for more than 30 days" in result.stdout
    assert stored_events(rel_stack, old.sender) == 0
    assert stored_events(rel_stack, recent.sender) > 0

    with sqlite3.connect(tracker_file(rel_stack)) as db:
        db.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?", (3 * 86400, recent.sender))
    privacy_cli(rel_stack, "purge", RETENTION_DAYS="5")
    assert stored_events(rel_stack, recent.sender) > 0
    privacy_cli(rel_stack, "purge", "--older-than-days", "2")
    assert stored_events(rel_stack, recent.sender) == 0


async def test_logs_hold_no_message_text(rel_stack):
    secret = f"zebra-secret-{uuid.uuid4().hex[:6]}"
    chat = Chat(rel_stack.config.rasa_url)
    chat.say(f"{secret} what is the top tier visa?")
    chat.say(f"I'm from {secret}")
    chat.say(f'/check_country{{"country": "{secret}"}}')
    chat.say(f"/{secret}{{")  # a malformed command: Rasa would log it as a warning
    chat.say(f"/check_country{{{secret}")
    chat.say(f'/check_country{{"{secret}": "x"}}')
    chat.say(f"/inform@{secret}")
    chat.say(secret * 500)  # too long
    session = f"sio-{uuid.uuid4().hex[:12]}"
    await socketio_exchange(rel_stack.config.rasa_url, [{"message": f"{secret} hello"}], session_id=session)
    deadline = time.monotonic() + 20  # saving the tracker is the last step of a turn: all its logging is done
    while not stored_events(rel_stack, session) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored_events(rel_stack, session) > 0

    logs = {path.name: path.read_text(encoding="utf-8", errors="replace") for path in rel_stack.log_dir.glob("*.log")}
    assert {"rasa.log", "actions.log"} <= set(logs)
    assert " INFO " in logs["rasa.log"] or "INFO" in logs["rasa.log"]
    for name, text in logs.items():
        assert secret not in text, f"{name} holds the message text"
