"""Bad input on the REST and socket.io channels: clear 4xx errors or polite replies, never a 500."""

from __future__ import annotations

import asyncio
import json

import pytest
import requests
import socketio

from runtime.channels.guard import EMPTY, NO_WORDS
from runtime.channels.socketio import LOST_SESSION
from tests.reliability.conftest import Chat, replies_text, socketio_exchange

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def webhook(rel_stack) -> str:
    return f"{rel_stack.config.rasa_url}/webhooks/rest/webhook"


def post_raw(url: str, body: bytes, content_type: str | None = "application/json") -> requests.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return requests.post(url, data=body, headers=headers, timeout=30)


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "invalid_json"),
        (b'{"sender": "a", "message": "hi"', 400, "invalid_json"),
        (b"", 400, "empty_body"),
        (b"[]", 400, "not_an_object"),
        (b'[{"sender": "a", "message": "hi"}]', 400, "not_an_object"),
        (b'"hello"', 400, "not_an_object"),
        (b"42", 400, "not_an_object"),
        (b"null", 400, "not_an_object"),
        (b'{"sender": "a"}', 400, "missing_message"),
        (b'{"sender": "a", "message": null}', 400, "missing_message"),
        (b'{"message": "hi"}', 400, "missing_sender"),
        (b'{"sender": 42, "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": ["a"], "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "a\\u0000b", "message": "hi"}', 400, "invalid_sender"),
        (b'{"sender": "a", "message": 42}', 400, "invalid_message"),
        (b'{"sender": "a", "message": {"text": "hi"}}', 400, "invalid_message"),
        (b'{"sender": "a", "message": ["hi"]}', 400, "invalid_message"),
        (b'{"sender": "a", "message": true}', 400, "invalid_message"),
        (b'{"sender": "a", "message": "hi", "metadata": "x"}', 400, "invalid_metadata"),
        (b'{"sender": "a", "message": "h\xffi"}', 415, "invalid_encoding"),
        (b"\xff\xfe\x00\x00", 415, "invalid_encoding"),
        (b"[" * 100_000, 400, "invalid_json"),
    ],
)
def test_malformed_bodies_get_a_clear_4xx(webhook, body, status, error):
    response = post_raw(webhook, body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == error
    assert response.json()["message"]


def test_a_body_that_is_too_large_gets_413(webhook):
    body = json.dumps({"sender": "big", "message": "x" * (2 * 1024 * 1024)}).encode()
    response = post_raw(webhook, body)
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


def test_a_content_type_that_is_not_json_gets_415(webhook):
    body = json.dumps({"sender": "a", "message": "hi"}).encode()
    assert post_raw(webhook, body, "multipart/form-data; boundary=x").status_code == 415
    assert post_raw(webhook, body, "application/json; charset=latin-1").status_code == 415
    # what curl -d sends, plain text and no content type at all are accepted
    for content_type in ("application/x-www-form-urlencoded", "text/plain", None, "application/json; charset=utf-8"):
        assert post_raw(webhook, body, content_type).status_code == 200, content_type


def test_a_long_message_gets_the_shorter_please_reply(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    for length in (2001, 20_000, 200_000):
        reply = chat.text("visa " * (length // 5 + 1))
        assert "too long" in reply and "2000" in reply
    assert "Top-Tier" in chat.text("what is the top tier visa?")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", EMPTY),
        ("   \n\t  ", EMPTY),
        ("\x00\x01\x02\x1b", EMPTY),
        ("\x00\x01\x02\x7f", EMPTY),
        ("\u200b\u200e\ufeff", EMPTY),
        ("\ud800", EMPTY),
        ("😀🎉🇰🇷", NO_WORDS),
        ("?!... :) <>", NO_WORDS),
    ],
)
def test_empty_or_symbol_only_messages_get_the_guard_reply(rel_stack, message, expected):
    assert Chat(rel_stack.config.rasa_url).text(message) == expected


def test_control_characters_inside_a_real_question_are_dropped(rel_stack):
    reply = Chat(rel_stack.config.rasa_url).text("what is the\x00 top tier\u200b visa?\x07")
    assert "Top-Tier" in reply


def test_the_server_still_answers_after_bad_input(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    assert "family" in chat.text("and can my family come too?").lower()


def stream_lines(response: requests.Response) -> list[dict]:
    """The bot messages of a `?stream=true` answer: one JSON object per line."""
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def test_the_webhook_answers_the_same_with_and_without_streaming(webhook):
    body = {"sender": "stream-a", "message": "what is the top tier visa?\x00"}
    plain = requests.post(webhook, json=body, timeout=60)
    streamed = requests.post(webhook, params={"stream": "true"}, json=dict(body, sender="stream-b"), timeout=60)
    assert plain.status_code == 200 and streamed.status_code == 200
    assert streamed.headers["Content-Type"].startswith("text/event-stream")
    lines = stream_lines(streamed)
    assert "Top-Tier" in replies_text(lines)
    assert [m.get("text") for m in lines] == [m.get("text") for m in plain.json()]
    assert {m["recipient_id"] for m in plain.json()} == {"stream-a"}
    assert {m["recipient_id"] for m in lines} == {"stream-b"}


def test_the_streaming_webhook_guards_and_refuses_like_the_plain_one(webhook):
    guarded = requests.post(webhook, params={"stream": "true"}, json={"sender": "s", "message": "🎉"}, timeout=30)
    assert guarded.status_code == 200 and [m["text"] for m in guarded.json()] == [NO_WORDS]
    refused = requests.post(webhook, params={"stream": "true"}, data=b"[1, 2]", timeout=30)
    assert refused.status_code == 400 and refused.json()["error"] == "not_an_object"


# --- socket.io -------------------------------------------------------------------------------------

async def test_socketio_answers_questions_and_guards_bad_messages(rel_stack):
    answers = await socketio_exchange(
        rel_stack.config.rasa_url,
        [
            {"message": "what is the top tier visa?"},
            {"message": "😀😀"},
            {"message": "visa " * 500},
            {"message": ""},
            {"message": 12345},
            {"message": None},
            {},
            {"message": "hi", "metadata": "{not json"},
            {"message": "hi", "session_id": ""},
            "just a string",
            ["a", "list"],
            {"message": "and can my family come too?"},
        ],
    )
    texts = [replies_text(batch) for batch in answers]
    assert "Top-Tier" in texts[0]
    assert texts[1] == NO_WORDS
    assert "too long" in texts[2]
    assert texts[3] == texts[4] == texts[5] == texts[6] == EMPTY
    assert texts[7]
    assert texts[8] == texts[9] == texts[10] == LOST_SESSION
    assert "family" in texts[11].lower()


async def test_socketio_session_request_without_an_object_still_confirms(rel_stack):
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(rel_stack.config.rasa_url, transports=["polling"], wait_timeout=10)
    try:
        for payload in ("text", 42, None, {"session_id": 42}):
            await client.emit("session_request", payload)
            session = await asyncio.wait_for(confirmed.get(), 10)
            assert isinstance(session, str) and session
    finally:
        await client.disconnect()
