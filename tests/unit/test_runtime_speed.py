"""The per-turn speed-ups in the Rasa process keep Rasa's behaviour."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import sqlalchemy
from jsonschema import ValidationError

from runtime.rasa_server import _action_reply_validator, _quickly_valid, validate_with_compiled_schema
from runtime.tracker_store import ForgettingSQLTrackerStore


def test_compiled_validator_accepts_a_valid_action_reply() -> None:
    reply = {"events": [{"event": "slot", "name": "programme", "value": "top-tier"}], "responses": [{"text": "hi"}]}
    assert validate_with_compiled_schema(None, reply) is True


@pytest.mark.parametrize("reply", [
    {"events": [{"event": "no-such-event"}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
    ["not", "an", "object"],
])
def test_compiled_validator_rejects_what_rasa_rejects(reply) -> None:
    from jsonschema import validate
    from rasa.core.actions.action import RemoteAction

    with pytest.raises(ValidationError):
        validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check refuses it...
    with pytest.raises(ValidationError):
        validate_with_compiled_schema(None, reply)  # ...and so does ours


def every_kind_of_event() -> list[dict]:
    from datetime import datetime

    from rasa.shared.core import events

    return [event.as_dict() for event in (
        events.UserUttered("hi", {"name": "greet", "confidence": 0.9}, [{"entity": "country", "value": "Chile"}]),
        events.ActionExecuted("action_listen"), events.SlotSet("programme", "top-tier"), events.SlotSet("age", None),
        events.EntitiesAdded([{"entity": "country", "value": "Chile"}]), events.UserUtteranceReverted(),
        events.BotUttered("hello", {"buttons": [{"title": "a", "payload": "/b"}]}), events.ActiveLoop("profile_form"),
        events.ActiveLoop(None), events.FollowupAction("action_listen"), events.Restarted(), events.AllSlotsReset(),
        events.SessionStarted(), events.ConversationPaused(), events.ConversationResumed(), events.ActionReverted(),
        events.ReminderScheduled("remind", datetime(2030, 1, 1)), events.ReminderCancelled("remind"),
        events.LoopInterrupted(True), events.ActionExecutionRejected("action_x"), events.AgentUttered("x"),
        events.StoryExported(), events.DefinePrevUserUtteredFeaturization(False),
    )]


@pytest.mark.parametrize("event", every_kind_of_event(), ids=lambda event: event["event"])
def test_the_quick_check_accepts_what_rasa_accepts(event) -> None:
    reply = {"events": [event], "responses": [{"text": "hi", "buttons": []}]}
    assert _action_reply_validator().is_valid(reply)
    assert _quickly_valid(reply)  # taken without the whole schema


@pytest.mark.parametrize("reply", [
    {"events": [{"event": "slot", "name": 3, "value": "x"}]},  # the slot schema wants a name string
    {"events": [{"event": "user", "text": 3}]},
    {"events": [{"event": "bot", "timestamp": "yesterday"}]},
    {"events": [{"event": "action", "name": "x", "policy": 5}]},
    {"events": [{"event": "slot", "name": "a", "value": 1}, {"event": "no-such-event"}]},
    {"events": [{"name": "no event key"}]},
    {"events": [["not", "an", "object"]]},
    {"events": [{"event": 7}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
    ["not", "an", "object"],
])
def test_the_quick_check_never_accepts_what_rasa_rejects(reply) -> None:
    assert not _action_reply_validator().is_valid(reply)
    assert not _quickly_valid(reply)
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate_with_compiled_schema(None, reply)


def test_sqlite_tracker_store_uses_wal_and_normal_sync(tmp_path: Path) -> None:
    store = ForgettingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_sqlite_tracker_store_reuses_its_connection_between_turns(tmp_path: Path) -> None:
    store = ForgettingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")
    opened = []
    sqlalchemy.event.listen(store.engine, "connect", lambda *_: opened.append(1))
    for _ in range(3):
        with store.session_scope() as session:
            session.query(store.SQLEvent).count()
    assert len(opened) <= 1 and store.engine.pool.checkedin() == 1


def test_event_classes_are_remembered_with_rasas_answers() -> None:
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    from runtime.rasa_server import cache_event_classes

    cache_event_classes()
    cache_event_classes()  # twice: still one cache, around Rasa's own lookup
    assert hasattr(Event.resolve_by_type, "cache_info")
    found = [Event.resolve_by_type(name) for name in ("slot", "user", "action")]
    assert found == [SlotSet, UserUttered, ActionExecuted]
    slot = Event.from_parameters({"event": "slot", "name": "programme", "value": "d-10"})
    assert slot == SlotSet("programme", "d-10")
    with pytest.raises(ValueError):
        Event.resolve_by_type("no-such-event")
    assert Event.resolve_by_type("no-such-event", default=SlotSet) is SlotSet


async def _http_server(answer_again: bool) -> tuple[asyncio.AbstractServer, list[int]]:
    """A loopback HTTP server answering `{"n": <connection number>}` with keep-alive; with answer_again=False it
    closes a connection at its second request unanswered, as a server does whose keep-alive just ended."""
    connections: list[int] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(len(connections) + 1)
        number, served = len(connections), 0
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            await reader.readexactly(length)
            if served and not answer_again:
                writer.close()
                return
            body = json.dumps({"n": number}).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
            served += 1

    return await asyncio.start_server(serve, "127.0.0.1", 0), connections


@pytest.mark.parametrize("answer_again", [True, False])
def test_calls_to_an_endpoint_reuse_their_connection_or_open_a_new_one(answer_again: bool) -> None:
    from rasa.utils.endpoints import EndpointConfig

    from runtime.rasa_server import reuse_endpoint_connections

    reuse_endpoint_connections()

    async def calls() -> tuple[list[dict], list[int]]:
        server, connections = await _http_server(answer_again)
        port = server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            replies = [await endpoint.request(json={"turn": turn}, method="post") for turn in range(3)]
        finally:
            server.close()
            await endpoint.__dict__["_kvg_session"][1].close()
        return replies, connections

    replies, connections = asyncio.run(calls())
    if answer_again:  # one connection for the three calls
        assert replies == [{"n": 1}] * 3 and connections == [1]
    else:  # each reused connection was closed unanswered: the call went again, on a new connection
        assert replies == [{"n": 1}, {"n": 2}, {"n": 3}] and connections == [1, 2, 3]
