"""Facebook Messenger with the message guard, a strict signature check and buttons that Messenger accepts.

Rasa 3.6's Messenger channel checks only the SHA-1 `X-Hub-Signature` and answers 200 even when it fails;
with more than 3 buttons it drops them all, and a button title over 20 characters makes the Send API refuse
the message. Here:
- `X-Hub-Signature-256` (HMAC-SHA256 with the app secret) is checked, or `X-Hub-Signature` (SHA-1) when
  only that one is sent; a missing or wrong signature gets 403, as does a wrong verify token;
- up to 3 buttons with titles of at most 20 characters: a button template (postback buttons);
  otherwise quick replies (up to 13), titled "1", "2", ... under a numbered list when a title is too long;
- sends run in a worker thread (the `fbmessenger` client is synchronous) with a 10-second timeout;
- FACEBOOK_API_BASE_URL replaces https://graph.facebook.com (the tests point it at a stub).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from runtime.channels.messaging import api_base, guarded, numbered_options, pack_paragraphs, plain_bold

logger = logging.getLogger(__name__)

MAX_TEXT = 2000
MAX_TEMPLATE_TEXT = 640
MAX_TEMPLATE_BUTTONS = 3
MAX_QUICK_REPLIES = 13
MAX_TITLE = 20
SEND_TIMEOUT = 10


def messenger_client(page_access_token: str) -> MessengerClient:
    client = MessengerClient(page_access_token)
    client.graph_url = f"{api_base('FACEBOOK_API_BASE_URL', 'https://graph.facebook.com')}/v{client.api_version}"
    return client


class GuardedMessengerBot(MessengerBot):
    async def _post(self, payload: dict[str, Any], recipient_id: str) -> None:
        try:
            result = await asyncio.to_thread(
                self.messenger_client.send, payload, recipient_id, "RESPONSE", timeout=SEND_TIMEOUT
            )
        except Exception:
            logger.exception("could not send a message to %s through Messenger", recipient_id)
            return
        if isinstance(result, dict) and result.get("error"):
            logger.error("Messenger refused the message to %s: %s", recipient_id, result["error"])

    async def send_action(self, recipient_id: str, sender_action: str) -> None:
        try:
            await asyncio.to_thread(
                self.messenger_client.send_action, sender_action, recipient_id, timeout=SEND_TIMEOUT
            )
        except Exception:  # noqa: BLE001 - typing indicators are optional
            logger.debug("Messenger sender action %s failed", sender_action, exc_info=True)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in pack_paragraphs(plain_bold(text), MAX_TEXT):
            await self._post({"text": part}, recipient_id)

    async def send_quick_replies(self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]],
                                 **kwargs: Any) -> None:
        replies = self._convert_to_quick_reply(quick_replies).to_dict()
        await self._post({"text": plain_bold(text)[:MAX_TEXT], "quick_replies": replies}, recipient_id)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        text = plain_bold(text or "Please choose:")
        titles = [str(b.get("title") or b.get("payload")) for b in buttons]
        short_titles = all(len(title) <= MAX_TITLE for title in titles)
        if len(buttons) <= MAX_TEMPLATE_BUTTONS and short_titles and len(text) <= MAX_TEMPLATE_TEXT:
            template_buttons = [{"type": "postback", "title": title, "payload": str(b.get("payload") or title)}
                                for title, b in zip(titles, buttons, strict=True)]
            await self._post({"attachment": {"type": "template", "payload": {
                "template_type": "button", "text": text, "buttons": template_buttons}}}, recipient_id)
            return
        shown = buttons[:MAX_QUICK_REPLIES]
        if short_titles:
            replies = [{"content_type": "text", "title": title, "payload": str(b.get("payload") or title)}
                       for title, b in zip(titles, shown, strict=False)]
        else:
            text = f"{text}\n\n{numbered_options(shown, intro='Tap a number:')}"
            replies = [{"content_type": "text", "title": str(number), "payload": str(b.get("payload") or number)}
                       for number, b in enumerate(shown, start=1)]
        parts = pack_paragraphs(text, MAX_TEXT)
        for part in parts[:-1]:
            await self._post({"text": part}, recipient_id)
        await self._post({"text": parts[-1], "quick_replies": replies}, recipient_id)


class GuardedMessenger(Messenger):
    """Parses webhook events like Rasa's, sending through `GuardedMessengerBot`."""

    def __init__(self, page_access_token: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client = messenger_client(page_access_token)

    async def _handle_user_message(self, text: str, sender_id: str, metadata: dict[str, Any] | None) -> None:
        out_channel = GuardedMessengerBot(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(
                UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
            )
        except Exception:
            logger.exception("could not handle a Messenger message")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


def signature_is_valid(app_secret: str, body: bytes, sha256_header: str, sha1_header: str) -> bool:
    """`X-Hub-Signature-256` when present, else `X-Hub-Signature`; constant-time comparison."""
    for header, algorithm in ((sha256_header, hashlib.sha256), (sha1_header, hashlib.sha1)):
        if not header:
            continue
        prefix, _, given = header.partition("=")
        if prefix != algorithm().name:
            return False
        expected = hmac.new(app_secret.encode("utf-8"), body, algorithm).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), given.strip().encode("utf-8"))
    return False


class GuardedFacebookInput(FacebookInput):
    """Messenger input channel; webhook (callback URL) at /webhooks/facebook/webhook."""

    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(credentials.get("verify"), credentials.get("secret"), credentials.get("page-access-token"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        fb_webhook = Blueprint("guarded_fb_webhook", __name__)
        handle = guarded(on_new_message)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if self.fb_verify and hmac.compare_digest(token.encode("utf-8"), self.fb_verify.encode("utf-8")):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("facebook webhook: wrong verify token")
            return response.text("invalid verify token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not signature_is_valid(self.fb_secret or "", request.body,
                                      request.headers.get("X-Hub-Signature-256", ""),
                                      request.headers.get("X-Hub-Signature", "")):
                logger.warning("facebook webhook: missing or invalid X-Hub-Signature(-256)")
                return response.text("invalid signature", status=403)
            payload = request.json
            if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
                return response.text("not a Messenger event", status=400)
            messenger = GuardedMessenger(self.fb_access_token, handle)
            try:
                await messenger.handle(payload, self.get_metadata(request))
            except Exception:  # an event shape Rasa doesn't know: answer 200 so Messenger doesn't resend it
                logger.exception("facebook webhook: could not handle the event")
            return response.text("success")

        return fb_webhook

    def get_output_channel(self) -> OutputChannel:
        return GuardedMessengerBot(messenger_client(self.fb_access_token))
