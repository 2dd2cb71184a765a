"""What the messaging-app channels (Telegram, Twilio, Messenger, Slack) share.

- `guarded(on_new_message, before)`: the handler the channels give to Rasa. It lets the channel translate the
  message first (`before`: a numbered reply into a button payload, ...), applies the same guard as REST and
  socket.io (`runtime.channels.rest.guard`: the screen, control characters dropped, a malformed /command read
  as words) and answers a blocked message through the channel itself, and apologises when a turn produced no
  reply at all (an action failed or timed out, Rasa raised). Message texts are never logged.
- `OptionMemory`: the last buttons offered to each sender, kept in this process's memory only.
- Text helpers: Markdown bold for apps that don't render it, and packing paragraphs into as few messages as
  an app's length limit allows.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from runtime.channels.rest import command_vocabulary, guard

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]
# Translates an incoming message in place; returns a reply to send instead of processing it, or None.
Before = Callable[[UserMessage], Awaitable[str | None]]

# Messages after which the assistant is expected to stay silent.
SILENT_COMMANDS = ("/restart", "/session_start")

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")  # a source's name linked to its page
# factual answers end with their sources or with the not-legal-advice line (answers that lead with the fact)
FACTUAL_ANSWER = re.compile(r"^(?:Sources?: |Not legal advice\b)", re.MULTILINE)
FEEDBACK = (("helpful", "Helpful"), ("not_helpful", "Not helpful"))
NO_BUTTON_APPS = {"twilio"}  # SMS and WhatsApp through Twilio: buttons become numbered options, kept short


def api_base(variable: str, default: str) -> str:
    """A third-party API's base URL: the environment variable (tests point it at a stub) or the real one."""
    return (os.environ.get(variable) or default).rstrip("/")


def with_feedback_buttons(message: dict[str, Any]) -> dict[str, Any]:
    """A sourced (factual) answer with Helpful / Not helpful buttons added, as the web widget shows them: the
    press is stored as a /feedback user event naming the answer (insights.conversations.answer_id)."""
    text = message.get("text") or ""
    if not FACTUAL_ANSWER.search(text):
        return message
    from insights.conversations import answer_id

    buttons = [{"title": title, "payload": "/feedback" + json.dumps(
        {"feedback": value, "answer_id": answer_id(text)}, separators=(",", ":"))} for value, title in FEEDBACK]
    return {**message, "buttons": [*(message.get("buttons") or []), *buttons]}


class _WatchedOutput(OutputChannel):
    """Passes the bot's messages on to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        if self.inner.name() not in NO_BUTTON_APPS:
            message = with_feedback_buttons(message)
        await self.inner.send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_text_message(recipient_id, text, **kwargs)

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)


def _apology() -> str:
    try:
        from runtime.channels.guard import nothing_came_back

        return nothing_came_back()
    except Exception:  # noqa: BLE001 - the apology must not fail because the contacts can't be read
        logger.exception("could not build the apology with contacts")
        return "Sorry, I couldn't prepare an answer just now. Please try again in a moment."


def guarded(on_new_message: Handler, before: Before | None = None) -> Handler:
    """Rasa's message handler behind the channel's translation, the message guard and the empty-turn apology."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        if before is not None:
            reply = await before(message)
            if reply is not None:
                await output.send_text_message(message.sender_id, reply)
                return
        reply, text = guard(message.text, command_vocabulary())
        if reply is not None:
            logger.info("message from %s on %s blocked by the guard", message.sender_id, message.input_channel)
            await output.send_text_message(message.sender_id, reply)
            return
        message.text = text
        watched = _WatchedOutput(output)
        message.output_channel = watched
        try:
            await on_new_message(message)
        except Exception as error:
            # the type only, as on REST and socket.io: an exception's text may quote the message
            logger.error(
                "the turn for %s on %s failed (%s)", message.sender_id, message.input_channel, type(error).__name__
            )
            logger.debug("the turn failed", exc_info=True)
        if watched.sent == 0 and not (message.text or "").startswith(SILENT_COMMANDS):
            logger.warning("turn for %s on %s produced no reply", message.sender_id, message.input_channel)
            await output.send_text_message(message.sender_id, _apology())

    return handle


class OptionMemory:
    """Last values remembered per key (sender, button key), least recently used dropped beyond `limit`.

    In-process memory: lost on restart and not shared between Rasa processes or instances.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def get(self, key: str) -> Any:
        with self._lock:
            return self._items.get(key)

    def take(self, key: str) -> Any:
        with self._lock:
            return self._items.pop(key, None)


def plain_bold(text: str) -> str:
    """`**bold**` without the asterisks and links as their names, for apps that show Markdown literally (SMS,
    Messenger)."""
    return _LINK.sub(r"\1", _BOLD.sub(r"\1", text))


def single_star_bold(text: str) -> str:
    """`**bold**` as `*bold*`, links as their names (WhatsApp)."""
    return _LINK.sub(r"\1", _BOLD.sub(r"*\1*", text))


def slack_mrkdwn(text: str) -> str:
    """`**bold**` as `*bold*` and links as `<url|name>` (Slack's mrkdwn)."""
    return _LINK.sub(r"<\2|\1>", _BOLD.sub(r"*\1*", text))


def html_bold(text: str) -> str:
    """Escaped HTML with `**bold**` as `<b>bold</b>` and links as `<a href>` (Telegram's HTML parse mode)."""
    escaped = _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))
    return _LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', escaped)


def pack_paragraphs(text: str, limit: int) -> list[str]:
    """The text's paragraphs joined into as few messages of at most `limit` characters as possible.

    A paragraph longer than the limit is cut at line ends, then at spaces, then anywhere.
    """
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text.strip().split("\n\n"), limit):
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks or [""]


def _pieces(paragraphs: Iterable[str], limit: int) -> Iterable[str]:
    for paragraph in paragraphs:
        while len(paragraph) > limit:
            cut = paragraph.rfind("\n", 0, limit + 1)
            if cut <= 0:
                cut = paragraph.rfind(" ", 0, limit + 1)
            if cut <= 0:
                cut = limit
            yield paragraph[:cut].rstrip()
            paragraph = paragraph[cut:].lstrip()
        if paragraph:
            yield paragraph


def numbered_options(buttons: list[dict[str, Any]], intro: str = "Reply with a number:") -> str:
    lines = [
        f"{number}. {button.get('title') or button.get('payload')}" for number, button in enumerate(buttons, start=1)
    ]
    return "\n".join([intro, *lines])


_CHOICE = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def choose_option(text: str | None, options: list[tuple[str, str]]) -> tuple[str | None, bool]:
    """The payload a reply picks from numbered (title, payload) options, and whether it looked like a number.

    "2", "2." or "#2" picks the second option; the exact title (any case) picks that option too.
    """
    if not text or not options:
        return None, False
    match = _CHOICE.match(text)
    if match:
        number = int(match.group(1))
        return (options[number - 1][1] if 1 <= number <= len(options) else None), True
    wanted = text.strip().casefold()
    for title, payload in options:
        if title.strip().casefold() == wanted:
            return payload, False
    return None, False
