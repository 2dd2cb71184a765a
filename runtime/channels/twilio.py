"""Twilio SMS and WhatsApp with a checked `X-Twilio-Signature` and buttons as numbered options.

Rasa 3.6's Twilio channel accepts any POST. This one validates the signature with the account's auth token
against the public webhook URL (`webhook_url`, what the Twilio console calls; it differs from the local URL
behind a proxy) and answers 403 to a missing or wrong signature.

Buttons become a numbered list ("1. Who can apply?"); a reply of "1", "2", ... (or the exact title) is turned
back into that button's payload. The options offered to each sender are kept in this process's memory only:
a restart forgets them (a bare number then goes to the assistant as text), and several Rasa processes or
instances don't share them (use one Rasa process for Twilio, or sticky routing by sender).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from runtime.channels.messaging import (
    OptionMemory,
    api_base,
    choose_option,
    guarded,
    numbered_options,
    pack_paragraphs,
    plain_bold,
    single_star_bold,
)

logger = logging.getLogger(__name__)

# Twilio refuses message bodies longer than 1,600 characters.
MAX_BODY = 1600
WHATSAPP = "whatsapp:"


class NumberedTwilioOutput(TwilioOutput):
    """Sends through Twilio's API (TWILIO_API_BASE_URL overrides the host); buttons as numbered options."""

    def __init__(self, account_sid: str | None, auth_token: str | None, twilio_number: str | None,
                 options: OptionMemory) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        self.options = options
        self.api.base_url = api_base("TWILIO_API_BASE_URL", "https://api.twilio.com")

    def sender_for(self, recipient_id: str) -> str | None:
        """Our number in the recipient's app: "whatsapp:+..." for a WhatsApp user, the bare number for SMS."""
        if not self.twilio_number:
            return None
        number = self.twilio_number.removeprefix(WHATSAPP)
        return f"{WHATSAPP}{number}" if recipient_id.startswith(WHATSAPP) else number

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        data = dict(message_data)
        if data.get("from_") == self.twilio_number:
            data["from_"] = self.sender_for(str(data.get("to", "")))
        try:
            return await asyncio.to_thread(self.messages.create, **data)
        except TwilioRestException as error:
            logger.error("Twilio refused the message to %s: %s", data.get("to"), error.msg)
        except Exception:
            logger.exception("could not send the message to %s through Twilio", data.get("to"))
        return None

    @staticmethod
    def formatted(recipient_id: str, text: str) -> str:
        return single_star_bold(text) if recipient_id.startswith(WHATSAPP) else plain_bold(text)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for body in pack_paragraphs(self.formatted(recipient_id, text), MAX_BODY):
            await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": body})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        options = [(str(b.get("title") or b.get("payload")), str(b.get("payload") or b.get("title")))
                   for b in buttons]
        self.options.put(recipient_id, options)
        await self.send_text_message(recipient_id, f"{text}\n\n{numbered_options(buttons)}")


class ValidatedTwilioInput(TwilioInput):
    """Twilio input channel that checks the request signature; webhook at /webhooks/twilio/webhook."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        if not credentials.get("auth_token") or not credentials.get("webhook_url"):
            raise RasaException("the twilio channel needs auth_token and webhook_url to check signatures")
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            webhook_url=credentials["webhook_url"],
        )

    def __init__(self, account_sid: str | None, auth_token: str | None, twilio_number: str | None,
                 webhook_url: str = "", debug_mode: bool = False) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=debug_mode)
        self.webhook_url = webhook_url
        self.validator = RequestValidator(auth_token or "")
        self.options = OptionMemory()

    def public_url(self, request: Request) -> str:
        """The URL Twilio signed: the configured public one, with the request's query string if it had one."""
        if request.query_string and "?" not in self.webhook_url:
            return f"{self.webhook_url}?{request.query_string}"
        return self.webhook_url

    @staticmethod
    def form_fields(request: Request) -> RequestParameters:
        """The posted form with its empty fields: Twilio signs them too, and Sanic's `request.form` drops them."""
        return RequestParameters(parse_qs(request.body.decode("utf-8"), keep_blank_values=True))

    def is_signed(self, request: Request) -> bool:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            return False
        try:
            return bool(self.validator.validate(self.public_url(request), self.form_fields(request), signature))
        except Exception:  # noqa: BLE001 - a malformed request is an unsigned one
            logger.debug("signature check failed", exc_info=True)
            return False

    async def pick_option(self, message: UserMessage) -> str | None:
        """A numbered reply becomes the payload of the option it picks; the offered options are used up."""
        sender = str(message.sender_id)
        options = self.options.take(sender)
        payload, looked_like_number = choose_option(message.text, options or [])
        if payload is not None:
            message.text = payload
        elif looked_like_number and options:
            self.options.put(sender, options)
            return f"Please reply with a number from 1 to {len(options)}, or type your question."
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = Blueprint("validated_twilio_webhook", __name__)
        handle = guarded(on_new_message, before=self.pick_option)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.is_signed(request):
                logger.warning("twilio webhook: missing or invalid X-Twilio-Signature")
                return response.text("invalid signature", status=403)
            sender = request.form.get("From")
            text = request.form.get("Body")
            if self._is_location_message(request):
                text = "/locationData{{'Latitude': {lat},'Longitude': {long}}}".format(
                    lat=request.form.get("Latitude"), long=request.form.get("Longitude")
                )
            if not sender:
                logger.debug("twilio webhook: no sender")
                return response.text("", status=204)
            text = text.replace("¡", "@") if text else text  # some carriers turn @ into ¡
            try:
                await handle(UserMessage(text, self.get_output_channel(), sender, input_channel=self.name(),
                                         metadata=self.get_metadata(request)))
            except Exception:
                logger.exception("twilio webhook: could not handle the message")
                if self.debug_mode:
                    raise
            return response.text("", status=204)

        return twilio_webhook

    def get_output_channel(self) -> OutputChannel:
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number, self.options)
