"""End-to-end helpers: talk to the real servers over REST."""

from __future__ import annotations

import uuid

import pytest
import requests


class Chat:
    """One user's conversation with the running assistant over the REST channel."""

    def __init__(self, rasa_url: str):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex[:10]}"
        self.session = requests.Session()

    def say(self, message: str) -> list[dict]:
        response = self.session.post(self.url, json={"sender": self.sender, "message": message}, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def text(self, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(message))


@pytest.fixture
def chat(stack) -> Chat:
    return Chat(stack.config.rasa_url)
