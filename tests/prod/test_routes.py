"""What nginx offers on the single entry: health, the demo page and widget, REST, sticky socket.io, a
conversation's tracker only with the token, and nothing else of Rasa's HTTP API. Privacy on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
import requests
import sqlalchemy as sa

from runtime.stack import ROOT
from tests.prod.conftest import Chat, access_log_length, tracker, upstreams_in_log, user_texts

pytestmark = pytest.mark.e2e


def test_health(prod):
    response = requests.get(f"{prod.config.url}/health", timeout=10)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_demo_page_and_widget(prod):
    page = requests.get(f"{prod.config.url}/", timeout=10)
    assert page.status_code == 200
    assert f'data-server-url="{prod.public_url}"' in page.text
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    bundle = ROOT / "web" / "dist" / "korea-visa-guide.js"
    assert bundle.exists(), "the widget is not built: `make web-build` (make prod and make test-prod do)"
    widget = requests.get(f"{prod.config.url}/korea-visa-guide.js", timeout=10)
    assert widget.status_code == 200 and widget.content == bundle.read_bytes()


def test_rest_answers_through_nginx(prod):
    assert "Top-Tier" in Chat(prod.config.url).text("What is the Top-Tier visa?")


def test_tracker_needs_the_token(prod):
    chat = Chat(prod.config.url)
    chat.text("What is the Top-Tier visa?")
    url = f"{prod.config.url}/conversations/{chat.sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401
    assert user_texts(tracker(prod, chat.sender)["events"]) == ["What is the Top-Tier visa?"]
    assert requests.post(url, params={"token": prod.auth_token}, json={}, timeout=10).status_code == 403
    for path in ("/status", "/model", f"/conversations/{chat.sender}/messages", "/version"):
        response = requests.get(f"{prod.config.url}{path}", params={"token": prod.auth_token}, timeout=10)
        assert response.status_code == 404, path


def engineio_session(url: str, route: str) -> list[int]:
    """An engine.io long-polling session with the route cookie `route`: handshake, connect, first poll."""
    session = requests.Session()
    session.cookies.set("kvg_route", route)
    base = f"{url}/socket.io/"
    handshake = session.get(base, params={"EIO": "4", "transport": "polling"}, timeout=10)
    statuses = [handshake.status_code]
    sid = handshake.text[handshake.text.index("{"):].split('"sid":"')[1].split('"')[0]
    params = {"EIO": "4", "transport": "polling", "sid": sid}
    statuses.append(session.post(base, params=params, data="40", timeout=10).status_code)
    statuses.append(session.get(base, params=params, timeout=30).status_code)
    return statuses


def test_socketio_sessions_stay_on_their_instance(prod):
    log_start = access_log_length(prod)
    for _ in range(12):
        assert engineio_session(prod.config.url, uuid.uuid4().hex) == [200, 200, 200]
    served = upstreams_in_log(prod, "/socket.io/", since=log_start)
    assert len(served) == 2, served  # the cookies spread the sessions over both instances


def test_socketio_first_request_sets_the_route_cookie(prod):
    response = requests.get(f"{prod.config.url}/socket.io/", params={"EIO": "4", "transport": "polling"}, timeout=10)
    assert response.status_code == 200
    assert response.cookies.get("kvg_route"), response.headers


def stored_events(prod, sender: str) -> int:
    engine = sa.create_engine(prod.tracker_url)
    try:
        with engine.connect() as connection:
            query = sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s")
            return connection.execute(query, {"s": sender}).scalar()
    finally:
        engine.dispose()


def test_forget_me_on_postgres(prod):
    chat, other = Chat(prod.config.url), Chat(prod.config.url)
    chat.text("What is the Top-Tier visa?")
    other.text("What is the Top-Tier visa?")
    assert stored_events(prod, chat.sender) > 0
    assert "deleted" in chat.text("forget me").lower()
    assert stored_events(prod, chat.sender) == 0
    assert stored_events(prod, other.sender) > 0


def test_retention_purge_on_postgres(prod):
    old, recent = Chat(prod.config.url), Chat(prod.config.url)
    old.text("What is the Top-Tier visa?")
    recent.text("What is the Top-Tier visa?")
    engine = sa.create_engine(prod.tracker_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET timestamp = timestamp - :d WHERE sender_id = :s"),
                           {"d": 40 * 86400, "s": old.sender})
    engine.dispose()
    environment = {k: v for k, v in os.environ.items() if k != "RETENTION_DAYS"}
    environment.update(PYTHONPATH=str(ROOT), TRACKER_DB_URL=prod.tracker_url)
    result = subprocess.run([sys.executable, "-m", "runtime.privacy", "purge"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "idle for more than 30 days" in result.stdout
    assert prod.postgres.password not in result.stdout  # the URL is printed without its password
    assert stored_events(prod, old.sender) == 0
    assert stored_events(prod, recent.sender) > 0
