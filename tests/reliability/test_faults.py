"""Faults: the action server down or hanging, the catalogue database gone, locked or unreachable, and a
restart of Rasa in the middle of a conversation. The user always gets a polite reply with the official
contacts within about ACTION_TIMEOUT seconds, and the same conversation works again once the part is back.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy.engine import make_url

from runtime.channels.guard import nothing_came_back
from runtime.stack import reserved_ports
from tests.reliability.conftest import OFFICIAL_CONTACT, Chat, HangingServer, replies_text, socketio_exchange

pytestmark = pytest.mark.e2e

ACTION_TIMEOUT = int(os.environ.get("ACTION_TIMEOUT", "8"))  # runtime/rasa_server.py's default
# the action timeout, plus Rasa's own work on the turn; a few seconds of slack for a loaded CI machine
POLITE_WITHIN = ACTION_TIMEOUT + 3


def catalogue_path(stack) -> str:
    return make_url(stack.config.database_url).database


def assert_polite_apology(reply: str) -> None:
    assert reply.startswith("Sorry"), reply
    assert OFFICIAL_CONTACT in reply and "hikorea" in reply.lower(), reply
    assert "Traceback" not in reply and 'File "' not in reply


def assert_family_answer_about_top_tier(reply: str) -> None:
    assert "Top-Tier" in reply and "family" in reply.lower(), reply


@pytest.fixture
def restore_actions(rel_stack):
    """Whatever a test does to the action server, it runs again with the right catalogue afterwards."""
    database_url = rel_stack.config.database_url
    yield
    rel_stack.config.database_url = database_url
    if "actions" not in rel_stack.processes:
        rel_stack.start_actions()


def test_action_server_down_then_back(rel_stack, restore_actions):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")

    rel_stack.stop_process("actions")
    reply = chat.text("and can my family come too?")
    assert_polite_apology(reply)
    assert reply == nothing_came_back()
    assert chat.last_duration < POLITE_WITHIN
    print(f"\naction server down: polite reply in {chat.last_duration:.2f} s")
    streamed = requests.post(chat.url, params={"stream": "true"}, timeout=60,
                             json={"sender": chat.sender, "message": "and can my family come too?"})
    assert streamed.status_code == 200
    assert [json.loads(line)["text"] for line in streamed.text.splitlines()] == [nothing_came_back()]

    rel_stack.start_actions()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


def test_action_server_hanging_then_back(rel_stack, restore_actions):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")

    rel_stack.stop_process("actions")
    with HangingServer(rel_stack.config.action_port) as hanging:
        reply = chat.text("and can my family come too?")
        assert hanging.accepted >= 1, "Rasa never called the hanging action server"
    assert_polite_apology(reply)
    assert chat.last_duration < POLITE_WITHIN
    print(f"\naction server hanging: polite reply in {chat.last_duration:.2f} s (ACTION_TIMEOUT={ACTION_TIMEOUT})")

    rel_stack.start_actions()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


async def test_socketio_turn_without_reply_gets_the_apology(rel_stack, restore_actions):
    rel_stack.stop_process("actions")
    answers = await socketio_exchange(rel_stack.config.rasa_url, [{"message": "What is the Top-Tier visa?"}])
    assert_polite_apology(replies_text(answers[0]))
    rel_stack.start_actions()
    answers = await socketio_exchange(rel_stack.config.rasa_url, [{"message": "What is the Top-Tier visa?"}])
    assert "Top-Tier" in replies_text(answers[0])


def test_catalogue_file_deleted_then_restored(rel_stack, tmp_path):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    path = catalogue_path(rel_stack)
    kept = tmp_path / "catalogue.db"
    shutil.move(path, kept)
    try:
        reply = chat.text("and can my family come too?")
        assert_polite_apology(reply)
        assert "catalogue" in reply
        assert chat.last_duration < POLITE_WITHIN
    finally:
        os.replace(kept, path)
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


def test_catalogue_locked_then_released(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    lock = sqlite3.connect(catalogue_path(rel_stack), isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        reply = chat.text("and can my family come too?")
        assert_polite_apology(reply)
        assert chat.last_duration < POLITE_WITHIN
        print(f"\ncatalogue locked: polite reply in {chat.last_duration:.2f} s")
    finally:
        lock.rollback()
        lock.close()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


def test_catalogue_on_an_unreachable_postgres_then_back(rel_stack, restore_actions):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    good_url = rel_stack.config.database_url

    rel_stack.stop_process("actions")
    with reserved_ports(1) as (closed,):  # held: nothing listens there, and nothing else can take it meanwhile
        rel_stack.config.database_url = f"postgresql://kvg:secret@127.0.0.1:{closed}/catalogue"
        rel_stack.start_actions()
        reply = chat.text("and can my family come too?")
    assert_polite_apology(reply)
    assert "secret" not in reply and "postgresql" not in reply
    assert chat.last_duration < POLITE_WITHIN

    rel_stack.stop_process("actions")
    rel_stack.config.database_url = good_url
    rel_stack.start_actions()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


def tracker(stack, sender: str) -> dict:
    response = requests.get(
        f"{stack.config.rasa_url}/conversations/{sender}/tracker",
        params={"token": stack.auth_token},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def event_key(event: dict) -> tuple:
    return event.get("event"), event.get("timestamp"), event.get("text"), event.get("name"), event.get("value")


def test_rasa_restart_loses_no_events(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    before = tracker(rel_stack, chat.sender)
    assert before["slots"]["programme"] == "top-tier"

    started = time.monotonic()
    rel_stack.stop_process("rasa")
    rel_stack.start_rasa()
    print(f"\nRasa restarted in {time.monotonic() - started:.1f} s")

    after = tracker(rel_stack, chat.sender)
    assert [event_key(e) for e in after["events"][: len(before["events"])]] == [event_key(e) for e in before["events"]]
    assert after["slots"]["programme"] == "top-tier"
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))
    final = tracker(rel_stack, chat.sender)
    assert [e["text"] for e in final["events"] if e["event"] == "user"] == [
        "What is the Top-Tier visa?",
        "and can my family come too?",
    ]


def test_many_users_at_once_while_the_action_server_hangs(rel_stack, restore_actions):
    """Ten users at once during a hang: all get the apology, in about one timeout (turns run concurrently)."""
    rel_stack.stop_process("actions")
    started = time.monotonic()
    chats = [Chat(rel_stack.config.rasa_url) for _ in range(10)]
    with HangingServer(rel_stack.config.action_port), ThreadPoolExecutor(len(chats)) as pool:
        replies = list(pool.map(lambda chat: chat.text("What is the Top-Tier visa?"), chats))
    elapsed = time.monotonic() - started
    for reply in replies:
        assert_polite_apology(reply)
    assert elapsed < POLITE_WITHIN + 5
    print(f"\n10 users during a hang: all apologies after {elapsed:.2f} s")
