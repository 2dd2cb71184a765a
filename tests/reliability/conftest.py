"""Reliability tests: each module starts its own real stack (action server + Rasa) on free ports.

A module gets `rel_stack`: its own work folder (logs, tracker database, credentials) and its own copy
of the catalogue database, so faults injected in one module (a stopped server, a locked database)
never reach another.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
import socketio
from sqlalchemy import create_engine, inspect, text

from tests.stacks import start_test_stack

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_CONTACT = "1345"  # the Immigration Contact Center's number, in every apology


@pytest.fixture(scope="module")
def rel_stack(tmp_path_factory: pytest.TempPathFactory):
    stack = start_test_stack(tmp_path_factory.mktemp("reliability"))
    yield stack
    stack.stop()


class Chat:
    """One user's conversation over REST; `say` returns the list of bot messages."""

    def __init__(self, rasa_url: str, sender: str | None = None, session: requests.Session | None = None):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = sender or f"rel-{uuid.uuid4().hex[:10]}"
        self.session = session or requests.Session()
        self.last_duration = 0.0

    def post(self, body: dict, timeout: float = 60) -> requests.Response:
        started = time.monotonic()
        response = self.session.post(self.url, json=body, timeout=timeout)
        self.last_duration = time.monotonic() - started
        return response

    def say(self, message: str, timeout: float = 60) -> list[dict]:
        response = self.post({"sender": self.sender, "message": message}, timeout=timeout)
        assert response.status_code == 200, response.text
        return response.json()

    def text(self, message: str, timeout: float = 60) -> str:
        return replies_text(self.say(message, timeout=timeout))


def replies_text(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def catalogue_counts(url: str) -> dict[str, int]:
    """Row counts of every table of the catalogue database."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()
                for table in inspect(engine).get_table_names()
            }
    finally:
        engine.dispose()


class HangingServer:
    """Accepts TCP connections on `port` and never answers: an action server that hangs."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, port))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.connections: list[socket.socket] = []
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self.connections.append(connection)

    def __enter__(self) -> HangingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for connection in self.connections:
            connection.close()
        self.listener.close()


async def socketio_exchange(rasa_url: str, events: list, session_id: str | None = None, wait: float = 20,
                            until: Callable[[list], bool] | None = None) -> list:
    """Connects over socket.io (long-polling: python-engineio 4.15's websocket client needs a newer aiohttp
    than Rasa 3.6 allows), asks for a session, emits `events` one by one and collects the bot's replies to each:
    those that came within 0.3 s of the first, or, with `until`, every reply until `until(replies)` holds."""
    client = socketio.AsyncClient(reconnection=False)
    replies: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: replies.put_nowait(data))
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(rasa_url, socketio_path="/socket.io", transports=["polling"], wait_timeout=10)
    try:
        await client.emit("session_request", {"session_id": session_id or uuid.uuid4().hex})
        session = await asyncio.wait_for(confirmed.get(), wait)
        answers = []
        for event in events:
            payload = event
            if isinstance(event, dict) and "session_id" not in event:
                payload = dict(event, session_id=session)
            await client.emit("user_uttered", payload)
            batch = [await asyncio.wait_for(replies.get(), wait)]
            if until is None:
                await asyncio.sleep(0.3)
                while not replies.empty():
                    batch.append(replies.get_nowait())
            else:
                while not until(batch):
                    batch.append(await asyncio.wait_for(replies.get(), wait))
            answers.append(batch)
        return answers
    finally:
        await client.disconnect()
