"""Fuzzing the running REST endpoint with hypothesis: random JSON values, random message texts (unicode,
control characters, lone surrogates, very long), random slash commands with random entities, random bytes.

Every response must be below 500, carry no Python traceback, and be either a JSON error object (4xx) or
a non-empty list of bot messages (200). At the end the server must still answer a normal question.
Reproducible: derandomize=True, no example database.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import requests
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import ROOT, Chat

pytestmark = pytest.mark.e2e

INTENTS = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]
ENTITIES = ["programme", "country", "field", "age", "education", "current_status"]
CONTENT_TYPES = [None, "application/json", "text/plain", "application/x-www-form-urlencoded", "image/png",
                 "application/json; charset=utf-16", "multipart/form-data; boundary=x"]
TRACEBACK_MARKERS = ("Traceback", 'File "')

def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


any_char = st.characters(blacklist_categories=())  # every code point, surrogates and control characters too
texts = st.one_of(
    st.text(any_char, max_size=200),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=100),
    st.tuples(st.text(any_char, min_size=1, max_size=12), st.integers(100, 30_000)).map(lambda t: t[0] * t[1]),
    st.sampled_from(["what is the top tier visa?", "Hi", "forget me", "/greet", "/", "/{}", "/restart", "/stop"]),
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(any_char, max_size=30),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
printable = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn"))
senders = st.one_of(  # mostly valid, so that most messages reach the assistant
    st.uuids().map(str), st.text(printable, min_size=1, max_size=60), st.text(any_char, max_size=300)
)
bodies_with_fields = st.fixed_dictionaries(
    {"sender": st.one_of(st.uuids().map(str), json_values), "message": st.one_of(texts, json_values)},
    optional={"metadata": json_values, "input_channel": json_values},
)
slash_commands = st.builds(
    lambda intent, entities, tail: f"/{intent}{json.dumps(entities) if entities is not None else ''}{tail}",
    st.sampled_from(INTENTS),
    st.none() | st.dictionaries(st.sampled_from(ENTITIES), st.one_of(st.text(any_char, max_size=40), json_scalars),
                                max_size=3),
    st.sampled_from(["", "", "@0.9", "{", "}", " extra words"]),
)


@pytest.fixture(scope="module")
def client(rel_stack):
    session = requests.Session()
    yield session, f"{rel_stack.config.rasa_url}/webhooks/rest/webhook"
    session.close()


def check(response: requests.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    for marker in TRACEBACK_MARKERS:
        assert marker not in response.text, response.text[:500]
    body = response.json()
    if response.status_code == 200:
        assert isinstance(body, list) and body, body
        assert all(isinstance(m, dict) and (m.get("text") or m.get("buttons") or m.get("custom")) for m in body)
    else:
        assert 400 <= response.status_code < 500
        assert isinstance(body, dict) and body.get("error") and body.get("message"), body


def fuzz(examples: int, send: Callable[..., requests.Response], **strategies: st.SearchStrategy) -> None:
    """Sends `examples` generated inputs, checks every response, and fails if fewer inputs were sent."""
    statuses: Counter[int] = Counter()

    @fuzz_settings(examples)
    @given(**strategies)
    def one(**values: Any) -> None:
        response = send(**values)
        statuses[response.status_code] += 1
        check(response)

    one()
    print(f"\n{sum(statuses.values())} inputs; statuses {dict(sorted(statuses.items()))}")
    assert sum(statuses.values()) >= examples


def post_json(client, body) -> requests.Response:
    session, url = client
    data = json.dumps(body, allow_nan=True).encode("utf-8")
    return session.post(url, data=data, headers={"Content-Type": "application/json"}, timeout=60)


def test_fuzz_random_json_values(client):
    fuzz(450, lambda body: post_json(client, body), body=json_values)


def test_fuzz_objects_with_random_fields(client):
    fuzz(400, lambda body: post_json(client, body), body=bodies_with_fields)


def test_fuzz_random_messages(client):
    fuzz(750, lambda sender, message: post_json(client, {"sender": sender, "message": message}),
         sender=senders, message=texts)


def test_fuzz_slash_commands_with_random_entities(client):
    fuzz(300, lambda message: post_json(client, {"sender": f"fuzz-{uuid.uuid4().hex[:12]}", "message": message}),
         message=slash_commands)


def test_fuzz_random_bytes(client):
    session, url = client

    def send(body: bytes, content_type: str | None) -> requests.Response:
        headers = {"Content-Type": content_type} if content_type else {}
        return session.post(url, data=body, headers=headers, timeout=60)

    fuzz(350, send, body=st.binary(max_size=3000), content_type=st.sampled_from(CONTENT_TYPES))


def test_server_still_answers_after_the_fuzzing(rel_stack):
    chat = Chat(rel_stack.config.rasa_url)
    assert "Top-Tier" in chat.text("What is the Top-Tier visa?")
    assert "family" in chat.text("and can my family come too?").lower()
