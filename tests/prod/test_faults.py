"""Faults in the production topology, each seen through nginx like a user would:
an action server killed, PostgreSQL restarted, Redis stopped, and (last) one Rasa instance killed with -9."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from runtime.channels.guard import nothing_came_back
from runtime.prod.lock_store import DEFAULT_LEASE_MS, AtomicRedisLockStore
from tests.prod.conftest import Chat, access_log_length, tracker, upstreams_in_log, user_texts
from tests.reliability.test_faults import assert_family_answer_about_top_tier, assert_polite_apology

pytestmark = pytest.mark.e2e

FAILOVER_WITHIN = 10.0  # seconds, the limit for a turn after an instance died


def new_chat(prod) -> Chat:
    chat = Chat(prod.config.url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    return chat


def test_action_server_killed(prod):
    """Its calls go to the other action server (nginx), so every turn still gets a real answer."""
    instance = prod.instances[0]
    chat = new_chat(prod)
    instance.processes["actions"].kill()
    instance.processes["actions"].wait()
    try:
        for _ in range(4):  # nginx spreads the turns over both Rasa instances
            assert_family_answer_about_top_tier(chat.text("and can my family come too?", timeout=30))
            assert chat.last_duration < FAILOVER_WITHIN
    finally:
        instance.processes.pop("actions")
        instance.start_actions()


def test_both_action_servers_killed_gets_the_apology(prod):
    chat = new_chat(prod)
    for instance in prod.instances:
        instance.processes["actions"].kill()
        instance.processes["actions"].wait()
    try:
        reply = chat.text("and can my family come too?", timeout=30)
        assert_polite_apology(reply)
    finally:
        for instance in prod.instances:
            instance.processes.pop("actions")
            instance.start_actions()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))


def test_postgres_restarted(prod):
    """A polite reply while it is down, answers with the conversation's context after, nothing lost."""
    chat = new_chat(prod)
    before = user_texts(tracker(prod, chat.sender)["events"])
    prod.postgres.stop()
    try:
        reply = chat.text("and can my family come too?", timeout=30)
        print(f"\nPostgreSQL down: {reply!r} in {chat.last_duration:.1f} s")
        assert reply == nothing_came_back()
        assert_polite_apology(reply)
    finally:
        prod.postgres.start()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))
    after = user_texts(tracker(prod, chat.sender)["events"])
    assert after == [*before, "and can my family come too?"]


def test_redis_stopped(prod):
    """No lock store: a polite reply (never a 500, never a turn without its lock), then answers again."""
    chat = new_chat(prod)
    prod.redis.stop()
    try:
        for _ in range(2):  # both instances
            response = chat.post({"sender": chat.sender, "message": "and can my family come too?"}, timeout=30)
            assert response.status_code == 200, response.text
            assert_polite_apology("\n".join(m.get("text", "") for m in response.json()))
            assert chat.last_duration < FAILOVER_WITHIN
    finally:
        prod.redis.start()
    assert_family_answer_about_top_tier(chat.text("and can my family come too?"))
    expected = ["What is the Top-Tier visa?", "and can my family come too?"]
    assert user_texts(tracker(prod, chat.sender)["events"]) == expected


@pytest.mark.kills_an_instance
def test_rasa_killed_mid_conversation(prod):
    """kill -9 of one Rasa in the middle of turns, holding their conversations' locks: every turn, the ones in
    flight included, is answered by the other instance within 10 s with the conversation's context, and
    stored once; the next turns too."""
    chats = [new_chat(prod) for _ in range(6)]
    victim = prod.instances[0].processes["rasa"]
    log_start = access_log_length(prod)

    def second_turn(chat: Chat) -> tuple[str, float]:
        return chat.text("and can my family come too?", timeout=60), chat.last_duration

    os.kill(victim.pid, signal.SIGSTOP)  # frozen: the turns nginx sends it stay in flight
    with ThreadPoolExecutor(len(chats)) as pool:
        futures = [pool.submit(second_turn, chat) for chat in chats]
        time.sleep(0.5)
        orphaned = hold_locks_as_a_dead_instance(prod, [chat.sender for chat in chats])
        victim.kill()  # SIGKILL: its connections reset, nginx sends those turns to the other instance
        in_flight = [future.result() for future in futures]
    victim.wait()
    retried = upstreams_in_log(prod, "/webhooks/rest/webhook", since=log_start, retried_only=True)
    assert sum(retried.values()) >= 1, "no turn was in flight on the killed instance"
    for reply, duration in in_flight:
        assert_family_answer_about_top_tier(reply)
        assert duration < FAILOVER_WITHIN, duration
    print(f"\nkill -9 with {sum(retried.values())} turns in flight on it and {orphaned} locks left behind: "
          f"all answered within {max(d for _, d in in_flight):.1f} s")

    for chat in chats:
        reply = chat.text("and can my family come too?", timeout=60)
        assert_family_answer_about_top_tier(reply)
        assert chat.last_duration < FAILOVER_WITHIN
        assert user_texts(tracker(prod, chat.sender)["events"]) == [
            "What is the Top-Tier visa?", "and can my family come too?", "and can my family come too?",
        ]


def hold_locks_as_a_dead_instance(prod, senders: list[str]) -> int:
    """Takes the free locks of `senders` as the killed instance would have, mid-turn: never released nor
    renewed, they must expire by themselves. Returns how many were taken."""
    client = redis.Redis.from_url(prod.redis.url)
    try:
        return sum(
            bool(client.set(AtomicRedisLockStore.key(sender), "dead-instance", nx=True, px=DEFAULT_LEASE_MS))
            for sender in senders
        )
    finally:
        client.close()


@pytest.mark.kills_an_instance
def test_no_rasa_left_gets_a_polite_503(prod):
    """Both instances gone: nginx answers REST with a JSON apology and the official contacts, not a bare 502."""
    for instance in prod.instances:
        if "rasa" in instance.processes:
            instance.processes["rasa"].kill()
            instance.processes["rasa"].wait()
    response = Chat(prod.config.url).post({"sender": "nobody-left", "message": "What is the Top-Tier visa?"})
    assert response.status_code == 503
    assert response.json() == {"error": "unavailable", "message": nothing_came_back()}
    assert_polite_apology(response.json()["message"])
