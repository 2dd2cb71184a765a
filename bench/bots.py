"""Preparing, training and serving the two bots of the benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import rasa
import requests

from runtime.stack import Stack, StackConfig, free_port

ROOT = Path(__file__).resolve().parent.parent
RASA_INIT_TEMPLATE = Path(rasa.__file__).parent / "cli" / "initial_project"


def _env(cache_dir: Path) -> dict[str, str]:
    return dict(
        os.environ, RASA_CACHE_DIRECTORY=str(cache_dir), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
    )


def _run(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> float:
    started = time.monotonic()
    with open(log, "ab") as out:
        code = subprocess.call(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if code != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed ({code}); see {log}")
    return time.monotonic() - started


def make_rasa_init_project(target: Path) -> Path:
    """The project `rasa init` creates, copied from Rasa's own template (copying trains nothing)."""
    shutil.copytree(RASA_INIT_TEMPLATE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def train_rasa_init(project: Path, work: Path, cache_dir: Path) -> tuple[Path, float]:
    out = work / "models-rasa-init"
    seconds = _run(
        [sys.executable, "-m", "rasa", "train", "--out", str(out), "--fixed-model-name", "rasa-init"],
        project, _env(cache_dir), work / "train-rasa-init.log",
    )
    return out / "rasa-init.tar.gz", seconds


def train_ours(work: Path, cache_dir: Path) -> tuple[Path, float]:
    """Builds the spaCy pipeline and trains, as `make train` does on a machine with no cached model."""
    out = work / "models-ours"
    env = _env(cache_dir)
    log = work / "train-ours.log"
    seconds = _run([sys.executable, "scripts/build_spacy_pipeline.py"], ROOT, env, log)
    seconds += _run(
        [sys.executable, "-m", "rasa", "train", "--out", str(out), "--fixed-model-name", "ours"], ROOT, env, log
    )
    return out / "ours.tar.gz", seconds


def wait_for_answer(rasa_url: str, message: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reply = requests.post(
                f"{rasa_url}/webhooks/rest/webhook", json={"sender": "bench-ready", "message": message}, timeout=30
            )
            if reply.status_code == 200 and reply.json():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{rasa_url} gave no answer within {timeout:.0f} s")


def rss_mb(pid: int) -> dict[str, float]:
    """Current and peak resident memory of one process, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


class OurBot:
    """Our assistant as `make run` starts it (action server, Rasa with the project's runtime), on free ports."""

    name = "ours"

    def __init__(self, model: Path, work: Path):
        from visa_guide.catalogue import load_catalogue
        from visa_guide.catalogue.db import make_engine

        database_url = f"sqlite:///{work / 'catalogue.db'}"
        load_catalogue(ROOT / "catalogue", make_engine(database_url))
        self.stack = Stack(StackConfig(
            rasa_port=free_port(), action_port=free_port(), work_dir=work, model=model,
            database_url=database_url, tracker_url=f"sqlite:///{work / 'tracker.db'}",
        ))
        self.url = self.stack.config.rasa_url
        self.model = model

    def start(self) -> float:
        """Starts the servers; returns the seconds until Rasa answered a first message."""
        self.stack.start_actions()
        started = time.monotonic()
        self.stack.start_rasa()
        wait_for_answer(self.url, "hello")
        return time.monotonic() - started

    def memory(self) -> dict[str, dict[str, float]]:
        return {name: rss_mb(p.pid) for name, p in self.stack.processes.items()}

    def pids(self) -> list[int]:
        """The server processes whose CPU time a turn costs: Rasa and the action server."""
        return [p.pid for p in self.stack.processes.values()]

    def stop(self) -> None:
        self.stack.stop()


class RasaInitBot:
    """The bare `rasa init` bot, served with Rasa's defaults (no action server, in-memory tracker store)."""

    name = "rasa init"

    def __init__(self, project: Path, model: Path, work: Path, cache_dir: Path):
        self.project, self.model, self.work, self.cache_dir = project, model, work, cache_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        log = open(self.work / "rasa-init-server.log", "ab")  # noqa: SIM115 - owned by the child process
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rasa", "run", "--model", str(self.model), "--port", str(self.port),
             "--interface", "127.0.0.1"],
            cwd=self.project, env=_env(self.cache_dir), stdout=log, stderr=subprocess.STDOUT,
        )
        wait_for_answer(self.url, "hello")
        return time.monotonic() - started

    def memory(self) -> dict[str, dict[str, float]]:
        return {"rasa": rss_mb(self.process.pid)} if self.process else {}

    def pids(self) -> list[int]:
        return [self.process.pid] if self.process else []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
