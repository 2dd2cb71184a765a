"""Reading a stored conversation's events in the tests: what the user said, and how many replies each got."""

from __future__ import annotations


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
