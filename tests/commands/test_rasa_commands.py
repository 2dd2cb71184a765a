"""Rasa's own commands, as a Rasa engineer runs them, and `make shell` in a terminal.

- A copy of the project (the files git tracks, the trained model, the spaCy pipeline), the catalogue loaded as
  `make catalogue` does, then `rasa run actions` and `rasa run --enable-api` in that folder with no project
  environment variable: the default endpoints.yml and credentials.yml must give a bot on 5055/5005 that
  answers a catalogue question over REST and keeps the conversation in var/tracker.db.
- The trained model holds the entity linker's patterns: its linker loads from the model alone, in a folder
  without models/spacy.
- `make shell` driven through a pseudo-terminal: a question typed at the prompt gets the catalogue's answer.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.nlu.training_data.message import Message

from nlu.catalogue_linker import CatalogueEntityLinker
from runtime.stack import current_model

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
QUESTION = "what is the top tier visa?"
ANSWER_MARK = "Top-Tier"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def require_model() -> Path:
    if not current_model().exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    return current_model()


def clean_environment(**extra: str) -> dict[str, str]:
    """What a new shell has: no variable of the project (no DATABASE_URL, ACTION_SERVER_URL, PYTHONPATH...)."""
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
           "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
           "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}  # no network; quieter logs
    env.update(extra)
    return env


@contextlib.contextmanager
def held_port(port: int) -> Iterator[None]:
    """Holds a fixed port (bound with SO_REUSEADDR, not listening) until the block ends; fails if it is taken."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            pytest.fail(f"port {port} is in use: this test runs Rasa's commands on their default ports")
        yield


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(process: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{' '.join(process.args)} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"nothing answered at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a clone has it, plus what `make train` and `make catalogue` make."""
    model = require_model()
    copy = tmp_path_factory.mktemp("engineer") / "korea-visa-guide"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    shutil.copytree(ROOT / "models" / "spacy", copy / "models" / "spacy")
    shutil.copy2(model, copy / "models" / model.name)
    loaded = subprocess.run([sys.executable, "-m", "visa_guide.catalogue.cli", "load"], cwd=copy,
                            env=clean_environment(PYTHONPATH=str(copy)), capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert (copy / "var" / "catalogue.db").is_file()
    return copy


@pytest.mark.timeout(900)
def test_rasa_run_actions_and_rasa_run_answer_a_catalogue_question(project_copy: Path):
    logs = project_copy / "var" / "test-logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = clean_environment()
    with held_port(5055), held_port(5005):
        with open(logs / "actions.log", "wb") as out:
            actions = subprocess.Popen([str(BIN / "rasa"), "run", "actions"], cwd=project_copy, env=env,
                                       stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(actions, "http://localhost:5055/health", logs / "actions.log", timeout=120)
            with open(logs / "rasa.log", "wb") as out:
                rasa = subprocess.Popen([str(BIN / "rasa"), "run", "--enable-api"], cwd=project_copy, env=env,
                                        stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                wait_until_up(rasa, "http://localhost:5005/status", logs / "rasa.log", timeout=300)
                answer = requests.post("http://localhost:5005/webhooks/rest/webhook", timeout=120,
                                       json={"sender": "engineer", "message": QUESTION})
                assert answer.status_code == 200, answer.text
                text = "\n".join(m.get("text") or "" for m in answer.json())
                assert ANSWER_MARK in text and "1345" in text, text
            finally:
                stop(rasa)
        finally:
            stop(actions)
    with sqlite3.connect(project_copy / "var" / "tracker.db") as db:
        stored = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'engineer'").fetchone()[0]
    assert stored > 0, "the conversation is not in the default tracker store, var/tracker.db"


def test_the_model_holds_the_linker_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    model = require_model()
    storage_dir = tmp_path / "storage"
    storage_dir.mkdir()
    storage, metadata = LocalModelStorage.from_model_archive(storage_dir, model)
    nodes = [n for n in metadata.predict_schema.nodes.values() if n.uses is CatalogueEntityLinker]
    assert len(nodes) == 1 and nodes[0].resource is not None, "the linker is not loaded from a trained resource"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no models/spacy here
    context = ExecutionContext(metadata.predict_schema, metadata.model_id)
    linker = CatalogueEntityLinker.load(nodes[0].config, storage, nodes[0].resource, context)
    text = "can I work on the top teir visa?"
    entities = [{"entity": "programme", "value": v, "start": text.index(v), "end": text.index(v) + len(v)}
                for v in ("work", "top teir visa")]
    message = Message(data={"text": text, "entities": entities})
    linker.process([message])
    assert [e["value"] for e in message.get("entities")] == ["top teir visa"]


class Terminal:
    """The master side of a pseudo-terminal: reads everything the program prints, without ANSI codes."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.seen = ""
        self.position = 0  # where the last match ended: each expect looks further on

    def expect(self, pattern: str, timeout: float) -> str:
        """The output up to and with the next `pattern`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while (found := self.seen.find(pattern, self.position)) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"{pattern!r} did not appear within {timeout:.0f} s; the terminal shows:\n"
                            f"{self.seen[-3000:]}")
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 1.0))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the program closed the terminal
                    chunk = b""
                if not chunk:
                    pytest.fail(f"the program ended before {pattern!r} appeared:\n{self.seen[-3000:]}")
                self.seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
        start, self.position = self.position, found + len(pattern)
        return self.seen[start:self.position]

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\r")


@pytest.mark.timeout(900)  # make checks the set-up, then the action server and Rasa start
def test_make_shell_answers_a_typed_question():
    require_model()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    env = dict(os.environ, TERM="xterm")
    for name in ("RASA_PORT", "ACTION_PORT"):  # make shell picks free ports
        env.pop(name, None)
    shell = subprocess.Popen(["make", "-s", "shell"], cwd=ROOT, env=env, stdin=slave, stdout=slave,
                             stderr=slave, start_new_session=True, close_fds=True)
    os.close(slave)
    terminal = Terminal(master)
    try:
        terminal.expect("Your input", timeout=400)
        terminal.type(QUESTION)  # the prompt is drawn again with the typed text, then the answer comes
        terminal.expect(ANSWER_MARK, timeout=120)
        terminal.expect("1345", timeout=60)  # the official contacts close every factual answer
        terminal.expect("Type out your own message...", timeout=60)  # its buttons, offered as a menu
        os.write(master, b"\x1b[A")  # up from the first item wraps to the last, free text
        terminal.expect("» Type out your own message...", timeout=30)
        os.write(master, b"\r")
        terminal.expect("Your input", timeout=30)
        terminal.type("/stop")
        assert shell.wait(120) == 0
    finally:
        stop(shell)
        os.close(master)
