"""What the assistant's decisions take and give: a Turn in, a Reply out. No Rasa types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Turn:
    """One user message with what the NLU found and what the conversation remembers (its slots)."""

    text: str
    intent: str | None = None
    confidence: float = 1.0
    entities: dict[str, list[str]] = field(default_factory=dict)
    slots: dict[str, Any] = field(default_factory=dict)

    @property
    def typed(self) -> bool:
        """False for a button's payload ('/ask_eligibility{...}')."""
        return not self.text.startswith("/")

    def entity(self, name: str) -> list[str]:
        return self.entities.get(name, [])

    def slot(self, name: str) -> Any:
        return self.slots.get(name)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    text: str
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Reply:
    messages: tuple[Message, ...]
    slots: dict[str, Any] = field(default_factory=dict)  # slot changes (None clears a slot)
    kind: str = ""  # what it leads with: fact, gap, block, country, not_covered (tests and measures read it)

    @classmethod
    def say(cls, text: str, buttons: list[Button] | tuple[Button, ...] = (), kind: str = "", **slots: Any) -> Reply:
        return cls((Message(text, tuple(buttons)),), slots, kind)
