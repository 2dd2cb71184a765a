"""Telegram with the message guard, an optional webhook secret token and buttons that fit Telegram's limits.

Rasa 3.6's Telegram channel only compares the bot's username (from `getMe`, asked on every update) with
`verify`. Here:
- with TELEGRAM_SECRET_TOKEN set, the webhook is registered with that `secret_token` and an update without
  the matching `X-Telegram-Bot-Api-Secret-Token` header gets 403;
- `getMe` is asked once and remembered;
- buttons are inline buttons, one per row when there are more than two; a payload longer than Telegram's
  64-byte `callback_data` limit is sent as a short key remembered in this process (after a restart, a tap on
  such an old button gets a polite "please ask again");
- a button tap is acknowledged (`answerCallbackQuery`) so the app stops showing a spinner;
- `**bold**` is sent as HTML bold, paragraphs are packed into messages of at most 4,096 characters;
- Telegram's "/start" (sent when someone opens the bot) is answered as a greeting.
TELEGRAM_API_BASE_URL points the bot at another Bot API server (a local one, or the tests' stub).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

from runtime.channels.messaging import OptionMemory, api_base, guarded, html_bold, pack_paragraphs

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64  # bytes
KEY_PREFIX = "#b:"
EXPIRED = "Sorry, that button has expired. Please type your question, or say 'hi' to start again."


class GuardedTelegramOutput(TelegramOutput):
    def __init__(self, access_token: str | None, secret_token: str | None = None,
                 payloads: OptionMemory | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base("TELEGRAM_API_BASE_URL", "https://api.telegram.org"))
        Bot.__init__(self, access_token, server=server)
        self.secret_token = secret_token
        self.payloads = payloads if payloads is not None else OptionMemory()
        self._me: Any = None

    async def get_me(self) -> Any:
        if self._me is None:
            self._me = await super().get_me()
        return self._me

    async def set_webhook(self, url: str, *args: Any, **kwargs: Any) -> bool:  # type: ignore[override]
        """setWebhook with the secret token (aiogram 2.15's set_webhook predates it)."""
        data: dict[str, Any] = {"url": url}
        if self.secret_token:
            data["secret_token"] = self.secret_token
        return bool(await self.request("setWebhook", data))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in pack_paragraphs(html_bold(text), MAX_TEXT):
            await self.send_message(recipient_id, part, parse_mode="HTML")

    def callback_data(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= MAX_CALLBACK_DATA and not payload.startswith(KEY_PREFIX):
            return payload
        key = KEY_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        self.payloads.put(key, payload)
        return key

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     button_type: str | None = None, **kwargs: Any) -> None:
        if button_type == "reply":
            await super().send_text_with_buttons(recipient_id, text, buttons, button_type="reply", **kwargs)
            return
        keys = [InlineKeyboardButton(str(b.get("title") or b.get("payload")),
                                     callback_data=self.callback_data(str(b.get("payload") or b.get("title"))))
                for b in buttons]
        markup = InlineKeyboardMarkup()
        if button_type == "inline" or (button_type is None and len(keys) <= 2):
            markup.row(*keys)
        else:
            for key in keys:
                markup.row(key)
        parts = pack_paragraphs(html_bold(text or "Please choose:"), MAX_TEXT)
        for part in parts[:-1]:
            await self.send_message(recipient_id, part, parse_mode="HTML")
        await self.send_message(recipient_id, parts[-1], parse_mode="HTML", reply_markup=markup)


class GuardedTelegramInput(TelegramInput):
    """Telegram input channel; webhook at /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            debug_mode=False,
            secret_token=credentials.get("secret_token") or os.environ.get("TELEGRAM_SECRET_TOKEN") or None,
        )

    def __init__(self, access_token: str | None, verify: str | None, webhook_url: str | None,
                 debug_mode: bool = False, secret_token: str | None = None) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.secret_token = secret_token
        self.payloads = OptionMemory()

    def get_output_channel(self) -> GuardedTelegramOutput:
        channel = GuardedTelegramOutput(self.access_token, self.secret_token, self.payloads)

        async def register() -> None:
            try:
                await channel.set_webhook(self.webhook_url)
            finally:
                await channel.close()  # the session belongs to this short-lived loop; a new one is made later

        try:
            asyncio.run(register())
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set channel webhook: {error}") from error
        return channel

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        try:
            query = (request.json or {}).get("callback_query") or {}
        except Exception:  # noqa: BLE001 - not JSON: Rasa's handler deals with it
            return None
        return {"telegram_callback_query_id": query["id"]} if query.get("id") else None

    async def translate(self, message: UserMessage) -> str | None:
        query_id = (message.metadata or {}).get("telegram_callback_query_id")
        if query_id:
            try:
                await message.output_channel.answer_callback_query(query_id)
            except Exception:  # noqa: BLE001 - the answer only stops the spinner
                logger.debug("answerCallbackQuery failed", exc_info=True)
        text = message.text or ""
        command = text.split(maxsplit=1)[0].split("@")[0] if text.strip() else ""
        if text.startswith(KEY_PREFIX):
            payload = self.payloads.get(text)
            if payload is None:
                return EXPIRED
            message.text = payload
        elif command == "/start":  # also "/start@bot_name" and deep links "/start <parameter>"
            message.text = "/greet"
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = super().blueprint(guarded(on_new_message, before=self.translate))

        @telegram_webhook.middleware("request")
        async def check_secret_token(request: Request) -> Any:
            if not self.secret_token or request.method != "POST" or not request.path.rstrip("/").endswith("/webhook"):
                return None
            given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
            if not hmac.compare_digest(given, self.secret_token.encode("utf-8")):
                logger.warning("telegram webhook: missing or wrong %s", SECRET_HEADER)
                return response.text("forbidden", status=403)
            return None

        return telegram_webhook
