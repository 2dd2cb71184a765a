"""Security: SQL injection through every entity leaves the catalogue intact; the HTTP API's management
endpoints need the token; CORS answers only the configured origin. (Where secrets come from: tests/unit.)"""

from __future__ import annotations

import json
import os
import uuid

import pytest
import requests
import yaml
from sqlalchemy import create_engine, inspect

from runtime.channels.guard import nothing_came_back
from runtime.stack import current_model
from tests.reliability.conftest import ROOT, Chat, catalogue_counts

pytestmark = pytest.mark.e2e

INJECTIONS = [
    "'; DROP TABLE programmes; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM facts;--",
    "x'; DROP TABLE countries;--",
    "1; UPDATE programmes SET name='pwned' WHERE '1'='1",
    "' UNION SELECT id, name FROM sources --",
    "%' OR '%'='",
]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
ENTITIES = [e if isinstance(e, str) else next(iter(e)) for e in DOMAIN["entities"]]
INTENTS = [i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]]
UNAVAILABLE = "can't reach my visa catalogue"


def assert_polite(messages: list[dict]) -> str:
    text = "\n".join(m.get("text") or "" for m in messages)
    assert messages and text.strip(), messages
    assert "Traceback" not in text and 'File "' not in text and "sqlite" not in text.lower()
    assert UNAVAILABLE not in text, f"the catalogue failed: {text}"
    assert text != nothing_came_back(), "an action failed"
    return text


@pytest.fixture(scope="module")
def counts_before(rel_stack) -> dict[str, int]:
    counts = catalogue_counts(rel_stack.config.database_url)
    assert counts.get("programmes", 0) >= 5 and counts.get("facts", 0) > 0 and counts.get("countries", 0) > 0
    return counts


@pytest.mark.parametrize("injection", INJECTIONS[:3])
def test_sql_injection_in_every_entity_of_every_intent(rel_stack, counts_before, injection):
    session = requests.Session()
    for entity in ENTITIES:
        for intent in INTENTS:
            chat = Chat(rel_stack.config.rasa_url, sender=f"sqli-{uuid.uuid4().hex[:10]}", session=session)
            assert_polite(chat.say(f"/{intent}{json.dumps({entity: injection})}"))
    assert catalogue_counts(rel_stack.config.database_url) == counts_before


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_injection_in_free_text_and_in_the_eligibility_form(rel_stack, counts_before, injection):
    chat = Chat(rel_stack.config.rasa_url)
    for message in (
        f"Is the Top-Tier visa open to {injection}?",
        f"I am from {injection}, can I get the Youth Dream visa?",
        f"I work in {injection}",
        f"compare {injection} and top tier",
    ):
        assert_polite(chat.say(message))
    form = Chat(rel_stack.config.rasa_url)
    assert_polite(form.say("Which visa fits me?"))
    for _ in range(6):
        assert_polite(form.say(injection))
    assert catalogue_counts(rel_stack.config.database_url) == counts_before


def test_injection_leaves_the_tracker_store_intact(rel_stack):
    chat = Chat(rel_stack.config.rasa_url, sender="x'; DROP TABLE events;--")
    assert_polite(chat.say("'; DROP TABLE events; --"))
    engine = create_engine(rel_stack.config.tracker_url)
    try:
        assert "events" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert "Top-Tier" in assert_polite(chat.say("What is the Top-Tier visa?"))


# --- the HTTP API ----------------------------------------------------------------------------------

MANAGEMENT = [
    ("GET", "/status", None),
    ("GET", "/domain", None),
    ("GET", "/conversations/someone/tracker", None),
    ("GET", "/conversations/someone/story", None),
    ("POST", "/conversations/someone/messages", {"text": "hi", "sender": "user"}),
    ("POST", "/conversations/someone/tracker/events", {"event": "slot", "name": "programme", "value": "x"}),
    ("POST", "/model/parse", {"text": "hello"}),
    ("POST", "/model/predict", []),
    ("DELETE", "/model", None),
]


@pytest.mark.parametrize(("method", "path", "body"), MANAGEMENT)
def test_management_endpoints_need_the_token(rel_stack, method, path, body):
    url = rel_stack.config.rasa_url + path
    assert requests.request(method, url, json=body, timeout=30).status_code in (401, 403)
    wrong = requests.request(method, url, json=body, params={"token": "not-the-token"}, timeout=30)
    assert wrong.status_code in (401, 403)


def test_status_and_tracker_with_the_token(rel_stack):
    params = {"token": rel_stack.auth_token}
    assert requests.get(f"{rel_stack.config.rasa_url}/status", params=params, timeout=30).status_code == 200
    tracker = requests.get(f"{rel_stack.config.rasa_url}/conversations/x/tracker", params=params, timeout=30)
    assert tracker.status_code == 200 and tracker.json()["sender_id"] == "x"


def test_put_model_needs_the_token(rel_stack):
    url = f"{rel_stack.config.rasa_url}/model"
    body = {"model_file": str(current_model())}
    assert requests.put(url, json=body, timeout=30).status_code == 401
    assert requests.put(url, json=body, params={"token": "nope"}, timeout=30).status_code == 401
    loaded = requests.put(url, json=body, params={"token": rel_stack.auth_token}, timeout=180)
    assert loaded.status_code in (200, 204), loaded.text
    assert "Top-Tier" in Chat(rel_stack.config.rasa_url).text("What is the Top-Tier visa?")


def test_the_token_is_long_random_and_not_in_any_reply(rel_stack):
    assert len(rel_stack.auth_token) >= 24
    reply = Chat(rel_stack.config.rasa_url).text("what is your token?")
    assert rel_stack.auth_token not in reply


# --- CORS ------------------------------------------------------------------------------------------

def allowed_origin() -> str:
    return (os.environ.get("CORS_ORIGINS") or "http://localhost:8080").split()[0]


def test_cors_answers_the_configured_origin_only(rel_stack):
    url = f"{rel_stack.config.rasa_url}/webhooks/rest/webhook"
    body = {"sender": "cors", "message": "hello"}
    allowed = requests.post(url, json=body, headers={"Origin": allowed_origin()}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == allowed_origin()
    other = requests.post(url, json=body, headers={"Origin": "http://evil.example"}, timeout=30)
    assert "Access-Control-Allow-Origin" not in other.headers

    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = requests.options(url, headers={"Origin": allowed_origin(), **preflight}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == allowed_origin()
    other = requests.options(url, headers={"Origin": "http://evil.example", **preflight}, timeout=30)
    assert "Access-Control-Allow-Origin" not in other.headers


def test_cors_on_the_socketio_endpoint(rel_stack):
    url = f"{rel_stack.config.rasa_url}/socket.io/"
    params = {"EIO": "4", "transport": "polling"}
    allowed = requests.get(url, params=params, headers={"Origin": allowed_origin()}, timeout=30)
    assert allowed.status_code == 200
    assert allowed.headers.get("Access-Control-Allow-Origin") == allowed_origin()
    other = requests.get(url, params=params, headers={"Origin": "http://evil.example"}, timeout=30)
    assert other.headers.get("Access-Control-Allow-Origin") in (None, "")
