"""Messenger: signed webhook events posted to /webhooks/facebook/webhook, replies captured at the stub Graph API."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import requests

from tests.channels.checks import TrackerDb, forget_me_deletes_the_conversation, nothing_answered
from tests.channels.stub import (
    FACEBOOK_PAGE_TOKEN,
    FACEBOOK_VERIFY,
    StubApis,
    facebook_headers,
    post,
    text_of,
    unique_id,
)
from visa_guide.vocabulary import ASPECT_LABELS

pytestmark = pytest.mark.e2e

PAGE_ID = "104233598765432"


def event(psid: str, message: dict[str, Any]) -> bytes:
    now = int(time.time() * 1000)
    body = {
        "object": "page",
        "entry": [{
            "id": PAGE_ID,
            "time": now,
            "messaging": [{
                "sender": {"id": psid},
                "recipient": {"id": PAGE_ID},
                "timestamp": now,
                "message": {"mid": f"m_{unique_id(12)}", **message},
            }],
        }],
    }
    return json.dumps(body).encode()


def send(webhooks: str, body: bytes, headers: dict[str, str] | None = None):
    return post(f"{webhooks}/facebook/webhook", data=body, headers=headers or facebook_headers(body))


def messages_to(psid: str):
    return lambda c: (c.api == "facebook" and c.path.endswith("/me/messages") and "message" in c.body
                      and c.body["recipient"]["id"] == psid)


def test_verify_token(webhooks: str):
    url = f"{webhooks}/facebook/webhook"
    ok = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": FACEBOOK_VERIFY,
                                   "hub.challenge": "1158201444"}, timeout=10)
    assert ok.status_code == 200 and ok.text == "1158201444"
    wrong = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
                         timeout=10)
    assert wrong.status_code == 403


def test_question_gets_the_answer_and_quick_replies(apis: StubApis, webhooks: str):
    psid = unique_id(16)
    response = send(webhooks, event(psid, {"text": "what is the top tier visa?"}))
    assert response.status_code == 200, response.text
    sent = apis.wait_for(messages_to(psid))
    answer = sent[-1]
    assert answer.query["access_token"] == FACEBOOK_PAGE_TOKEN
    assert "Top-Tier visa (in force):" in answer.body["message"]["text"] and "**" not in answer.body["message"]["text"]
    assert "HiKorea." in answer.body["message"]["text"] and "](" not in answer.body["message"]["text"]
    replies = answer.body["message"]["quick_replies"]
    titles = [r["title"] for r in replies]
    assert titles[0] == "Who can apply?" and len(titles) == 5 and titles[3:] == ["Helpful", "Not helpful"]
    assert all(r["content_type"] == "text" and len(r["title"]) <= 20 for r in replies)
    actions = [c.body["sender_action"] for c in apis.matching(
        lambda c: c.api == "facebook" and c.body.get("recipient", {}).get("id") == psid and "sender_action" in c.body)]
    assert actions[:2] == ["mark_seen", "typing_on"] and actions[-1] == "typing_off"

    send(webhooks, event(psid, {"text": replies[0]["title"], "quick_reply": {"payload": replies[0]["payload"]}}))
    reply = apis.nth_reply(messages_to(psid), lambda c: bool(c.body["message"].get("quick_replies")), 2)
    assert f"Top-Tier visa: {ASPECT_LABELS['eligibility']}" in "\n".join(text_of(c) for c in reply)


def test_many_buttons_with_long_titles_become_numbered_quick_replies(apis: StubApis, webhooks: str):
    psid = unique_id(16)
    send(webhooks, event(psid, {"text": "list the programmes"}))
    last = apis.wait_for(messages_to(psid))[-1].body["message"]
    assert "Tap a number:" in last["text"] and "\n1. Top-Tier visa" in last["text"]
    assert [r["title"] for r in last["quick_replies"]] == [str(n) for n in range(1, len(last["quick_replies"]) + 1)]
    assert len(last["quick_replies"]) == 6 and last["quick_replies"][0]["payload"].startswith("/ask_overview")


@pytest.mark.parametrize("headers", [
    {"Content-Type": "application/json"},
    {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "0" * 64},
    "wrong-secret",
])
def test_unsigned_or_badly_signed_events_are_refused(apis: StubApis, webhooks: str, headers):
    psid = unique_id(16)
    body = event(psid, {"text": "what is the top tier visa?"})
    if headers == "wrong-secret":
        headers = facebook_headers(body, secret="another-secret")
    assert send(webhooks, body, headers=headers).status_code == 403
    nothing_answered(apis, messages_to(psid), lambda text: send(webhooks, event(psid, {"text": text})))


def test_forget_me_deletes_the_conversation(apis: StubApis, webhooks: str, tracker: TrackerDb):
    psid = unique_id(16)
    forget_me_deletes_the_conversation(apis, tracker, psid, messages_to(psid),
                                       lambda text: send(webhooks, event(psid, {"text": text})))
