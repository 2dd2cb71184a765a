"""A tracker read for a turn is bounded (the last `recent_turns` user messages), with the whole session's state.

Functional checks only (no timings): what the store reads, what the action server would be sent, what is
stored.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from runtime.prod.tracker_store import ConcurrentSQLTrackerStore
from runtime.tracker_store import ForgettingSQLTrackerStore, TrackerWindow, window_start

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask, inform, greet]
entities: [programme]
slots:
  programme:
    type: text
    mappings: [{type: custom}]
  country:
    type: text
    mappings: [{type: custom}]
  shown:
    type: bool
    influence_conversation: true
    mappings: [{type: custom}]
forms:
  eligibility_form:
    required_slots: [country]
actions: [action_answer]
responses:
  utter_greet: [{text: hi}]
""")
SENDER = "long-conversation"


def turn_events(turn: int) -> list[Event]:
    """One turn as Rasa stores it: the user's message, an action that sets slots and answers, listening."""
    events: list[Event] = [
        UserUttered(f"question {turn}", {"name": "ask", "confidence": 0.9}),
        ActionExecuted("action_answer"),
        BotUttered(f"answer {turn}"),
        SlotSet("programme", f"programme-{turn % 3}"),
    ]
    if turn == 2:
        events.append(SlotSet("country", "Vietnam"))  # set once, early: must survive the window
    if turn == 3:
        events.append(SlotSet("shown", False))  # set to a falsy value: still 'set' for featurisation
    return [*events, ActionExecuted("action_listen")]


def start_events() -> list[Event]:
    return [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]


def make_store(tmp_path: Path, cls: type = ForgettingSQLTrackerStore, **kwargs) -> ForgettingSQLTrackerStore:
    return cls(DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}", **kwargs)


def converse(store: ForgettingSQLTrackerStore, turns: range) -> DialogueStateTracker:
    """Each turn as Rasa's processor does it: read the tracker, add the turn's events, save."""
    tracker = None
    for turn in turns:
        tracker = asyncio.run(store.retrieve(SENDER))
        if tracker is None:
            tracker = DialogueStateTracker(SENDER, DOMAIN.slots)
            for event in start_events():
                tracker.update(event, DOMAIN)
        for event in turn_events(turn):
            tracker.update(event, DOMAIN)
        asyncio.run(store.save(tracker))
    return tracker


def full_tracker(turns: range) -> DialogueStateTracker:
    tracker = DialogueStateTracker(SENDER, DOMAIN.slots)
    for event in start_events() + [e for turn in turns for e in turn_events(turn)]:
        tracker.update(event, DOMAIN)
    return tracker


