"""20 conversations x 5 messages sent at the same moment through nginx, over both Rasa replicas: each
tracker holds its 5 user messages exactly once, each answered, and PostgreSQL stores each message once."""

from __future__ import annotations

import os
import time

import pytest

from runtime.channels.guard import nothing_came_back
from tests.swarm.conftest import CONVERSATION, send_all_at_once, turns_with_replies, user_texts

pytestmark = pytest.mark.e2e

CONVERSATIONS = int(os.environ.get("SWARM_LOCK_CONVERSATIONS", "20"))


def test_simultaneous_messages_are_each_handled_once(swarm):
    mark = swarm.log_mark()
    rasa = {swarm.address(c) for c in swarm.containers("rasa")}
    started = time.monotonic()
    senders, results = send_all_at_once(swarm.url, CONVERSATIONS, CONVERSATION, prefix="swarm")
    elapsed = time.monotonic() - started
    print(f"\n{len(results)} messages ({CONVERSATIONS} x {len(CONVERSATION)}) at once: all answered in {elapsed:.1f} s")

    assert [status for _, status, _ in results] == [200] * len(results)
    apologies = [text for _, _, text in results if text == nothing_came_back()]
    assert not apologies, f"{len(apologies)} turns got the apology instead of an answer"

    served = swarm.served("/webhooks/rest/webhook", mark)
    print(f"requests per Rasa replica: {dict(served)}")
    assert set(served) == rasa, (served, rasa)  # both replicas took part, nothing else

    for sender in senders:
        events = swarm.tracker(sender)["events"]
        assert sorted(user_texts(events)) == sorted(CONVERSATION), sender
        assert all(replies > 0 for _, replies in turns_with_replies(events)), turns_with_replies(events)

    quoted = ",".join(f"'{s}'" for s in senders)
    rows = swarm.sql(f"SELECT sender_id, data::json->>'text', COUNT(*) FROM events WHERE type_name = 'user' "
                     f"AND sender_id IN ({quoted}) GROUP BY 1, 2")
    counts = [int(row.rsplit("|", 1)[1]) for row in rows]
    assert len(rows) == len(senders) * len(CONVERSATION) and set(counts) == {1}, rows[:5]
