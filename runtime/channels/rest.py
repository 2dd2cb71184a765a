"""The REST channel with the project's guards: `/webhooks/rest/webhook`, as Rasa's own.

Compared with `rasa.core.channels.rest.RestInput`:
- a body that is not a JSON object with string `sender` and `message` gets a 4xx with a JSON error
  (`{"error": ..., "message": ...}`) instead of a 500: malformed JSON or a JSON list (400), wrong field
  types or a missing field (400), a body that is not UTF-8 or a content type that is not JSON or text
  (415), a body over MAX_BODY_BYTES (413);
- a message the guard screens out (too long, empty, only symbols or control characters) is answered
  with the guard's polite reply and never reaches the assistant;
- control characters are dropped, and a malformed /command (unknown intent or entity, bad JSON) loses its
  slashes so the assistant reads it as words (Rasa would log its whole text as a warning);
- a turn that produced no bot message (the action server is down or timed out, a failure in Rasa) is
  answered with `nothing_came_back()` instead of an empty list; so is `?stream=true`;
- message texts are never logged.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel, RestInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from runtime.channels.guard import (
    CONTROL_CATEGORIES,
    clean_text,
    language_reply,
    nothing_came_back,
    screen_message,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
MAX_SENDER_LENGTH = 255  # the tracker store's sender_id column is a VARCHAR(255)
ACCEPTED_TYPES = {"application/json", "text/plain", "application/x-www-form-urlencoded"}  # curl -d sends the last
ACCEPTED_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}


def max_body_bytes() -> int:
    return int(os.environ.get("MAX_BODY_BYTES", str(DEFAULT_MAX_BODY_BYTES)))


class BadRequest(Exception):
    """A request the channel refuses: `status` (4xx), a short `code` and a sentence for the client."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message}


@dataclass
class RestPayload:
    sender: str
    message: str
    metadata: dict[str, Any] | None = None
    input_channel: str = "rest"


def check_content_type(content_type: str | None) -> None:
    """Accepts no content type, JSON, plain text and form-encoded (what `curl -d` sends), in UTF-8."""
    if not content_type:
        return
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in ACCEPTED_TYPES and not mime.endswith("+json"):
        raise BadRequest(415, "unsupported_media_type", "Send the message as JSON (Content-Type: application/json).")
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ACCEPTED_CHARSETS:
            raise BadRequest(415, "unsupported_charset", "The body must be JSON encoded as UTF-8.")


