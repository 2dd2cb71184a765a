"""A long conversation gets the same replies as a short one: the tracker window (runtime/tracker_store.py, the
last 10 user messages) and the catalogue read once per action call change the cost of a turn, not its answer.
One sender cycles six ordinary messages (bench/long.py) well past the window; every cycle is answered as a
fresh sender's first cycle is, over the real servers."""

from __future__ import annotations

from bench.long import OURS_CYCLE
from runtime.tracker_store import RECENT_TURNS
from tests.e2e.conftest import Chat

CYCLES = 6  # 36 user messages: the window has moved more than twice


def said(chat: Chat, message: str) -> list[dict]:
    """The reply's messages without the recipient (the sender id)."""
    return [{k: v for k, v in reply.items() if k != "recipient_id"} for reply in chat.say(message)]


def test_a_long_conversation_is_answered_as_a_short_one(stack) -> None:
    short = Chat(stack.config.rasa_url)
    fresh = [said(short, message) for message in OURS_CYCLE]
    assert all(fresh), fresh
    long = Chat(stack.config.rasa_url)
    assert len(OURS_CYCLE) * CYCLES > 3 * RECENT_TURNS
    for cycle in range(CYCLES):
        replies = [said(long, message) for message in OURS_CYCLE]
        assert replies == fresh, f"cycle {cycle + 1} of the long conversation differs from a short one's"
