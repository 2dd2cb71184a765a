"""The socket.io channel with the project's guards; name, events and credentials keys as Rasa's own.

`GuardedSocketIOInput` builds Rasa's socket.io blueprint and then replaces two event handlers:
- `user_message_evt` (default user_uttered): a malformed event (not an object, a message that is not a
  string, a bad session id) gets a polite reply instead of an exception; the message guard answers
  messages that must not reach the assistant, and the text is cleaned as on REST; a turn that produced
  no bot message gets the `nothing_came_back()` apology; message texts are never logged;
- `session_request`: tolerates a payload that is not an object.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from runtime.channels.guard import nothing_came_back
from runtime.channels.rest import BadRequest, command_vocabulary, guard, validate_payload

logger = logging.getLogger(__name__)

LOST_SESSION = "Sorry, I lost track of this conversation. Please reload the page to start again."


class CountingSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output that counts what it sends, so an empty turn can be noticed."""

    def __init__(self, sio: Any, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """One bot message `{"custom": ...}`, as the REST channel shows it. (Rasa's own passes the payload's keys
        to `emit` as arguments: any key but data, room, to... raises, and the turn is lost unsaved.)"""
        await self._send_message(recipient_id, {"custom": json_message})


def read_metadata(value: Any) -> dict[str, Any]:
    """The event's metadata as a dict ({} when missing or unreadable)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}


def read_session_id(data: Any) -> str | None:
    """A usable session id from the event (a non-empty string of at most 255 characters), else None."""
    if not isinstance(data, dict):
        return None
    try:
        return validate_payload({"sender": data.get("session_id"), "message": ""}).sender
    except BadRequest:
        return None


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel ("socketio") with the message guard and an empty-turn apology."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            session_id = read_session_id(data) or uuid.uuid4().hex
            if self.session_persistence:
                sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            output = CountingSocketIOOutput(sio, self.bot_message_evt)
            if self.session_persistence:
                sender_id = read_session_id(data)
                if sender_id is None:
                    logger.warning("socketio: a message without a valid session_id was ignored")
                    await sio.emit(self.bot_message_evt, {"text": LOST_SESSION}, room=sid, namespace=self.namespace)
                    return
            else:
                sender_id = sid
            text = data.get("message") if isinstance(data, dict) else None
            reply, text = guard(text if isinstance(text, str) else None, command_vocabulary())
            if reply is not None:
                await output.send_text_message(sender_id, reply)
                return
            message = UserMessage(
                text,
                output,
                sender_id,
                input_channel=self.name(),
                metadata=read_metadata(data.get(self.metadata_key)),
            )
            try:
                await on_new_message(message)
            except Exception as error:
                # the type only: an exception's text may quote the message; the traceback at DEBUG level
                logger.error("socketio: the turn failed (%s)", type(error).__name__)
                logger.debug("socketio: the turn failed", exc_info=True)
            if not output.sent:
                await output.send_text_message(sender_id, nothing_came_back())

        return webhook
