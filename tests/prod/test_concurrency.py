"""20 conversations x 5 messages sent at the same moment through nginx, spread over both Rasa instances:
afterwards each tracker holds exactly its 5 user messages, once each, each with its bot replies."""

from __future__ import annotations

import json
import os
import time
from collections import Counter

import pytest
import sqlalchemy as sa

from runtime.channels.guard import nothing_came_back
from tests.prod.conftest import (
    CONVERSATION,
    access_log_length,
    send_all_at_once,
    tracker,
    turns_with_replies,
    upstreams_in_log,
    user_texts,
)

pytestmark = pytest.mark.e2e

CONVERSATIONS = int(os.environ.get("PROD_LOCK_CONVERSATIONS", "20"))


def stored_user_messages(stack, senders: list[str]) -> Counter:
    """(sender, text) -> rows in PostgreSQL, read directly (not through Rasa)."""
    engine = sa.create_engine(stack.tracker_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id = ANY(:senders)"),
                {"senders": senders},
            )
            return Counter((sender, json.loads(data)["text"]) for sender, data in rows)
    finally:
        engine.dispose()


def test_simultaneous_messages_are_each_handled_once(prod):
    log_start = access_log_length(prod)
    started = time.monotonic()
    senders, results = send_all_at_once(prod.config.url, CONVERSATIONS, CONVERSATION)
    elapsed = time.monotonic() - started
    print(f"\n{len(results)} messages ({CONVERSATIONS} x {len(CONVERSATION)}) at once: all answered in {elapsed:.1f} s")

    assert [status for _, status, _ in results] == [200] * len(results)
    apologies = [text for _, _, text in results if text == nothing_came_back()]
    assert not apologies, f"{len(apologies)} turns got the apology instead of an answer"

    served = upstreams_in_log(prod, "/webhooks/rest/webhook", since=log_start)
    rasa = {f"{prod.config.host}:{port}" for port in prod.config.rasa_ports}
    assert set(served) == rasa, served  # both instances took part, nothing else
    print(f"requests per instance: {dict(served)}")

    for sender in senders:
        events = tracker(prod, sender)["events"]
        assert sorted(user_texts(events)) == sorted(CONVERSATION), sender
        assert all(replies > 0 for _, replies in turns_with_replies(events)), turns_with_replies(events)

    stored = stored_user_messages(prod, senders)
    assert set(stored.values()) == {1} and len(stored) == len(senders) * len(CONVERSATION), stored.most_common(3)
