"""Telegram: Bot API updates posted to /webhooks/telegram/webhook, replies captured at the stub Bot API."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.channels.checks import TrackerDb, forget_me_deletes_the_conversation, nothing_answered
from tests.channels.stub import TELEGRAM_SECRET, Call, StubApis, post, unique_id
from visa_guide.vocabulary import ASPECT_LABELS

pytestmark = pytest.mark.e2e

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def message_update(chat_id: int, text: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Min-jun", "username": "minjun", "language_code": "en"}
    return {
        "update_id": int(unique_id(8)),
        "message": {
            "message_id": int(unique_id(4)),
            "from": user,
            "chat": {"id": chat_id, "first_name": "Min-jun", "username": "minjun", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def button_update(chat_id: int, data: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Min-jun", "language_code": "en"}
    return {
        "update_id": int(unique_id(8)),
        "callback_query": {
            "id": unique_id(12),
            "from": user,
            "message": {
                "message_id": int(unique_id(4)),
                "from": {"id": 123456789, "is_bot": True, "first_name": "Visa Guide"},
                "chat": {"id": chat_id, "first_name": "Min-jun", "type": "private"},
                "date": int(time.time()),
                "text": "(the bot's message with the buttons)",
            },
            "chat_instance": unique_id(10),
            "data": data,
        },
    }


def send(webhooks: str, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return post(f"{webhooks}/telegram/webhook", json=update, headers=headers)


def sent_to(chat_id: int):
    return lambda c: c.api == "telegram" and c.method == "sendMessage" and c.body.get("chat_id") == str(chat_id)


def keyboard(call: Call) -> list[dict[str, Any]]:
    markup = json.loads(call.body["reply_markup"])
    return [button for row in markup["inline_keyboard"] for button in row]


def test_webhook_is_registered_with_the_secret_token(apis: StubApis, webhooks: str):
    registered = apis.matching(lambda c: c.api == "telegram" and c.method == "setWebhook")
    assert registered, "setWebhook was not called at start-up"
    assert registered[0].body["url"] == "https://visa-bot.example.test/webhooks/telegram/webhook"
    assert registered[0].body["secret_token"] == TELEGRAM_SECRET


def test_question_gets_the_answer_and_buttons_that_work(apis: StubApis, webhooks: str):
    chat = int(unique_id())
    response = send(webhooks, message_update(chat, "what is the top tier visa?"))
    assert response.status_code == 200, response.text
    answer = apis.wait_for(sent_to(chat))[-1]
    assert "Top-Tier visa" in answer.body["text"]
    assert "<b>Top-Tier visa</b> (in force):" in answer.body["text"] and "**" not in answer.body["text"]
    assert '<a href="https://www.hikorea.go.kr">HiKorea</a>' in answer.body["text"]
    assert answer.body["parse_mode"] == "HTML"
    buttons = keyboard(answer)
    assert [b["text"] for b in buttons][0] == "Who can apply?"
    assert len(json.loads(answer.body["reply_markup"])["inline_keyboard"]) == len(buttons)  # one per row

    query = button_update(chat, buttons[0]["callback_data"])
    assert send(webhooks, query).status_code == 200
    apis.wait_for(lambda c: c.api == "telegram" and c.method == "answerCallbackQuery"
                  and c.body.get("callback_query_id") == query["callback_query"]["id"])
    replies = apis.wait_for(sent_to(chat), count=2)
    assert f"Top-Tier visa: {ASPECT_LABELS['eligibility']}" in replies[-1].body["text"]


def test_long_button_payloads_fit_telegrams_limit_and_still_work(apis: StubApis, webhooks: str):
    chat = int(unique_id())
    send(webhooks, message_update(chat, "compare two programmes"))
    buttons = keyboard(apis.wait_for(sent_to(chat))[-1])
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    keyed = [b for b in buttons if b["callback_data"].startswith("#b:")]
    assert keyed, "expected a payload over 64 bytes (job-seeking-d10 and post-graduation-internship)"
    send(webhooks, button_update(chat, keyed[0]["callback_data"]))
    assert " vs " in apis.wait_for(sent_to(chat), count=2)[-1].body["text"]

    send(webhooks, button_update(chat, "#b:unknownkey"))
    assert "expired" in apis.wait_for(sent_to(chat), count=3)[-1].body["text"]


def test_start_command_is_answered_with_a_greeting(apis: StubApis, webhooks: str):
    chat = int(unique_id())
    send(webhooks, message_update(chat, "/start"))
    assert "Korea Visa Guide" in apis.wait_for(sent_to(chat))[-1].body["text"]


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_update_without_the_secret_token_is_refused(apis: StubApis, webhooks: str, secret: str | None):
    chat = int(unique_id())
    response = send(webhooks, message_update(chat, "what is the top tier visa?"), secret=secret)
    assert response.status_code == 403
    nothing_answered(apis, sent_to(chat), lambda text: send(webhooks, message_update(chat, text)))


def test_forget_me_deletes_the_conversation(apis: StubApis, webhooks: str, tracker: TrackerDb):
    chat = int(unique_id())
    forget_me_deletes_the_conversation(apis, tracker, str(chat), sent_to(chat),
                                       lambda text: send(webhooks, message_update(chat, text)))
