"""The conversation's decisions, with no Rasa in them: a Turn in (text, intent, entities, slots), a Reply out
(messages, buttons, slot changes). `actions/` adapts them to rasa-sdk."""

from visa_guide.assistant.decide import respond
from visa_guide.assistant.turn import Button, Message, Reply, Turn

__all__ = ["Button", "Message", "Reply", "Turn", "respond"]
