"""A local stand-in for the messaging apps' APIs, the fake secrets, and request signing as the apps do it."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from twilio.request_validator import RequestValidator

TELEGRAM_TOKEN = "123456789:AAFakeTelegramTokenForTests"
TELEGRAM_BOT_NAME = "korea_visa_test_bot"
TELEGRAM_SECRET = "telegram-secret-token_123"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "fake-twilio-auth-token"
TWILIO_NUMBER = "whatsapp:+15550001111"
TWILIO_PUBLIC_URL = "https://visa-bot.example.test/webhooks/twilio/webhook"
FACEBOOK_VERIFY = "fake-verify-token"
FACEBOOK_SECRET = "fake-facebook-app-secret"
FACEBOOK_PAGE_TOKEN = "fake-page-access-token"
SLACK_TOKEN = "xoxb-fake-slack-token"
SLACK_SIGNING_SECRET = "fake-slack-signing-secret"


@dataclass
class Call:
    """One request the stub received."""

    api: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)
    refused: str | None = None  # why the stub refused it, as the real API would


def text_of(call: Call) -> str:
    """The message text of an outbound call, whichever API it went to."""
    if call.api == "facebook":
        return str((call.body.get("message") or {}).get("text") or "")
    if call.api == "twilio":
        return str(call.body.get("Body") or "")
    return str(call.body.get("text") or "")


def refusal(call: Call) -> tuple[int, Any] | None:
    """The real API's error answer for a message it would not send: the bodies Rasa must never produce."""
    if call.api == "telegram" and call.method.lower() == "sendmessage" and not call.body.get("text"):
        return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
    if call.api == "twilio" and call.method.startswith("Messages") and not (
            call.body.get("Body") or call.body.get("MediaUrl")):
        return 400, {"code": 21602, "message": "Message body is required.", "status": 400}
    if call.api == "facebook" and call.path.endswith("/me/messages"):
        message = call.body.get("message")
        if message is None and "sender_action" not in call.body:
            return 400, {"error": {"message": "(#100) The parameter message is required", "code": 100}}
        sendable = isinstance(message, dict) and (message.get("text") or message.get("attachment"))
        if message is not None and not sendable:
            return 400, {"error": {"message": "(#100) Must send either message text or an attachment", "code": 100}}
    if call.api == "slack" and call.method == "chat.postMessage" and not (
            call.body.get("text") or call.body.get("blocks") or call.body.get("attachments")):
        return 200, {"ok": False, "error": "no_text"}  # Slack answers errors with 200 and ok: false
    return None


class StubApis:
    """A local HTTP server that plays the Telegram Bot API, Twilio, the Graph API and Slack's Web API."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.condition = threading.Condition()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                stub.handle(self)

            do_GET = do_POST  # noqa: N815
            do_DELETE = do_POST  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> StubApis:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- recording ---------------------------------------------------------------------------------
    @staticmethod
    def parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
        if not raw:
            return {}
        if "json" in content_type:
            return json.loads(raw)
        if "x-www-form-urlencoded" in content_type:
            return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
        if "multipart/form-data" in content_type:
            message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
            return {part.get_param("name", header="content-disposition"): part.get_content()
                    for part in message.iter_parts()}
        return {"raw": raw.decode(errors="replace")}

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        body = self.parse_body(raw, request.headers.get("Content-Type", ""))
        api, _, rest = parts.path.lstrip("/").partition("/")
        call = Call(api=api, method=rest.rsplit("/", 1)[-1], path=parts.path,
                    query={k: v[0] for k, v in parse_qs(parts.query).items()},
                    headers=dict(request.headers.items()), body=body)
        refused = refusal(call)
        if refused is not None:
            call.refused = json.dumps(refused[1])
        status, answer = refused or self.answer(call)
        with self.condition:
            self.calls.append(call)
            self.condition.notify_all()
        data = json.dumps(answer).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def answer(self, call: Call) -> tuple[int, Any]:
        if call.api == "telegram":
            if call.method.lower() == "getme":
                return 200, {"ok": True, "result": {"id": 123456789, "is_bot": True, "first_name": "Visa Guide",
                                                    "username": TELEGRAM_BOT_NAME}}
            if call.method.lower() == "sendmessage":
                return 200, {"ok": True, "result": {
                    "message_id": len(self.calls) + 1, "date": int(time.time()),
                    "chat": {"id": int(call.body.get("chat_id", 0)), "type": "private"},
                    "text": call.body.get("text", "")}}
            return 200, {"ok": True, "result": True}
        if call.api == "twilio":
            return 201, {"sid": "SM" + uuid.uuid4().hex, "account_sid": TWILIO_SID, "to": call.body.get("To"),
                         "from": call.body.get("From"), "body": call.body.get("Body"), "status": "queued",
                         "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01"}
        if call.api == "facebook":
            recipient = call.body.get("recipient", {}).get("id")
            return 200, {"recipient_id": recipient, "message_id": "m_" + uuid.uuid4().hex}
        if call.api == "slack":
            return 200, {"ok": True, "channel": call.body.get("channel"), "ts": f"{time.time():.6f}",
                         "message": {"text": call.body.get("text", "")}}
        return 404, {"error": "unknown api"}

    # --- assertions --------------------------------------------------------------------------------
    def matching(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self.condition:
            return [call for call in self.calls if predicate(call)]

    def wait_for(self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 30) -> list[Call]:
        """The matching calls once there are at least `count` of them; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                found = [call for call in self.calls if predicate(call)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(f"the stub got {len(found)} matching call(s), expected {count}; "
                                f"calls: {[(c.api, c.method) for c in self.calls][-20:]}")
                self.condition.wait(remaining)

    def nth_reply(self, to_user: Callable[[Call], bool], last_part: Callable[[Call], bool], n: int) -> list[Call]:
        """The calls of the `n`-th reply (from 1) to a user, where a reply ends with a call that `last_part`
        accepts (the one carrying the options): a long answer comes in several messages."""
        self.wait_for(lambda call: to_user(call) and last_part(call), count=n)
        calls = self.matching(to_user)
        ends = [i for i, call in enumerate(calls) if last_part(call)]
        return calls[ends[n - 2] + 1 if n > 1 else 0:ends[n - 1] + 1]

    def refused(self) -> list[Call]:
        """The calls the real APIs would have refused (Rasa sent a message they don't accept)."""
        return self.matching(lambda call: call.refused is not None)

    def settle(self, predicate: Callable[[Call], bool], quiet: float = 1.5, timeout: float = 30) -> list[Call]:
        """The matching calls once no new one has come for `quiet` seconds (for multi-message replies)."""
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if found and len(found) == seen:
                return found
            seen = len(found)
            time.sleep(quiet)
        return self.matching(predicate)


def unique_id(digits: int = 9) -> str:
    return str(int(uuid.uuid4().int % 10**digits)).rjust(digits, "1")


# --- signing, as the apps do it ----------------------------------------------------------------------
def twilio_signature(url: str, params: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def facebook_headers(body: bytes, secret: str = FACEBOOK_SECRET) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Hub-Signature": "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest(),
        "X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest(),
    }


def slack_headers(body: bytes, content_type: str = "application/json", secret: str = SLACK_SIGNING_SECRET,
                  timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def post(url: str, **kwargs: Any) -> requests.Response:
    return requests.post(url, timeout=60, **kwargs)

