"""Answers through nginx on the swarm: REST, socket.io, the demo page, the tracker only with the token;
the images run as non-root and no secret is in an image or a service's environment."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
import requests
import socketio

from runtime.stack import ROOT
from tests.swarm.conftest import SECRETS, STACK, Chat, docker, user_texts

pytestmark = pytest.mark.e2e


def test_health_and_demo_page(swarm):
    assert requests.get(f"{swarm.url}/health", timeout=10).json() == {"status": "ok"}
    page = requests.get(f"{swarm.url}/", timeout=10)
    assert page.status_code == 200 and 'data-server-url="http://localhost:8000"' in page.text
    assert "connect-src 'self' http://localhost:8000 ws://localhost:8000" in page.headers["Content-Security-Policy"]
    widget = requests.get(f"{swarm.url}/korea-visa-guide.js", timeout=10)
    assert widget.content == (ROOT / "web" / "dist" / "korea-visa-guide.js").read_bytes()


def test_rest_answer_with_context(swarm):
    chat = Chat(swarm.url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    family = chat.text("and can my family come too?")
    assert "Top-Tier" in family and "F-2" in family


def test_socketio_answer(swarm):
    client = socketio.Client(reconnection=False)
    answered = threading.Event()
    replies: list[str] = []
    session_id = uuid.uuid4().hex

    @client.on("bot_uttered")
    def on_bot_uttered(data: dict) -> None:
        replies.append(data.get("text") or "")
        if "Top-Tier" in replies[-1]:
            answered.set()

    client.connect(swarm.url, transports=["polling"], socketio_path="socket.io", wait_timeout=20)
    try:
        client.emit("session_request", {"session_id": session_id})
        client.emit("user_uttered", {"message": "What is the Top-Tier visa?", "session_id": session_id})
        assert answered.wait(60), replies
    finally:
        client.disconnect()
    assert user_texts(swarm.tracker(session_id)["events"]) == ["What is the Top-Tier visa?"]


def test_tracker_needs_the_token_and_the_api_is_hidden(swarm):
    chat = Chat(swarm.url)
    chat.text("What is the Top-Tier visa?")
    url = f"{swarm.url}/conversations/{chat.sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401
    assert user_texts(swarm.tracker(chat.sender)["events"]) == ["What is the Top-Tier visa?"]
    for path in ("/status", "/model", "/version"):
        assert requests.get(f"{swarm.url}{path}", params={"token": swarm.token}, timeout=10).status_code == 404


def test_images_run_as_non_root_and_hold_no_secret(swarm):
    secrets = [path.read_text().strip() for path in SECRETS.iterdir()]
    assert len(secrets) == 3 and all(len(s) >= 32 for s in secrets)
    for service in ("nginx", "rasa", "actions", "postgres", "redis"):
        spec = json.loads(docker("service", "inspect", f"{STACK}_{service}"))[0]["Spec"]["TaskTemplate"]
        image = spec["ContainerSpec"]["Image"]
        config = json.loads(docker("image", "inspect", image))[0]["Config"]
        assert config["User"] not in ("", "0", "root", "0:0"), (image, config["User"])
        environment = " ".join(config.get("Env") or []) + " " + " ".join(spec["ContainerSpec"].get("Env") or [])
        assert not any(secret in environment for secret in secrets), f"a secret in the environment of {service}"
        history = docker("history", "--no-trunc", image)
        assert not any(secret in history for secret in secrets), f"a secret in the layers of {image}"
        (container, *_) = swarm.containers(service)
        assert docker("exec", container, "id", "-u").strip() != "0", service
