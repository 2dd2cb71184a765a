"""The guarded REST and socket.io channels' validation helpers (no server, no model). The webhook itself,
with and without `?stream=true`, is tested against the real servers in tests/reliability/test_bad_input.py
and test_faults.py."""

from __future__ import annotations

import json

import pytest

from runtime.channels.guard import EMPTY, NO_WORDS
from runtime.channels.rest import (
    BadRequest,
    GuardedRestInput,
    guard,
    parse_body,
    text_for_assistant,
    validate_payload,
    well_formed_command,
)
from runtime.channels.socketio import GuardedSocketIOInput, read_metadata, read_session_id

VOCABULARY = ({"greet", "check_country", "inform"}, {"country", "field"})


def refused(body: bytes, content_type: str | None = "application/json", limit: int | None = None) -> BadRequest:
    with pytest.raises(BadRequest) as caught:
        validate_payload(parse_body(body, content_type, limit))
    return caught.value


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"", 400, "empty_body"),
        (b"   ", 400, "empty_body"),
        (b"{", 400, "invalid_json"),
        (b"{'sender': 'a'}", 400, "invalid_json"),
        (b"[" * 50_000 + b"]" * 50_000, 400, "invalid_json"),
        (b"[]", 400, "not_an_object"),
        (b'[{"sender": "a", "message": "hi"}]', 400, "not_an_object"),
        (b"1", 400, "not_an_object"),
        (b'"text"', 400, "not_an_object"),
        (b"\xff", 415, "invalid_encoding"),
        (b'{"sender": "a", "message": "\xc3\x28"}', 415, "invalid_encoding"),
        (b'{"message": "hi"}', 400, "missing_sender"),
        (b'{"sender": null, "message": "hi"}', 400, "missing_sender"),
        (b'{"sender": 1, "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "  ", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "a\\nb", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "\\ud800", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "a"}', 400, "missing_message"),
        (b'{"sender": "a", "message": null}', 400, "missing_message"),
        (b'{"sender": "a", "message": 1.5}', 400, "invalid_message"),
        (b'{"sender": "a", "message": ["hi"]}', 400, "invalid_message"),
        (b'{"sender": "a", "message": "hi", "metadata": []}', 400, "invalid_metadata"),
        (b'{"sender": "a", "message": "hi", "input_channel": 3}', 400, "invalid_input_channel"),
    ],
)
def test_bad_bodies_are_refused_with_a_clear_error(body, status, code):
    error = refused(body)
    assert (error.status, error.code) == (status, code)
    assert error.body() == {"error": code, "message": error.message} and error.message


def test_a_sender_longer_than_the_tracker_column_is_refused():
    assert refused(json.dumps({"sender": "a" * 256, "message": "hi"}).encode()).code == "invalid_sender"
    assert validate_payload({"sender": "a" * 255, "message": "hi"}).sender == "a" * 255


def test_a_body_over_the_limit_gets_413(monkeypatch):
    assert refused(b'{"sender": "a", "message": "hi"}', limit=10).status == 413
    monkeypatch.setenv("MAX_BODY_BYTES", "20")
    assert refused(b'{"sender": "a", "message": "hello there"}').status == 413


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        (None, True),
        ("application/json", True),
        ("application/json; charset=UTF-8", True),
        ("application/vnd.api+json", True),
        ("text/plain", True),
        ("application/x-www-form-urlencoded", True),
        ("multipart/form-data; boundary=x", False),
        ("image/png", False),
        ("application/json; charset=utf-16", False),
    ],
)
def test_content_types(content_type, accepted):
    body = b'{"sender": "a", "message": "hi"}'
    if accepted:
        assert parse_body(body, content_type)["message"] == "hi"
    else:
        assert refused(body, content_type).status == 415


def test_a_good_body():
    payload = validate_payload(parse_body(
        '\ufeff{"sender": "user-1", "message": "Hi", "metadata": {"lang": "en"}}'.encode()
    ))
    assert (payload.sender, payload.message, payload.metadata, payload.input_channel) == (
        "user-1", "Hi", {"lang": "en"}, "rest"
    )


@pytest.mark.parametrize(
    ("text", "well_formed"),
    [
        ("/greet", True),
        ("/greet@0.9", True),
        ('/check_country{"country": "Peru"}', True),
        ('/check_country@1{"country": ["Peru", "Chile"]}', True),
        ("/unknown_intent", False),
        ('/check_country{"colour": "red"}', False),
        ("/check_country{", False),
        ("/check_country{}", False),
        ('/check_country{"country": "Peru"} and more', False),
        ("/greet@high", False),
        ("/greet@1.2.3", False),
        ('/check_country["country"]', False),
        ("/", False),
        ("//greet", False),
        ("/ greet", False),
    ],
)
def test_well_formed_commands(text, well_formed):
    assert well_formed_command(text, VOCABULARY) is well_formed


def test_commands_without_a_vocabulary_are_checked_for_form_only():
    assert well_formed_command("/anything_at_all")
    assert well_formed_command('/x{"any": 1}')
    assert not well_formed_command("/x{")


def test_text_for_the_assistant():
    assert text_for_assistant("  what is\x00 the visa?\u200b ") == "what is the visa?"
    assert text_for_assistant('/check_country{"country": "Peru"}', VOCABULARY) == '/check_country{"country": "Peru"}'
    assert text_for_assistant("/help me please", VOCABULARY) == "help me please"
    assert text_for_assistant("//greet{", VOCABULARY) == "greet{"


def test_guard_returns_the_reply_or_the_text():
    assert guard(None) == (EMPTY, "")
    assert guard("") == (EMPTY, "")
    assert guard("/") == (EMPTY, "")
    assert guard("/{}") == (NO_WORDS, "{}")
    assert guard("😀") == (NO_WORDS, "")
    assert guard("x" * 2001)[0].startswith("Sorry, that message is too long")
    assert guard("hello\x00") == (None, "hello")
    assert guard("/greet", VOCABULARY) == (None, "/greet")


def test_socketio_helpers():
    assert read_session_id({"session_id": "abc"}) == "abc"
    for data in (None, "abc", ["abc"], {}, {"session_id": ""}, {"session_id": 4}, {"session_id": "a\x00"}):
        assert read_session_id(data) is None
    assert read_metadata({"a": 1}) == {"a": 1}
    assert read_metadata('{"a": 1}') == {"a": 1}
    for value in (None, "{not json", "[1]", 3, [1]):
        assert read_metadata(value) == {}


def test_channel_names_and_credentials_keys_are_rasas():
    assert GuardedRestInput.name() == "rest"
    channel = GuardedSocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )
    assert GuardedSocketIOInput.name() == "socketio"
    assert (channel.user_message_evt, channel.bot_message_evt, channel.session_persistence) == (
        "user_uttered", "bot_uttered", True
    )
