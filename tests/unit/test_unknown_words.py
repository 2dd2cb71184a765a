"""Messages whose words the assistant has never seen go to the fallback unless the classifier is sure."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu.unknown_words import UnknownWordsFallback, words


def classified(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    return message


@pytest.fixture
def component() -> UnknownWordsFallback:
    config = UnknownWordsFallback.get_default_config()
    return UnknownWordsFallback(config, {"top", "tier", "visa", "hey", "yes"}, None, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text, intent, confidence, expected", [
    ("blorp zzz qwerty", "out_of_scope", 0.64, "nlu_fallback"),  # no known word, classifier unsure
    ("gfdsa trewq", "affirm", 0.5, "nlu_fallback"),
    ("heya", "greet", 0.96, "greet"),  # unknown, but the classifier is sure: a near-miss of "hey"
    ("top teir visa?", "ask_overview", 0.5, "ask_overview"),  # some words known
    ("24", "inform", 0.5, "inform"),  # no words at all: numbers are the classifier's
])
def test_unknown_words_go_to_the_fallback(component, text, intent, confidence, expected) -> None:
    [message] = component.process([classified(text, intent, confidence)])
    assert message.get("intent")["name"] == expected
    assert message.get("intent_ranking")[0]["name"] == expected


def test_words_are_letters_only_lower_case() -> None:
    assert words("E-7-4R visa, D-10? Hello!") == {"visa", "hello"}
