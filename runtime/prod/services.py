"""The infrastructure of the production topology, run by the project from Debian's packages:
a PostgreSQL cluster under the work folder, a Redis server for the locks and nginx in front.

Each service is one foreground process owned by this supervisor (killed by the kernel if the supervisor
dies). As root, PostgreSQL runs as the `postgres` user (initdb refuses root), Redis as `redis` and nginx's
workers as `www-data` when those users exist.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from runtime.stack import ROOT, StackError, die_with_parent, port_is_free

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def system_user(name: str) -> pwd.struct_passwd | None:
    """The account to run a service as when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def give_to(path: Path, account: pwd.struct_passwd | None) -> None:
    if account is not None:
        os.chown(path, account.pw_uid, account.pw_gid)


def postgres_bin(name: str) -> str:
    """A PostgreSQL server program from Debian's layout (/usr/lib/postgresql/<version>/bin), newest first."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]), reverse=True)
    if found:
        return found[0]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise StackError(f"PostgreSQL's {name} is missing: `make prod-deps` installs Debian's postgresql")


def program(name: str) -> str:
    candidates = (f"/usr/sbin/{name}", f"/usr/bin/{name}")
    path = shutil.which(name) or next((p for p in candidates if os.access(p, os.X_OK)), None)
    if not path:
        raise StackError(f"{name} is missing: `make prod-deps` installs it with apt-get")
    return path


@dataclass
class Service:
    """One foreground server process with its log file."""

    name: str
    port: int
    log_dir: Path
    host: str = "127.0.0.1"
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen | None = field(default=None, repr=False)

    def command(self) -> list[str]:
        raise NotImplementedError

    def account(self) -> pwd.struct_passwd | None:
        return None

    def ready(self) -> bool:
        raise NotImplementedError

    def prepare(self) -> None:
        """One-time set-up before the first start (data folders, configuration)."""

    def start(self, timeout: float = 60) -> None:
        if self.running:
            return
        if not port_is_free(self.host, self.port):
            raise StackError(f"port {self.port} ({self.name}) is in use: stop what runs there or choose another")
        self.prepare()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{self.name}.log", "ab")  # noqa: SIM115 - owned by the child process
        account = self.account()
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,  # after the switch to `account`, so the kernel keeps it
            **({"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []} if account else {}),
        )
        log.close()
        deadline = time.monotonic() + timeout
        log_file = self.log_dir / f"{self.name}.log"
        while not self.ready():
            if self.process.poll() is not None:
                raise StackError(f"{self.name} exited with {self.process.returncode}; see {log_file}")
            if time.monotonic() > deadline:
                raise StackError(f"{self.name} did not start within {timeout:.0f} s; see {log_file}")
            time.sleep(0.2)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15, sig: int | None = None) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig or self.stop_signal)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        self.stop(timeout=5, sig=signal.SIGKILL)


def tcp_ready(host: str, port: int) -> bool:
    return not port_is_free(host, port)


@dataclass
class Postgres(Service):
    """A PostgreSQL cluster in `data_dir`, reachable on host:port (TCP only) with a password."""

    data_dir: Path = Path()
    secrets_dir: Path = Path()
    user: str = "kvg"
    databases: tuple[str, ...] = ("catalogue", "tracker")
    stop_signal: int = signal.SIGINT  # "fast" shutdown: SIGTERM would wait for every client to leave

    def account(self) -> pwd.struct_passwd | None:
        account = system_user("postgres")
        if os.geteuid() == 0 and account is None:
            raise StackError("running as root needs the `postgres` user (Debian's postgresql package creates it)")
        return account

    @property
    def password(self) -> str:
        path = self.secrets_dir / "postgres-password"
        if not path.exists():
            self.secrets_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.write_text(os.environ.get("POSTGRES_PASSWORD") or secrets.token_urlsafe(24))
            path.chmod(0o600)
        return path.read_text().strip()

    def url(self, database: str) -> str:
        return URL.create(
            "postgresql", self.user, self.password, self.host, self.port, database
        ).render_as_string(hide_password=False)

    def prepare(self) -> None:
        if (self.data_dir / "PG_VERSION").exists():
            return
        account = self.account()
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        give_to(self.data_dir, account)
        password_file = self.data_dir.parent / f".pwfile-{secrets.token_hex(4)}"
        password_file.write_text(self.password + "\n")
        give_to(password_file, account)
        try:
            subprocess.run(
                [postgres_bin("initdb"), "-D", str(self.data_dir), "-U", self.user, f"--pwfile={password_file}",
                 "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
                check=True, capture_output=True, text=True,
                **({"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []} if account else {}),
            )
        except subprocess.CalledProcessError as error:
            raise StackError(f"initdb failed: {error.stderr.strip()[-500:]}") from None
        finally:
            password_file.unlink(missing_ok=True)

    def command(self) -> list[str]:
        return [
            postgres_bin("postgres"), "-D", str(self.data_dir),
            "-c", f"listen_addresses={self.host}", "-c", f"port={self.port}", "-c", "unix_socket_directories=",
            "-c", "max_connections=100",
        ]

    def ready(self) -> bool:
        engine = create_engine(self.url("postgres"), connect_args={"connect_timeout": 2}, poolclass=None)
        try:
            with engine.connect():
                return True
        except Exception:
            return False
        finally:
            engine.dispose()

    def create_databases(self) -> None:
        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                existing = {row[0] for row in connection.execute(text("SELECT datname FROM pg_database"))}
                for name in self.databases:
                    if name not in existing:
                        connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()

    def start(self, timeout: float = 60) -> None:
        super().start(timeout)
        self.create_databases()


@dataclass
class Redis(Service):
    """Redis for the conversation locks: no persistence (a lock outlives nothing), loopback only."""

    data_dir: Path = Path()

    def account(self) -> pwd.struct_passwd | None:
        return system_user("redis")

    def prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        give_to(self.data_dir, self.account())

    def command(self) -> list[str]:
        return [
            program("redis-server"), "--bind", self.host, "--port", str(self.port), "--save", "",
            "--appendonly", "no", "--dir", str(self.data_dir), "--protected-mode", "yes", "--daemonize", "no",
        ]

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/1"

    def ready(self) -> bool:
        return tcp_ready(self.host, self.port)


def unavailable_json() -> str:
    """The body nginx sends when no Rasa instance answers, escaped for an nginx double-quoted string."""
    from runtime.channels.guard import nothing_came_back

    body = json.dumps({"error": "unavailable", "message": nothing_came_back()})
    return body.replace("\\", "\\\\").replace('"', '\\"').replace("$", "")


@dataclass
class Nginx(Service):
    """nginx in front: the rendered deploy/nginx.conf.template in `conf_dir`."""

    conf_dir: Path = Path()
    settings: dict[str, str] = field(default_factory=dict)

    def render(self) -> str:
        """The configuration; `settings` fill the template's placeholders (and may override work, logs, user)."""
        account = system_user("www-data") or system_user("nobody")
        values = {"work": str(self.conf_dir), "logs": str(self.log_dir),
                  "user": f"user {account.pw_name};" if account else "", "unavailable_json": unavailable_json(),
                  **self.settings}
        config = NGINX_TEMPLATE.read_text()
        for key, value in values.items():
            config = config.replace("{{" + key + "}}", value)
        if "{{" in config:
            raise StackError(f"nginx template: unfilled placeholder near {config[config.index('{{'):][:40]!r}")
        return config

    def prepare(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "nginx.conf").write_text(self.render())

    def command(self) -> list[str]:
        return [program("nginx"), "-p", str(self.conf_dir), "-c", str(self.conf_dir / "nginx.conf"),
                "-e", str(self.log_dir / "nginx-error.log")]

    def ready(self) -> bool:
        return tcp_ready(self.host, self.port)
