"""Stored events grouped into conversations and turns (a user message and what the assistant did)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from insights.store import StoredEvent

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = {"action_default_fallback", "action_two_stage_fallback", "action_default_ask_affirmation"}
HANDOFF_INTENT = "human_handoff"
HANDOFF_ACTIONS = {"action_handoff"}
FEEDBACK_INTENT = "feedback"
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?\s*$", re.DOTALL)


@dataclass
class Turn:
    conversation_id: str
    timestamp: float
    text: str
    intent: str
    confidence: float
    ranking: list[dict[str, Any]]
    channel: str
    actions: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # the texts the assistant replied with
    reverted: bool = False  # a fallback took this message back (UserUtteranceReverted, stored as "rewind")

    @property
    def is_payload(self) -> bool:
        """A button press or a message typed as '/intent{...}'."""
        return bool(PAYLOAD.match(self.text))

    @property
    def is_feedback(self) -> bool:
        return self.intent == FEEDBACK_INTENT

    @property
    def fell_back(self) -> bool:
        return self.intent == FALLBACK_INTENT or bool(FALLBACK_ACTIONS & set(self.actions))

    @property
    def handed_off(self) -> bool:
        return self.intent == HANDOFF_INTENT or bool(HANDOFF_ACTIONS & set(self.actions))

    @property
    def predicted_intent(self) -> str:
        """The likeliest real intent: under a fallback, the best-ranked intent other than nlu_fallback."""
        for candidate in self.ranking:
            if candidate.get("name") and candidate.get("name") != FALLBACK_INTENT:
                return str(candidate["name"])
        return self.intent

    def payload_entities(self) -> dict[str, Any]:
        match = PAYLOAD.match(self.text)
        if not match or not match.group(2):
            return {}
        try:
            value = json.loads(match.group(2))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


@dataclass
class Conversation:
    id: str
    sender_id: str
    turns: list[Turn] = field(default_factory=list)

    @property
    def questions(self) -> list[Turn]:
        """The turns that are not feedback on an answer."""
        return [t for t in self.turns if not t.is_feedback]

    @property
    def started(self) -> float:
        return self.turns[0].timestamp

    @property
    def channel(self) -> str:
        return self.turns[0].channel

    @property
    def fell_back(self) -> bool:
        return any(t.fell_back for t in self.turns)

    @property
    def handed_off(self) -> bool:
        return any(t.handed_off for t in self.turns)

    @property
    def contained(self) -> bool:
        return not self.fell_back and not self.handed_off


def answer_id(text: str) -> str:
    """The id the widget gives an answer (web/src/messages.js answerId): FNV-1a, 32 bit, of its UTF-8 text."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"a{value:08x}"


def _turn(conversation_id: str, event: StoredEvent) -> Turn:
    parse = event.data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    return Turn(
        conversation_id=conversation_id,
        timestamp=event.timestamp,
        text=str(event.data.get("text") or parse.get("text") or ""),
        intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0.0),
        ranking=list(parse.get("intent_ranking") or []),
        channel=str(event.data.get("input_channel") or "unknown"),
    )


def build_conversations(events: Iterable[StoredEvent]) -> list[Conversation]:
    """Conversations in the order of their first message; a sender's sessions are separate conversations.

    Events must come grouped by sender, in stored order (store.read_events). Sessions without a user message
    (a widget opened and closed) are left out.
    """
    conversations: list[Conversation] = []
    current: Conversation | None = None
    sessions: dict[str, int] = {}
    for event in events:
        new_sender = current is None or event.sender_id != current.sender_id
        if new_sender or (event.type_name == "session_started" and current.turns):
            if current is not None and current.turns:
                conversations.append(current)
            number = sessions[event.sender_id] = sessions.get(event.sender_id, 0) + 1
            suffix = "" if number == 1 else f"#{number}"
            current = Conversation(id=event.sender_id + suffix, sender_id=event.sender_id)
        if event.type_name == "user":
            turn = _turn(current.id, event)
            if current.turns and current.turns[-1].reverted and current.turns[-1].text == turn.text:
                current.turns.pop()  # the two-stage fallback took the rephrasing back and processed it again
            current.turns.append(turn)
        elif current.turns and event.type_name == "rewind":
            current.turns[-1].reverted = True
        elif current.turns and event.type_name == "action" and event.data.get("name"):
            current.turns[-1].actions.append(str(event.data["name"]))
        elif current.turns and event.type_name == "bot" and event.data.get("text"):
            current.turns[-1].answers.append(str(event.data["text"]))
        elif current.turns and event.type_name == "slot" and event.data.get("name") == "programme":
            value = event.data.get("value")
            if value and value not in current.turns[-1].programmes:
                current.turns[-1].programmes.append(str(value))
    if current is not None and current.turns:
        conversations.append(current)
    conversations.sort(key=lambda c: c.started)
    return conversations
