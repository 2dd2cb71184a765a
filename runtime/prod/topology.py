"""The production topology on one machine: nginx -> two Rasa -> (nginx) -> two action servers, with the
catalogue and the tracker store in PostgreSQL and the conversation locks in Redis.

Used by `make prod` (runtime/prod/run.py) with fixed ports and by tests/prod with free ones.
"""

from __future__ import annotations

import html
import os
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from runtime.prod.services import Nginx, Postgres, Redis
from runtime.stack import ROOT, Stack, StackConfig, StackError, current_model
from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.migrations import upgrade_database
from web.serve import PLACEHOLDER, content_security_policy

WIDGET_BUNDLE = ROOT / "web" / "dist" / "korea-visa-guide.js"

ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
# Alternatives to the project's stores in deploy/endpoints.yml, for the lock test's comparison
RASA_LOCK_STORE = {"type": "redis", "url": "${REDIS_HOST}", "port": "${REDIS_PORT}", "db": 1}
RASA_TRACKER_STORE = "runtime.tracker_store.ForgettingSQLTrackerStore"  # Rasa's counting of stored rows


def write_demo_page(www: Path, public_url: str) -> None:
    """web/demo/*.html into `www`, with `public_url` (nginx's address) as the widget's server, and the widget
    bundle beside it: nginx's workers (www-data) may not be allowed into the checkout's folder."""
    www.mkdir(parents=True, exist_ok=True)
    for page in (ROOT / "web" / "demo").glob("*.html"):
        body = page.read_text(encoding="utf-8").replace(PLACEHOLDER, html.escape(public_url, quote=True))
        (www / page.name).write_text(body, encoding="utf-8")
    if WIDGET_BUNDLE.exists():
        shutil.copyfile(WIDGET_BUNDLE, www / WIDGET_BUNDLE.name)