def parse_body(body: bytes | None, content_type: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """The request body as a JSON object, or BadRequest."""
    limit = max_body_bytes() if limit is None else limit
    body = body or b""
    if len(body) > limit:
        raise BadRequest(413, "payload_too_large", f"The request body is larger than {limit} bytes.")
    check_content_type(content_type)
    if not body.strip():
        raise BadRequest(400, "empty_body", 'Send a JSON object such as {"sender": "me", "message": "Hello"}.')
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequest(415, "invalid_encoding", "The body must be JSON encoded as UTF-8.") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadRequest(400, "invalid_json", "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest(
            400, "not_an_object", 'The body must be a JSON object such as {"sender": "me", "message": "Hello"}.'
        )
    return data


def _is_clean_identifier(value: str) -> bool:
    return all(unicodedata.category(c) not in CONTROL_CATEGORIES for c in value)


def validate_payload(data: dict[str, Any]) -> RestPayload:
    """Checks the fields of a parsed body; raises BadRequest when one is missing or of the wrong type."""
    sender = data.get("sender")
    if sender is None:
        raise BadRequest(400, "missing_sender", '"sender" is required: a string that identifies the conversation.')
    if not isinstance(sender, str):
        raise BadRequest(400, "invalid_sender", '"sender" must be a string.')
    if not sender.strip() or len(sender) > MAX_SENDER_LENGTH or not _is_clean_identifier(sender):
        raise BadRequest(
            400,
            "invalid_sender",
            f'"sender" must be 1 to {MAX_SENDER_LENGTH} characters, with no control characters.',
        )
    if "message" not in data or data["message"] is None:
        raise BadRequest(400, "missing_message", '"message" is required: the text of the user\'s message.')
    message = data["message"]
    if not isinstance(message, str):
        raise BadRequest(400, "invalid_message", '"message" must be a string.')
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest(400, "invalid_metadata", '"metadata" must be a JSON object.')
    input_channel = data.get("input_channel")
    if input_channel is not None and (
        not isinstance(input_channel, str) or not input_channel.strip() or len(input_channel) > MAX_SENDER_LENGTH
    ):
        raise BadRequest(400, "invalid_input_channel", '"input_channel" must be a short string.')
    return RestPayload(sender=sender, message=message, metadata=metadata, input_channel=input_channel or "rest")


COMMAND = re.compile(r"^/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?$")
INTENT_NAME = re.compile(r"[A-Za-z0-9_\-]+")


def command_vocabulary() -> tuple[set[str], set[str]] | None:
    """The intents and entities of the running assistant's domain (None outside a running Rasa)."""
    try:
        domain = Sanic.get_app().ctx.agent.domain
        return set(domain.intents), set(domain.entities)
    except Exception:
        return None


def well_formed_command(text: str, vocabulary: tuple[set[str], set[str]] | None = None) -> bool:
    """Whether `text` is a command Rasa unpacks without complaint: /intent, /intent@0.9, /intent{"entity": ...}.

    Rasa logs the whole text of a malformed one (at WARNING level), so those are passed on as plain text.
    """
    match = COMMAND.match(text)
    if not match or not INTENT_NAME.fullmatch(match["intent"]):
        return False
    intents, entities = vocabulary or (None, None)
    if intents is not None and match["intent"] not in intents:
        return False
    if match["confidence"]:
        try:
            float(match["confidence"][1:])
        except ValueError:
            return False
    if match["entities"]:
        try:
            values = json.loads(match["entities"])
        except (ValueError, RecursionError):
            return False
        if not isinstance(values, dict) or (entities is not None and not set(values) <= entities):
            return False
    return True


def text_for_assistant(text: str, vocabulary: tuple[set[str], set[str]] | None = None) -> str:
    """What the assistant gets: the message without control characters (NUL, lone surrogates...), and a
    malformed /command without its slashes, so that the assistant reads it as words."""
    cleaned = clean_text(text)
    if cleaned.startswith("/") and not well_formed_command(cleaned, vocabulary):
        cleaned = cleaned.lstrip("/").strip()
    return cleaned


def guard(text: str | None, vocabulary: tuple[set[str], set[str]] | None = None) -> tuple[str | None, str]:
    """(the guard's polite reply or None, the text to pass to the assistant). A message in another language
    than English gets `language_reply` (this guide answers in English; where to get help in other languages)."""
    reply = screen_message(text)
    if reply is not None or text is None:
        return reply, ""
    cleaned = text_for_assistant(text, vocabulary)
    return screen_message(cleaned) or language_reply(cleaned), cleaned


def bot_message(recipient_id: str, text: str) -> dict[str, Any]:
    return {"recipient_id": recipient_id, "text": text}


def error_response(error: BadRequest) -> HTTPResponse:
    return response.json(error.body(), status=error.status)


class GuardedRestInput(RestInput):
    """Rasa's REST channel ("rest") with input validation, the message guard and an empty-turn apology."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        module = inspect.getmodule(self)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = validate_payload(parse_body(request.body, request.headers.get("content-type")))
            except BadRequest as error:
                logger.debug("rest: refused a request (%s, %s)", error.status, error.code)
                return error_response(error)
            reply, payload.message = guard(payload.message, command_vocabulary())
            if reply is not None:
                return response.json([bot_message(payload.sender, reply)])
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self._guarded_stream(on_new_message, payload), content_type="text/event-stream"
                )
            collector = CollectingOutputChannel()
            await self._handle(on_new_message, payload, collector)
            if not collector.messages:
                collector.messages.append(bot_message(payload.sender, nothing_came_back()))
            return response.json(collector.messages)

        return webhook

    @staticmethod
    async def _handle(
        on_new_message: Callable[[UserMessage], Awaitable[Any]], payload: RestPayload, output: Any
    ) -> None:
        """Runs the turn; a failure is logged (without the message text) and leaves the output empty."""
        message = UserMessage(
            payload.message,
            output,
            payload.sender,
            input_channel=payload.input_channel,
            metadata=payload.metadata,
        )
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            logger.error("rest: the turn was cancelled (timeout)")
        except Exception as error:
            # the type only: an exception's text may quote the message (SQL parameters...); traceback at DEBUG
            logger.error("rest: the turn failed (%s)", type(error).__name__)
            logger.debug("rest: the turn failed", exc_info=True)

    def _guarded_stream(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], payload: RestPayload
    ) -> Callable[[Any], Awaitable[None]]:
        async def stream(resp: Any) -> None:
            queue: asyncio.Queue = asyncio.Queue()

            async def run_turn() -> None:
                await self._handle(on_new_message, payload, QueueOutputChannel(queue))
                await queue.put("DONE")

            task = asyncio.ensure_future(run_turn())
            sent = 0
            while True:
                item = await queue.get()
                if item == "DONE":
                    break
                sent += 1
                await resp.write(json.dumps(item) + "\n")
            if not sent:
                await resp.write(json.dumps(bot_message(payload.sender, nothing_came_back())) + "\n")
            await task

        return stream
