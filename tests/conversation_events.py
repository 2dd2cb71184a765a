"""Conversations in the topology tests (tests/prod, tests/swarm): many sent over REST at the same moment, and
their stored events read back (what the user said, and how many replies each got)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.reliability.conftest import replies_text

# the five ordinary turns each conversation of a load test sends
CONVERSATION = [
    "What is the Top-Tier visa?",
    "and can my family come too?",
    "What is the D-10 visa?",
    "tell me about the Youth Dream visa",
    "thanks",
]


def send_all_at_once(
    url: str, conversations: int, messages: list[str], prefix: str = "load"
) -> tuple[list[str], list[tuple[str, int, str]]]:
    """Sends `messages` of `conversations` new conversations all at the same moment over REST.

    Returns the senders and, per request, (sender, HTTP status, reply text).
    """
    senders = [f"{prefix}-{uuid.uuid4().hex[:10]}" for _ in range(conversations)]
    jobs = [(sender, message) for sender in senders for message in messages]
    start = threading.Barrier(len(jobs))

    def post(job: tuple[str, str]) -> tuple[str, int, str]:
        sender, message = job
        start.wait(timeout=60)
        body = {"sender": sender, "message": message}
        response = requests.post(f"{url}/webhooks/rest/webhook", json=body, timeout=180)
        text = replies_text(response.json()) if response.status_code == 200 else response.text
        return sender, response.status_code, text

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return senders, list(pool.map(post, jobs))


def user_texts(events: list[dict]) -> list[str]:
    return [e["text"] for e in events if e["event"] == "user"]


def turns_with_replies(events: list[dict]) -> list[tuple[str, int]]:
    """(user text, number of bot messages before the next user message) for each user message."""
    turns: list[tuple[str, int]] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], 0))
        elif event["event"] == "bot" and turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + 1)
    return turns
