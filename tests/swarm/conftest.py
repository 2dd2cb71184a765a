"""The stack `make swarm` deployed (deploy/stack.yml): nginx on 127.0.0.1:8000, 2 Rasa and 2 action-server
replicas, PostgreSQL and Redis. `make test-swarm` starts it before these tests and removes it after.

Tests that change the stack (kill, scale, stop, update) are marked `changes_the_stack` and run last, in
their file's order; each leaves the stack answering (test_orchestrator.py says how).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from runtime.stack import ROOT
from tests.conversation_events import (  # noqa: F401 (the tests')
    CONVERSATION,
    send_all_at_once,
    turns_with_replies,
    user_texts,
)
from tests.reliability.conftest import OFFICIAL_CONTACT, Chat, replies_text

__all__ = ["OFFICIAL_CONTACT", "Chat", "replies_text"]

STACK = os.environ.get("KVG_STACK", "kvg")
URL = f"http://127.0.0.1:{os.environ.get('KVG_PORT', '8000')}"
SECRETS = ROOT / os.environ.get("SWARM_DIR", "var/swarm") / "secrets"



def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "changes_the_stack: kills, scales or updates services; runs last")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("changes_the_stack") is not None)


def docker(*args: str, timeout: float = 120) -> str:
    result = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"docker {' '.join(args)}: {result.stderr}"
    return result.stdout


def wait_until(condition: Callable[[], object], timeout: float, what: str, every: float = 0.5) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout:.0f} s: {what}")
        time.sleep(every)


class Swarm:
    url = URL

    @property
    def token(self) -> str:
        return (SECRETS / "rasa_auth_token").read_text().strip()

    def containers(self, service: str) -> list[str]:
        """IDs of the running containers of a service."""
        return docker("ps", "-q", "--filter", f"label=com.docker.swarm.service.name={STACK}_{service}").split()

    def healthy(self, service: str) -> list[str]:
        return [c for c in self.containers(service)
                if self.inspect(c)["State"].get("Health", {}).get("Status") == "healthy"]

    def inspect(self, container: str) -> dict:
        return json.loads(docker("inspect", container))[0]

    def address(self, container: str) -> str:
        networks = self.inspect(container)["NetworkSettings"]["Networks"]
        return networks[f"{STACK}_backend"]["IPAddress"]

    def replicas(self, service: str) -> tuple[int, int]:
        running, _, wanted = docker("service", "ls", "--filter", f"name={STACK}_{service}",
                                    "--format", "{{.Replicas}}").split()[0].partition("/")
        return int(running), int(wanted.split()[0])

    def wait_replicas(self, service: str, count: int, timeout: float = 240) -> list[str]:
        """Waits until `count` containers of the service are healthy and nginx lists them all."""
        def ready() -> list[str]:
            healthy = self.healthy(service)
            if len(healthy) != count or len(self.containers(service)) != count:
                return []
            listed = self.nginx_upstreams(service)
            return healthy if {self.address(c) for c in healthy} <= listed else []
        return wait_until(ready, timeout, f"{count} healthy {service} replicas known to nginx", every=1)

    def nginx(self) -> str:
        (container,) = self.containers("nginx")
        return container

    def nginx_upstreams(self, service: str) -> set[str]:
        text = docker("exec", self.nginx(), "cat", f"/run/kvg/upstream-{service}.conf")
        return set(re.findall(r"server ([\d.]+):\d+", text))

    def log_mark(self) -> str:
        """A point in nginx's access log (its container's output, timed by the daemon on this clock) to
        count from: now, to the nanosecond, so that no earlier request is counted."""
        seconds, nanoseconds = divmod(time.time_ns(), 10**9)
        return f"{seconds}.{nanoseconds:09d}"

    def served(self, path_prefix: str, since: str) -> Counter:
        """Requests for paths under `path_prefix` per Rasa address that answered them, from nginx's log."""
        result = subprocess.run(["docker", "logs", "--since", since, self.nginx()], capture_output=True,
                                text=True, timeout=60)
        pattern = re.compile(r'"\w+ (\S+)" \d+ upstream=(.+?) upstream_status=')
        served: Counter = Counter()
        for line in result.stdout.splitlines():
            match = pattern.search(line)
            if match and match[1].startswith(path_prefix):
                served[match[2].split(",")[-1].strip().split(":")[0]] += 1
        return served

    def sql(self, query: str) -> list[str]:
        (container,) = self.containers("postgres")
        out = docker("exec", container, "psql", "-h", "/run/postgresql", "-U", "postgres", "-d", "tracker",
                     "-At", "-c", query)
        return out.splitlines()

    def tracker(self, sender: str) -> dict:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": self.token},
                                timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def swarm() -> Swarm:
    stack = Swarm()
    try:
        requests.get(f"{stack.url}/health", timeout=5).raise_for_status()
    except requests.RequestException as error:
        pytest.fail(f"the stack does not answer on {stack.url} ({error}): `make swarm` first (make test-swarm does)")
    assert Path(SECRETS / "rasa_auth_token").exists(), "no token in var/swarm/secrets: `make swarm` makes it"
    stack.wait_replicas("rasa", 2)
    return stack


