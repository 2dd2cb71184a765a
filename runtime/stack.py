"""Starts and stops the assistant's processes: the action server, Rasa and (optionally) the demo page.

Used by `make run` (runtime/run.py) with fixed ports and by the end-to-end tests with free ones.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from runtime.credentials import write_active_credentials, write_endpoints

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port free right now; another process may take it before it is used: prefer `reserved_ports`."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reserve_port(host: str = "127.0.0.1") -> socket.socket:
    """A socket bound to a free port with SO_REUSEADDR and not listening: while it is open no other bind (nor
    the kernel's choice of a free port) gets that port, yet a server that sets SO_REUSEADDR (Sanic, http.server)
    can still bind and listen on it (Linux)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    return sock


@contextlib.contextmanager
def reserved_ports(count: int, host: str = "127.0.0.1") -> Iterator[list[int]]:
    """`count` distinct free ports, held until the block ends: start the servers inside it."""
    sockets = [reserve_port(host) for _ in range(count)]
    try:
        yield [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Asks the kernel to send `sig` to this process when its parent dies (Linux), even by SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the supervisor's stop() is the only guard
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def current_model() -> Path:
    return ROOT / "models" / "current.tar.gz"


@dataclass
class StackConfig:
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int | None = None
    host: str = "127.0.0.1"
    model: Path = field(default_factory=current_model)
    work_dir: Path = ROOT / "var"
    database_url: str | None = None
    tracker_url: str | None = None
    auth_token: str | None = None
    cors: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{self.host}:{self.action_port}"

    @property
    def web_url(self) -> str | None:
        return f"http://{self.host}:{self.web_port}" if self.web_port else None


class StackError(RuntimeError):
    pass


class Stack:
    """The running processes of one assistant; `start()` returns when they all answer."""

    def __init__(self, config: StackConfig):
        self.config = config
        self.processes: dict[str, subprocess.Popen] = {}
        self.auth_token = config.auth_token or os.environ.get("RASA_AUTH_TOKEN") or secrets.token_hex(24)
        self.log_dir = config.work_dir / "logs"

    def environment(self) -> dict[str, str]:
        c = self.config
        env = dict(os.environ)
        env.setdefault("DATABASE_URL", "")
        env.update(
            ACTION_SERVER_URL=f"{c.action_url}/webhook",
            TRACKER_DB_URL=c.tracker_url or env.get("TRACKER_DB_URL") or f"sqlite:///{c.work_dir / 'tracker.db'}",
            RASA_AUTH_TOKEN=self.auth_token,
            PYTHONPATH=str(ROOT),
            TF_CPP_MIN_LOG_LEVEL="2",
            RASA_TELEMETRY_ENABLED="false",
            **c.extra_env,
        )
        if c.database_url:
            env["DATABASE_URL"] = c.database_url
        if c.web_port:
            env.setdefault("RASA_PUBLIC_URL", f"http://localhost:{c.rasa_port}")
            env["WEB_PORT"] = str(c.web_port)
        return env

    def _spawn(self, name: str, args: list[str], env: dict[str, str], port: int) -> None:
        if not port_is_free(self.config.host, port):
            raise StackError(f"port {port} is already in use: stop what runs there or choose another port")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child process
        # Own session (Ctrl-C in the terminal reaches the supervisor, which stops the servers in order), and
        # killed by the kernel if the supervisor dies without stopping them: no orphans holding the ports.
        self.processes[name] = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=die_with_parent,
        )

    def start_actions(self) -> None:
        env = self.environment()
        env.setdefault("SANIC_HOST", self.config.host)  # rasa-sdk listens on 0.0.0.0 otherwise
        self._spawn(
            "actions",
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.config.action_port)],
            env,
            self.config.action_port,
        )
        self._wait("actions", f"{self.config.action_url}/health", timeout=90)

    def rasa_arguments(self, env: dict[str, str], endpoints: Path) -> list[str]:
        c = self.config
        return [
            "run",
            "--model", str(c.model),
            "--port", str(c.rasa_port),
            "--interface", c.host,
            "--enable-api",
            f"--auth-token={self.auth_token}",  # one argument, even if the token starts with "-"
            "--credentials", str(c.work_dir / f"credentials-{c.rasa_port}.yml"),
            "--endpoints", str(endpoints),
            "--cors", c.cors or env.get("CORS_ORIGINS") or f"http://localhost:{c.web_port or 8080}",
        ]

    def start_rasa(self) -> None:
        c = self.config
        env = self.environment()
        if not c.model.exists():
            raise StackError(f"no trained model at {c.model}: run `make train`")
        write_active_credentials(ROOT / "credentials.yml", c.work_dir / f"credentials-{c.rasa_port}.yml", env)
        args = [sys.executable, "-m", "runtime.rasa_server", *self.rasa_arguments(env, self.endpoints_file(env))]
        self._spawn("rasa", args, env, c.rasa_port)
        self._wait("rasa", f"{c.rasa_url}/status?token={self.auth_token}", timeout=180)

    def endpoints_file(self, env: dict[str, str]) -> Path:
        """endpoints.yml with the environment's action server and tracker store URLs, under the work folder."""
        target = self.config.work_dir / f"endpoints-{self.config.rasa_port}.yml"
        write_endpoints(ROOT / "endpoints.yml", target, env)
        return target

    def start_web(self) -> None:
        if not self.config.web_port or not (ROOT / "web" / "serve.py").exists():
            return
        self._spawn("web", [sys.executable, str(ROOT / "web" / "serve.py")], self.environment(), self.config.web_port)
        self._wait("web", f"{self.config.web_url}/", timeout=30)

    def start(self) -> Stack:
        try:
            self.start_actions()
            self.start_rasa()
            self.start_web()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self, name: str, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise StackError(f"{name} exited with {process.returncode}; see {self.log_dir / (name + '.log')}")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise StackError(f"{name} did not answer at {url} within {timeout:.0f} s; see {self.log_dir / (name + '.log')}")

    def stop_process(self, name: str, timeout: float = 8) -> None:
        self.stop_processes([name], timeout)

    def stop_processes(self, names: list[str], timeout: float = 8) -> None:
        """SIGTERM to each process group at once; SIGKILL to whatever still runs after `timeout` seconds."""
        running = [p for p in (self.processes.pop(n, None) for n in names) if p is not None and p.poll() is None]
        for process in running:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()

    def stop(self) -> None:
        self.stop_processes(["web", "rasa", "actions"])

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
