"""The production topology under test: nginx, two Rasa and two action servers, PostgreSQL and Redis, all on
free ports in a temporary folder (`prod` fixture, one per test session).

Tests that kill a Rasa instance for good are marked `kills_an_instance` and run last.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import requests

from runtime.prod.topology import ProdConfig, ProdStack
from runtime.stack import current_model, free_port
from tests.conversation_events import (  # noqa: F401 (the tests')
    CONVERSATION,
    send_all_at_once,
    turns_with_replies,
    user_texts,
)
from tests.reliability.conftest import OFFICIAL_CONTACT, Chat, replies_text

__all__ = ["OFFICIAL_CONTACT", "Chat", "replies_text"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "kills_an_instance: leaves a Rasa instance dead; runs last")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("kills_an_instance") is not None)


def prod_work_dir() -> Path:
    """A temporary folder the service accounts (postgres, www-data) can enter: not pytest's private tmp."""
    path = Path(tempfile.mkdtemp(prefix="kvg-prod-"))
    path.chmod(0o755)
    return path


def start_prod(lock_store: str = "atomic", tracker_store: str = "concurrent") -> ProdStack:
    if not current_model().exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    config = ProdConfig(
        port=free_port(),
        rasa_ports=(free_port(), free_port()),
        action_ports=(free_port(), free_port()),
        actions_proxy_port=free_port(),
        postgres_port=free_port(),
        redis_port=free_port(),
        work_dir=prod_work_dir(),
        lock_store=lock_store,
        tracker_store=tracker_store,
    )
    return ProdStack(config).start()


def remove_prod(stack: ProdStack) -> None:
    stack.stop()
    if os.environ.get("KVG_KEEP_PROD_DIR"):
        print(f"\nprod work folder kept: {stack.config.work_dir}")
    else:
        shutil.rmtree(stack.config.work_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def prod():
    stack = start_prod()
    yield stack
    remove_prod(stack)


def tracker(stack: ProdStack, sender: str, timeout: float = 30) -> dict:
    """The conversation's tracker, read through nginx with the API token."""
    response = requests.get(
        f"{stack.config.url}/conversations/{sender}/tracker", params={"token": stack.auth_token}, timeout=timeout
    )
    assert response.status_code == 200, response.text
    return response.json()


def upstreams_in_log(stack: ProdStack, path_prefix: str, since: int = 0, retried_only: bool = False) -> Counter:
    """How many requests for paths starting with `path_prefix` each upstream answered (nginx's access log);
    with `retried_only`, only the requests that nginx had to send to a second upstream."""
    log = stack.config.work_dir / "logs" / "nginx-access.log"
    lines = log.read_text().splitlines()[since:] if log.exists() else []
    pattern = re.compile(r'"\w+ (\S+)" \d+ upstream=(.+?) upstream_status=')
    served: Counter = Counter()
    for line in lines:
        match = pattern.search(line)
        if match and match[1].startswith(path_prefix):
            upstreams = [u.strip() for u in match[2].split(",")]
            if len(upstreams) > 1 or not retried_only:
                served[upstreams[-1]] += 1
    return served


def access_log_length(stack: ProdStack) -> int:
    log = stack.config.work_dir / "logs" / "nginx-access.log"
    return len(log.read_text().splitlines()) if log.exists() else 0



