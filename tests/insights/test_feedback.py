"""Feedback on answers: the id names an answer the way the widget computes it, and the report counts it."""

from __future__ import annotations

from insights import metrics
from insights.conversations import answer_id, build_conversations
from insights.store import StoredEvent

ANSWER = "Top-Tier visa: in force.\nSources: Korea Times, 5 Mar 2025 \u2014 \u00fc"


def test_the_answer_id_is_the_widgets() -> None:
    assert answer_id(ANSWER) == "a6953fd35"  # the same value as web/tests/render.test.mjs
    assert answer_id(ANSWER + ".") != answer_id(ANSWER)


def _events(feedback: str, rated: str) -> list[StoredEvent]:
    def user(text: str, intent: str, clock: float) -> StoredEvent:
        return StoredEvent("s", "user", clock, {"text": text, "input_channel": "socketio",
                                                "parse_data": {"intent": {"name": intent, "confidence": 1.0}}})

    return [
        user("what is the top tier visa", "ask_overview", 1),
        StoredEvent("s", "bot", 2, {"text": ANSWER}),
        user(f'/feedback{{"feedback": "{feedback}", "answer_id": "{rated}"}}', "feedback", 3),
        StoredEvent("s", "bot", 4, {"text": "Thank you for the feedback."}),
    ]


def test_feedback_is_counted_and_names_the_answer_it_rates() -> None:
    conversations = build_conversations(_events("not_helpful", answer_id(ANSWER)))
    assert metrics.feedback_counts(conversations) == {"helpful": 0, "not_helpful": 1}
    assert metrics.rated_answers(conversations) == [("not_helpful", "Top-Tier visa: in force.", "s")]
    assert metrics.summary(conversations)["turns"] == 1


def test_feedback_on_an_unknown_answer_is_counted_but_not_attributed() -> None:
    conversations = build_conversations(_events("helpful", "a00000000"))
    assert metrics.feedback_counts(conversations) == {"helpful": 1, "not_helpful": 0}
    assert metrics.rated_answers(conversations) == []


def test_messaging_apps_get_the_feedback_buttons_under_factual_answers_only() -> None:
    from runtime.channels.messaging import with_feedback_buttons

    follow_up = {"title": "Benefits", "payload": "/ask_benefits"}
    rated = with_feedback_buttons({"text": ANSWER, "buttons": [follow_up]})
    assert [b["title"] for b in rated["buttons"]] == ["Benefits", "Helpful", "Not helpful"]
    assert rated["buttons"][2]["payload"] == '/feedback{"feedback":"not_helpful","answer_id":"a6953fd35"}'
    greeting = {"text": "Hello! What would you like to know?", "buttons": [follow_up]}
    assert with_feedback_buttons(greeting) == greeting