@dataclass
class ProdConfig:
    port: int = 8000
    rasa_ports: tuple[int, int] = (5005, 5006)
    action_ports: tuple[int, int] = (5055, 5056)
    actions_proxy_port: int = 5054
    postgres_port: int = 5433
    redis_port: int = 6380
    host: str = "127.0.0.1"
    work_dir: Path = ROOT / "var" / "prod"
    auth_token: str | None = None
    lock_store: str = "atomic"  # or "rasa": Rasa's RedisLockStore (for the comparison only)
    tracker_store: str = "concurrent"  # or "rasa": the single-instance store that counts stored rows
    public_url: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> ProdConfig:
        env = os.environ
        pair = lambda name, default: tuple(int(p) for p in env.get(name, default).split(","))  # noqa: E731
        return cls(
            port=int(env.get("PROD_PORT", "8000")),
            rasa_ports=pair("PROD_RASA_PORTS", "5005,5006"),
            action_ports=pair("PROD_ACTION_PORTS", "5055,5056"),
            actions_proxy_port=int(env.get("PROD_ACTIONS_PROXY_PORT", "5054")),
            postgres_port=int(env.get("PROD_POSTGRES_PORT", "5433")),
            redis_port=int(env.get("PROD_REDIS_PORT", "6380")),
            host=env.get("BIND_HOST", "127.0.0.1"),
            public_url=env.get("PUBLIC_URL") or None,
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


class InstanceStack(Stack):
    """One Rasa instance and one action server, started with the production endpoints and entry point."""

    def __init__(self, config: StackConfig, endpoints: Path, overrides: dict[str, str]):
        super().__init__(config)
        self.endpoints = endpoints
        self.overrides = overrides
        self.deferred: list[tuple[str, str, float]] | None = None  # waits put off by spawn_all

    def environment(self) -> dict[str, str]:
        env = super().environment()
        env.update(self.overrides)
        return env

    def endpoints_file(self, env: dict[str, str]) -> Path:
        return self.endpoints

    def spawn_all(self) -> list[tuple[str, str, float]]:
        """Starts the action server and Rasa without waiting for them; returns the waits `_wait` would do.

        The processes must be started by a thread that outlives them: the kernel kills a child whose parent
        *thread* ends (PR_SET_PDEATHSIG), so only the waiting may happen in other threads.
        """
        self.deferred = []
        try:
            self.start_actions()
            self.start_rasa()
            return self.deferred
        finally:
            self.deferred = None

    def _wait(self, name: str, url: str, timeout: float) -> None:
        if self.deferred is not None:
            self.deferred.append((name, url, timeout))
        else:
            super()._wait(name, url, timeout)

    def _spawn(self, name: str, args: list[str], env: dict[str, str], port: int) -> None:
        if name == "rasa":
            if "runtime.rasa_server" not in args:
                raise StackError("runtime/stack.py no longer runs runtime.rasa_server: update InstanceStack")
            args = ["runtime.prod.rasa_server" if a == "runtime.rasa_server" else a for a in args]
        super()._spawn(name, args, env, port)


class ProdStack:
    """Starts and stops everything; `start()` returns when nginx answers for both instances."""

    def __init__(self, config: ProdConfig):
        self.config = c = config
        self.auth_token = c.auth_token or os.environ.get("RASA_AUTH_TOKEN") or secrets.token_hex(24)
        logs = c.work_dir / "logs"
        self.postgres = Postgres("postgres", c.postgres_port, logs, c.host,
                                 data_dir=c.work_dir / "postgres", secrets_dir=c.work_dir / "secrets")
        self.redis = Redis("redis", c.redis_port, logs, c.host, data_dir=c.work_dir / "redis")
        self.nginx = Nginx(
            "nginx", c.port, logs, c.host, conf_dir=c.work_dir / "nginx", settings=self._nginx_settings()
        )
        self.endpoints = c.work_dir / "endpoints.yml"
        self.instances: list[InstanceStack] = []

    @property
    def public_url(self) -> str:
        return self.config.public_url or f"http://localhost:{self.config.port}"

    @property
    def catalogue_url(self) -> str:
        return self.postgres.url("catalogue")

    @property
    def tracker_url(self) -> str:
        return self.postgres.url("tracker")

    def _nginx_settings(self) -> dict[str, str]:
        c = self.config
        return {
            "host": c.host,
            "port": str(c.port),
            "actions_port": str(c.actions_proxy_port),
            "rasa_a": f"{c.host}:{c.rasa_ports[0]}",
            "rasa_b": f"{c.host}:{c.rasa_ports[1]}",
            "actions_a": f"{c.host}:{c.action_ports[0]}",
            "actions_b": f"{c.host}:{c.action_ports[1]}",
            "www": str(c.work_dir / "nginx" / "www"),
            "web_dist": str(c.work_dir / "nginx" / "www"),
            "csp": content_security_policy(self.config.public_url or f"http://localhost:{c.port}"),
        }

    def write_demo_page(self) -> None:
        (self.config.work_dir / "nginx" / "tmp").mkdir(parents=True, exist_ok=True)
        write_demo_page(self.config.work_dir / "nginx" / "www", self.public_url)

    def load_catalogue(self) -> None:
        engine = make_engine(self.catalogue_url)
        try:
            upgrade_database(engine)  # Alembic, as `make catalogue` does
            load_catalogue(ROOT / "catalogue", engine)
        finally:
            engine.dispose()

    def write_endpoints(self) -> None:
        """deploy/endpoints.yml, with Rasa's own lock or tracker store when the configuration asks for it."""
        endpoints = yaml.safe_load(ENDPOINTS.read_text())
        if self.config.lock_store == "rasa":
            endpoints["lock_store"] = RASA_LOCK_STORE
        if self.config.tracker_store == "rasa":
            endpoints["tracker_store"]["type"] = RASA_TRACKER_STORE
        self.endpoints.parent.mkdir(parents=True, exist_ok=True)
        header = "# Generated by runtime/prod/topology.py from deploy/endpoints.yml\n"
        self.endpoints.write_text(header + yaml.safe_dump(endpoints, sort_keys=False))

    def make_instances(self) -> list[InstanceStack]:
        c = self.config
        overrides = {
            "ACTION_SERVER_URL": f"http://{c.host}:{c.actions_proxy_port}/webhook",
            "REDIS_URL": self.redis.url,
            "REDIS_HOST": c.host,
            "REDIS_PORT": str(c.redis_port),
            "CORS_ORIGINS": os.environ.get("CORS_ORIGINS") or self.public_url,
            **c.extra_env,
        }
        return [
            InstanceStack(
                StackConfig(
                    rasa_port=rasa_port,
                    action_port=action_port,
                    host=c.host,
                    model=current_model(),
                    work_dir=c.work_dir / f"instance-{name}",
                    database_url=self.catalogue_url,
                    tracker_url=self.tracker_url,
                    auth_token=self.auth_token,
                    cors=overrides["CORS_ORIGINS"],
                ),
                self.endpoints,
                overrides,
            )
            for name, rasa_port, action_port in zip("ab", c.rasa_ports, c.action_ports, strict=True)
        ]

    def start(self) -> ProdStack:
        try:
            self.config.work_dir.mkdir(parents=True, exist_ok=True)
            self.postgres.start()
            self.redis.start()
            self.load_catalogue()
            self.write_endpoints()
            self.write_demo_page()
            self.nginx.start()
            self.instances = self.make_instances()
            waits = [(instance, wait) for instance in self.instances for wait in instance.spawn_all()]
            errors: list[BaseException] = []
            threads = [threading.Thread(target=self._wait, args=(*job, errors)) for job in waits]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if errors:
                raise errors[0]
        except BaseException:
            self.stop()
            raise
        return self

    @staticmethod
    def _wait(instance: InstanceStack, wait: tuple[str, str, float], errors: list[BaseException]) -> None:
        try:
            instance._wait(*wait)
        except BaseException as error:  # raised again by start()
            errors.append(error)

    def restart_dead(self) -> list[str]:
        """Starts again every server that has died; returns their names."""
        restarted = []
        for service in (self.postgres, self.redis, self.nginx):
            if service.process is not None and service.process.poll() is not None:
                service.start()
                restarted.append(service.name)
        for instance in self.instances:
            parts = (("actions", instance.start_actions, instance.config.action_port),
                     ("rasa", instance.start_rasa, instance.config.rasa_port))
            for name, start, port in parts:
                process = instance.processes.get(name)
                if process is not None and process.poll() is not None:
                    instance.processes.pop(name)
                    start()
                    restarted.append(f"{name} ({port})")
        return restarted

    def stop(self) -> None:
        self.nginx.stop()
        threads = [threading.Thread(target=i.stop) for i in self.instances]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.redis.stop()
        self.postgres.stop()

    def __enter__(self) -> ProdStack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
