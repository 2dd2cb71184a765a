"""Conversations, numbers and missed messages from stored events (built in memory the way Rasa stores them)."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from insights import metrics
from insights.conversations import build_conversations
from insights.review import inbox_yaml
from insights.store import StoredEvent, since_cutoff
from insights.unanswered import NOT_UNDERSTOOD, REPHRASED, group_similar, missed_messages

DAY = 86400.0


class Log:
    """Events of one sender in stored order."""

    def __init__(self, sender: str, start: float, channel: str = "rest"):
        self.sender, self.clock, self.channel = sender, start, channel
        self.events: list[StoredEvent] = []
        self._add("action", {"name": "action_session_start"})
        self._add("session_started", {})

    def _add(self, kind: str, data: dict[str, Any]) -> None:
        self.clock += 1
        self.events.append(StoredEvent(self.sender, kind, self.clock, {"event": kind, **data}))

    def user(self, text: str, intent: str, confidence: float = 0.95, *actions: str,
             ranking: list[tuple[str, float]] | None = None, programme: str | None = None) -> Log:
        ranked = [{"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])]
        self._add("user", {"text": text, "input_channel": self.channel,
                           "parse_data": {"intent": {"name": intent, "confidence": confidence},
                                          "intent_ranking": ranked}})
        for action in actions:
            self._add("action", {"name": action})
            if programme:
                self._add("slot", {"name": "programme", "value": programme})
        self._add("action", {"name": "action_listen"})
        return self

    def rewind(self) -> Log:
        self.events.insert(-1, StoredEvent(self.sender, "rewind", self.clock, {"event": "rewind"}))
        return self

    def new_session(self) -> Log:
        self._add("action", {"name": "action_session_start"})
        self._add("session_started", {})
        return self


def sample() -> list[StoredEvent]:
    answered = Log("a", 0.0).user("what is the top tier visa", "ask_overview", 0.97, "action_answer_aspect",
                                  programme="top-tier")
    answered.user('/feedback{"feedback":"helpful","answer_id":"x1"}', "feedback", 1.0)
    fallback = Log("b", DAY, "socketio")
    fallback.user("blorp visa frobnicate", "nlu_fallback", 0.4, "action_two_stage_fallback",
                  ranking=[("nlu_fallback", 0.4), ("ask_fees", 0.31)])
    fallback.user("how much does the visa cost", "ask_fees", 0.9, "action_answer_aspect", programme="top-tier")
    handoff = Log("c", DAY).user("I want a human", "human_handoff", 0.99, "action_handoff")
    handoff.new_session().user("my mail is x@y.com, what is d-10", "ask_overview", 0.92, "action_answer_aspect",
                               programme="d-10")
    handoff.user('/feedback{"feedback":"not_helpful","answer_id":"x2"}', "feedback", 1.0)
    return answered.events + fallback.events + handoff.events


def test_sessions_are_conversations_and_numbers_follow_the_definitions() -> None:
    conversations = build_conversations(sample())
    assert [c.id for c in conversations] == ["a", "b", "c", "c#2"]
    summary = metrics.summary(conversations)
    assert summary["conversations"] == 4
    assert summary["turns"] == 5  # feedback is not a turn
    assert summary["containment"] == 0.5  # a and c#2; b fell back, c asked for a person
    assert summary["fallback_rate"] == 0.2
    assert summary["handoff_rate"] == 0.25
    assert summary["feedback"] == {"helpful": 1, "not_helpful": 1}
    assert summary["median_turns"] == 1
    assert summary["channels"] == {"rest": 3, "socketio": 1}
    assert metrics.programme_mentions(conversations) == {"top-tier": 2, "d-10": 1}
    assert [d["conversations"] for d in metrics.per_day(conversations)] == [1, 3]


def test_missed_messages_are_the_fallback_and_its_rephrasing_with_the_likeliest_intent() -> None:
    missed = missed_messages(build_conversations(sample()), threshold=0.4)
    assert [(m.text, m.reason, m.predicted_intent) for m in missed] == [
        ("blorp visa frobnicate", NOT_UNDERSTOOD, "ask_fees"),
        ("how much does the visa cost", REPHRASED, "ask_fees"),
    ]


def test_low_confidence_answers_are_listed_and_masked() -> None:
    events = Log("d", 0.0).user("fee for the passport M12345678 holder", "ask_fees", 0.5, "action_answer_aspect").events
    missed = missed_messages(build_conversations(events), threshold=0.4)
    assert [m.text for m in missed] == ["fee for the passport [passport no.] holder"]


def test_similar_wordings_are_grouped() -> None:
    missed = missed_messages(build_conversations(
        Log("e", 0.0).user("visa for my cat", "out_of_scope", 0.9).user("weather in seoul", "out_of_scope", 0.9)
        .user("visa for my cats", "out_of_scope", 0.9).events), threshold=0.4)
    groups = group_similar(missed)
    assert [g.count for g in groups] == [2, 1]
    assert {m.text for m in groups[0].messages} == {"visa for my cat", "visa for my cats"}


def test_the_inbox_is_rasa_nlu_data_with_the_suggested_intents() -> None:
    missed = missed_messages(build_conversations(sample()), threshold=0.4)
    text = inbox_yaml(missed)
    data = RasaYAMLReader().reads(text)
    assert {m.get("intent") for m in data.intent_examples} == {"ask_fees"}
    assert {m.get("text") for m in data.intent_examples} == {"blorp visa frobnicate", "how much does the visa cost"}
    assert "# suggested intent: ask_fees" in text
    assert RasaYAMLReader().reads(inbox_yaml([])).intent_examples == []


def test_since_reads_hours_days_and_weeks_and_refuses_the_rest() -> None:
    assert since_cutoff("7d", now=10 * DAY) == 3 * DAY
    assert since_cutoff("24h", now=DAY) == 0
    assert since_cutoff("1w", now=7 * DAY) == 0
    assert since_cutoff(None) is None
    try:
        since_cutoff("last tuesday")
    except ValueError as error:
        assert "SINCE" in str(error)
    else:
        raise AssertionError("an unreadable SINCE was accepted")


def test_a_rephrasing_the_two_stage_fallback_takes_back_and_processes_again_is_one_turn() -> None:
    log = Log("f", 0.0).user("zzk vrr", "nlu_fallback", 0.3, "action_two_stage_fallback")
    log.user("what does the visa cost", "ask_fees", 0.9, "action_two_stage_fallback").rewind()
    log.user("what does the visa cost", "ask_fees", 0.9, "action_answer_aspect")
    log.user("zzk vrr again", "nlu_fallback", 0.3, "action_default_fallback").rewind()
    log.user("list programmes", "list_programmes", 0.95, "action_list_programmes")
    conversations = build_conversations(log.events)
    assert [t.text for t in conversations[0].turns] == [
        "zzk vrr", "what does the visa cost", "zzk vrr again", "list programmes"]
    assert metrics.summary(conversations)["fallback_rate"] == 0.5
