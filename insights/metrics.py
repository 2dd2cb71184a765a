"""The numbers of the report: containment, fallback and handoff rates, feedback, channels, per-day series."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from insights.conversations import Conversation, Turn, answer_id

DEFINITIONS = {
    "conversations": "sessions with at least one user message (a sender's later sessions count separately)",
    "turns": "user messages, not counting feedback on an answer",
    "containment": "share of conversations with no fallback and no handoff",
    "fallback_rate": "share of turns that went to the fallback (nlu_fallback or a fallback action)",
    "handoff_rate": "share of conversations where the user asked for a person (human_handoff / action_handoff)",
    "feedback": "feedback events (intent feedback) by value",
    "median_turns": "median of turns per conversation",
    "channels": "conversations by the input channel of their first message",
}


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def day_of(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()


def feedback_value(turn: Turn) -> str:
    """helpful, not_helpful, or '' for a feedback turn typed in words (the buttons send a payload)."""
    entities = turn.payload_entities()
    value = str(entities.get("feedback") or entities.get("value") or "")
    return value.replace(" ", "_").replace("-", "_")


def feedback_counts(conversations: list[Conversation]) -> dict[str, int]:
    counts = {"helpful": 0, "not_helpful": 0}
    for conversation in conversations:
        for turn in conversation.turns:
            if turn.is_feedback and feedback_value(turn) in counts:
                counts[feedback_value(turn)] += 1
    return counts


def rated_answers(conversations: list[Conversation]) -> list[tuple[str, str, str]]:
    """(value, first line of the answer rated, conversation id) for each feedback that names a known answer."""
    rated = []
    for conversation in conversations:
        answers = {answer_id(text): text for turn in conversation.turns for text in turn.answers}
        for turn in conversation.turns:
            named = answers.get(str(turn.payload_entities().get("answer_id") or "")) if turn.is_feedback else None
            if named and feedback_value(turn):
                rated.append((feedback_value(turn), named.splitlines()[0], conversation.id))
    return rated


def summary(conversations: list[Conversation]) -> dict[str, Any]:
    turns = [t for c in conversations for t in c.questions]
    per_conversation = [len(c.questions) for c in conversations]
    return {
        "conversations": len(conversations),
        "turns": len(turns),
        "containment": _rate(sum(c.contained for c in conversations), len(conversations)),
        "fallback_rate": _rate(sum(t.fell_back for t in turns), len(turns)),
        "handoff_rate": _rate(sum(c.handed_off for c in conversations), len(conversations)),
        "feedback": feedback_counts(conversations),
        "median_turns": statistics.median(per_conversation) if per_conversation else 0,
        "channels": dict(Counter(c.channel for c in conversations).most_common()),
        "first_day": day_of(conversations[0].started) if conversations else None,
        "last_day": day_of(max(t.timestamp for t in turns)) if turns else None,
        "definitions": DEFINITIONS,
    }


def per_day(conversations: list[Conversation]) -> list[dict[str, Any]]:
    """Conversations (by the day they started), turns and fallback rate for each day."""
    days: dict[str, dict[str, int]] = {}
    for conversation in conversations:
        days.setdefault(day_of(conversation.started), {"conversations": 0, "turns": 0, "fallbacks": 0})
        days[day_of(conversation.started)]["conversations"] += 1
        for turn in conversation.questions:
            day = days.setdefault(day_of(turn.timestamp), {"conversations": 0, "turns": 0, "fallbacks": 0})
            day["turns"] += 1
            day["fallbacks"] += int(turn.fell_back)
    return [
        {"day": day, **counts, "fallback_rate": _rate(counts["fallbacks"], counts["turns"])}
        for day, counts in sorted(days.items())
    ]


def top_intents(conversations: list[Conversation], limit: int = 12) -> list[tuple[str, int]]:
    return Counter(t.intent or "(none)" for c in conversations for t in c.questions).most_common(limit)


def programme_mentions(conversations: list[Conversation]) -> Counter[str]:
    """How many turns were answered about each programme (the `programme` slot the actions set)."""
    return Counter(p for c in conversations for t in c.questions for p in t.programmes)
