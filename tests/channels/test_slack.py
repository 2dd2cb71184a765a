"""Slack: signed Events API and interactivity requests to /webhooks/slack/webhook, replies at the stub Web API."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.channels.checks import TrackerDb, forget_me_deletes_the_conversation, nothing_answered
from tests.channels.stub import SLACK_TOKEN, StubApis, post, slack_headers, unique_id
from visa_guide.vocabulary import ASPECT_LABELS

pytestmark = pytest.mark.e2e


def message_event(user: str, channel: str, text: str) -> bytes:
    now = time.time()
    body = {
        "token": "verification-token-unused",
        "team_id": "T0TEAM0001",
        "api_app_id": "A0APP00001",
        "event": {
            "client_msg_id": f"{unique_id(8)}-aaaa-bbbb-cccc-{unique_id(12)}",
            "type": "message",
            "text": text,
            "user": user,
            "ts": f"{now:.6f}",
            "team": "T0TEAM0001",
            "channel": channel,
            "event_ts": f"{now:.6f}",
            "channel_type": "im",
        },
        "type": "event_callback",
        "event_id": f"Ev{unique_id(10)}",
        "event_time": int(now),
        "authorizations": [{"enterprise_id": None, "team_id": "T0TEAM0001", "user_id": "U0BOT00001",
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }
    return json.dumps(body).encode()


def button_click(user: str, channel: str, value: str) -> bytes:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "minjun", "team_id": "T0TEAM0001"},
        "api_app_id": "A0APP00001",
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": False},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {"type": "message", "ts": f"{time.time():.6f}", "text": "(buttons)"},
        "actions": [{"type": "button", "action_id": "abc", "block_id": "def", "value": value,
                     "text": {"type": "plain_text", "text": "Who can apply?"}, "action_ts": f"{time.time():.6f}"}],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


def send(webhooks: str, body: bytes, headers: dict[str, str] | None = None):
    return post(f"{webhooks}/slack/webhook", data=body, headers=headers or slack_headers(body))


def posted_to(channel: str):
    return lambda c: c.api == "slack" and c.method == "chat.postMessage" and c.body.get("channel") == channel


def test_question_gets_the_answer_and_buttons_that_work(apis: StubApis, webhooks: str):
    user, channel = f"U{unique_id(10)}", f"D{unique_id(10)}"
    response = send(webhooks, message_event(user, channel, "what is the top tier visa?"))
    assert response.status_code == 200, response.text
    answer = apis.wait_for(posted_to(channel))[-1]
    assert answer.headers.get("Authorization") == f"Bearer {SLACK_TOKEN}"
    assert "*Top-Tier visa* (in force):" in answer.body["text"] and "**" not in answer.body["text"]
    assert "<https://www.hikorea.go.kr|HiKorea>" in answer.body["text"]
    actions = [b for b in answer.body["blocks"] if b["type"] == "actions"]
    buttons = [e for block in actions for e in block["elements"]]
    titles = [b["text"]["text"] for b in buttons]
    assert titles[0] == "Who can apply?" and len(titles) == 5 and titles[3:] == ["Helpful", "Not helpful"]

    body = button_click(user, channel, buttons[0]["value"])
    assert send(webhooks, body, slack_headers(body, "application/x-www-form-urlencoded")).status_code == 200
    reply = apis.wait_for(posted_to(channel), count=2)[-1]
    assert f"Top-Tier visa: {ASPECT_LABELS['eligibility']}" in reply.body["text"]


def test_six_buttons_are_kept_in_rows_of_five(apis: StubApis, webhooks: str):
    user, channel = f"U{unique_id(10)}", f"D{unique_id(10)}"
    send(webhooks, message_event(user, channel, "list the programmes"))
    answer = apis.wait_for(posted_to(channel))[-1]
    rows = [len(b["elements"]) for b in answer.body["blocks"] if b["type"] == "actions"]
    assert rows == [5, 1]


@pytest.mark.parametrize("problem", ["missing", "wrong-secret", "stale"])
def test_unsigned_badly_signed_or_old_requests_are_refused(apis: StubApis, webhooks: str, problem: str):
    user, channel = f"U{unique_id(10)}", f"D{unique_id(10)}"
    body = message_event(user, channel, "what is the top tier visa?")
    headers = {
        "missing": {"Content-Type": "application/json"},
        "wrong-secret": slack_headers(body, secret="another-secret"),
        "stale": slack_headers(body, timestamp=int(time.time()) - 600),
    }[problem]
    assert send(webhooks, body, headers).status_code == 400
    nothing_answered(apis, posted_to(channel), lambda text: send(webhooks, message_event(user, channel, text)))


def test_forget_me_deletes_the_conversation(apis: StubApis, webhooks: str, tracker: TrackerDb):
    user, channel = f"U{unique_id(10)}", f"D{unique_id(10)}"
    forget_me_deletes_the_conversation(apis, tracker, user, posted_to(channel),
                                       lambda text: send(webhooks, message_event(user, channel, text)))


def test_the_feedback_buttons_store_feedback_naming_the_answer(apis: StubApis, webhooks: str, tracker: TrackerDb):
    from insights import metrics
    from insights.conversations import build_conversations
    from insights.store import read_events

    user, channel = f"U{unique_id(10)}", f"D{unique_id(10)}"
    assert send(webhooks, message_event(user, channel, "what is the top tier visa?")).status_code == 200
    answer = apis.wait_for(posted_to(channel))[-1]
    buttons = [e for b in answer.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    not_helpful = next(b for b in buttons if b["text"]["text"] == "Not helpful")
    body = button_click(user, channel, not_helpful["value"])
    assert send(webhooks, body, slack_headers(body, "application/x-www-form-urlencoded")).status_code == 200
    assert "feedback" in apis.wait_for(posted_to(channel), count=2)[-1].body["text"].lower()
    deadline = time.monotonic() + 20  # Rasa saves the turn just after sending its reply
    while True:
        conversations = [c for c in build_conversations(read_events(str(tracker.engine.url))) if c.sender_id == user]
        if metrics.feedback_counts(conversations)["not_helpful"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert metrics.feedback_counts(conversations) == {"helpful": 0, "not_helpful": 1}
    rated = metrics.rated_answers(conversations)
    assert len(rated) == 1 and rated[0][1].startswith("**Top-Tier visa** (in force):")
