"""Slack with the message guard and buttons that survive more than five options.

Rasa 3.6 checks Slack's signing secret itself (`X-Slack-Signature`, requests older than 5 minutes refused,
400 otherwise) and answers in a background task. Its SlackBot sends every paragraph as its own message and
drops all buttons when there are more than 5. Here `**bold**` becomes Slack's `*bold*`, paragraphs are packed
into messages of at most 3,000 characters, and buttons go in rows of 5 (several `actions` blocks).
SLACK_CHANNEL (optional) is a channel the bot answers in without being mentioned; SLACK_API_BASE_URL
replaces https://slack.com/api/ (the tests point it at a stub).
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint
from slack_sdk.web.async_client import AsyncWebClient

from runtime.channels.messaging import api_base, guarded, pack_paragraphs, slack_mrkdwn

MAX_TEXT = 3000  # a section block's text limit
BUTTONS_PER_ROW = 5
MAX_BUTTON_TEXT = 75


class GuardedSlackBot(SlackBot):
    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_base("SLACK_API_BASE_URL",
                                                                            "https://slack.com/api") + "/")

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        for part in pack_paragraphs(slack_mrkdwn(text), MAX_TEXT):
            await self._post_message(channel=recipient, as_user=True, text=part, type="mrkdwn")

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        parts = pack_paragraphs(slack_mrkdwn(text or "Please choose:"), MAX_TEXT)
        for part in parts[:-1]:
            await self._post_message(channel=recipient, as_user=True, text=part, type="mrkdwn")
        elements = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": str(b.get("title") or b.get("payload"))[:MAX_BUTTON_TEXT]},
                "value": str(b.get("payload") or b.get("title")),
            }
            for b in buttons
        ]
        blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": parts[-1]}}]
        blocks += [{"type": "actions", "elements": elements[i:i + BUTTONS_PER_ROW]}
                   for i in range(0, len(elements), BUTTONS_PER_ROW)]
        await self._post_message(channel=recipient, as_user=True, text=parts[-1], blocks=blocks)


class GuardedSlackInput(SlackInput):
    """Slack input channel; Event Subscriptions and Interactivity URL: /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("slack_token"),
            credentials.get("slack_channel") or os.environ.get("SLACK_CHANNEL") or None,
            credentials.get("proxy"),
            credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            credentials.get("errors_ignore_retry", None),
            credentials.get("use_threads", False),
            credentials.get("slack_signing_secret", ""),
            credentials.get("conversation_granularity", "sender"),
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(guarded(on_new_message))

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return GuardedSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