def user_messages(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_a_long_conversation_is_read_as_its_last_turns_with_all_its_slots(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(40))
    bounded = asyncio.run(store.retrieve(SENDER))
    whole = full_tracker(range(40))
    assert user_messages(bounded) == [f"question {n}" for n in range(35, 40)]
    assert len(bounded.events) < 40
    assert bounded.current_slot_values() == whole.current_slot_values()
    assert bounded.slots["shown"].has_been_set and bounded.slots["shown"].value is False
    # the states the policies see for the recent turns are the same as with the whole session
    assert bounded.past_states(DOMAIN)[-8:] == whole.past_states(DOMAIN)[-8:]
    assert bounded.past_states(DOMAIN, omit_unset_slots=True)[-8:] == \
        whole.past_states(DOMAIN, omit_unset_slots=True)[-8:]
    assert bounded.latest_message.text == whole.latest_message.text
    assert bounded.latest_action_name == whole.latest_action_name == "action_listen"


def test_the_action_server_is_sent_a_bounded_tracker(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(200))
    tracker = asyncio.run(store.retrieve(SENDER))
    payload = RemoteAction("action_answer", EndpointConfig("http://localhost:1"))._action_call_format(tracker, DOMAIN)
    events = payload["tracker"]["events"]
    assert len(events) <= 5 * len(turn_events(0)) + len(DOMAIN.slots) + 1
    assert payload["tracker"]["slots"]["country"] == "Vietnam"
    assert payload["tracker"]["latest_message"]["text"] == "question 199"


def test_the_store_reads_a_bounded_number_of_events(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(60))
    read = []
    original = store._session_rows

    def counting(connection, sender_id):  # noqa: ANN001, ANN202
        rows, carried, windowed = original(connection, sender_id)
        read.append((len(rows), windowed))
        return rows, carried, windowed

    store._session_rows = counting
    converse(store, range(60, 120))
    assert max(n for n, _ in read) <= 7 * len(turn_events(0))
    assert all(windowed for _, windowed in read)  # read from the window row, not Rasa's whole-session query


def test_a_short_conversation_is_read_from_its_first_event_after_one_turn(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(3))
    with store.engine.connect() as connection:
        rows, carried, windowed = store._session_rows(connection, SENDER)
    assert windowed and carried == []
    # the session as Rasa reads it: from its session_started event (action_session_start is stamped before it)
    assert '"session_started"' in rows[0][1]
    assert len(rows) == len(start_events()) - 1 + sum(len(turn_events(turn)) for turn in range(3))
    tracker = asyncio.run(store.retrieve(SENDER))
    assert user_messages(tracker) == ["question 0", "question 1", "question 2"]
    assert tracker.current_slot_values() == full_tracker(range(3)).current_slot_values()


def test_a_tracker_not_read_from_the_store_is_saved_after_the_stored_events(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(2))
    tracker = full_tracker(range(3))  # built elsewhere (e.g. Rasa's HTTP API): Rasa's count of stored rows
    asyncio.run(store.save(tracker))
    assert user_messages(asyncio.run(store.retrieve_full_tracker(SENDER))) == ["question 0", "question 1",
                                                                                "question 2"]


def test_every_event_is_stored_once_and_the_full_tracker_has_them_all(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(30))
    full = asyncio.run(store.retrieve_full_tracker(SENDER))
    expected = start_events() + [e for turn in range(30) for e in turn_events(turn)]
    assert [type(e).__name__ for e in full.events] == [type(e).__name__ for e in expected]
    assert user_messages(full) == [f"question {n}" for n in range(30)]
    with store.session_scope() as session:
        assert session.query(store.SQLEvent).count() == len(expected)


def test_the_concurrent_store_bounds_and_stores_the_same_way(tmp_path: Path) -> None:
    store = make_store(tmp_path, ConcurrentSQLTrackerStore, recent_turns=5)
    converse(store, range(30))
    assert user_messages(asyncio.run(store.retrieve(SENDER))) == [f"question {n}" for n in range(25, 30)]
    assert user_messages(asyncio.run(store.retrieve_full_tracker(SENDER))) == [f"question {n}" for n in range(30)]
    assert asyncio.run(store.retrieve(SENDER)).current_slot_values() == full_tracker(range(30)).current_slot_values()


def test_a_new_session_after_the_window_reads_only_the_new_session(tmp_path: Path) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(20))
    tracker = asyncio.run(store.retrieve(SENDER))
    for event in [*start_events(), *turn_events(100)]:
        tracker.update(event, DOMAIN)
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve(SENDER))
    assert user_messages(again) == ["question 100"]
    assert isinstance(again.events[0], SessionStarted)


def test_the_window_never_starts_inside_an_active_loop() -> None:
    events: list[Event] = [*start_events()]
    for turn in range(12):
        events += turn_events(turn)
        if turn == 4:
            events[-1:-1] = [ActiveLoop("eligibility_form")]
        if turn == 8:
            events[-1:-1] = [ActiveLoop(None)]
    index, slot_events = window_start(events, DOMAIN.slots, recent_turns=3)
    assert index == len(events) - 3 * len(turn_events(0)) - 1  # the last 3 turns: no loop there
    assert {e.key for e in slot_events} == {"programme", "country", "shown"}
    # asked for 5 turns, the window would start in the loop (turns 5-8): it starts before the loop instead
    index, _ = window_start(events, DOMAIN.slots, recent_turns=5)
    tracker = DialogueStateTracker("x", DOMAIN.slots)
    for event in events[:index]:
        tracker.update(event)
    assert tracker.active_loop is None
    assert sum(isinstance(e, UserUttered) for e in events[index:]) > 5


def test_short_conversations_are_read_whole() -> None:
    events = start_events() + [e for turn in range(4) for e in turn_events(turn)]
    assert window_start(events, DOMAIN.slots, recent_turns=10) is None
    assert window_start(events, DOMAIN.slots, recent_turns=0) is None


@pytest.mark.parametrize("purge", [False, True])
def test_forgetting_a_conversation_also_forgets_its_window(tmp_path: Path, purge: bool) -> None:
    store = make_store(tmp_path, recent_turns=5)
    converse(store, range(20))
    with store.session_scope() as session:
        assert session.query(TrackerWindow).count() == 1
    if purge:
        assert store.purge_older_than(-1) == 1
    else:
        store.delete_sender(SENDER)
    with store.session_scope() as session:
        assert session.query(TrackerWindow).count() == 0
    assert asyncio.run(store.retrieve(SENDER)) is None


def test_endpoints_yml_configures_the_window_through_rasas_factory(tmp_path: Path) -> None:
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(Path(__file__).resolve().parents[2] / "endpoints.yml"), "tracker_store")
    config.url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = TrackerStore.create(config, DOMAIN)
    store = getattr(store, "_tracker_store", store)
    assert isinstance(store, ForgettingSQLTrackerStore) and store.recent_turns == 10
