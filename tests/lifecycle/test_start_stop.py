"""`make run` as a user runs it: it answers, and Ctrl-C, SIGTERM or a killed supervisor leave no server behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from runtime.stack import port_is_free, reserved_ports

ROOT = Path(__file__).resolve().parents[2]
STOP_WITHIN_S = 10


def start(command: list[str]) -> tuple[subprocess.Popen, dict[str, int], list[str]]:
    with reserved_ports(3) as numbers:  # held until the servers listen on them
        ports = dict(zip(("RASA_PORT", "ACTION_PORT", "WEB_PORT"), numbers, strict=True))
        return _start(command, ports)


def ignore_sigint() -> None:
    """As a shell does for its background jobs (CI runners, `cmd &`): Ctrl-C must still stop `make run`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start(command: list[str], ports: dict[str, int]) -> tuple[subprocess.Popen, dict[str, int], list[str]]:
    env = dict(os.environ, **{k: str(v) for k, v in ports.items()})
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
        preexec_fn=ignore_sigint,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 300
    for line in process.stdout:
        lines.append(line)
        if "Korea Visa Guide is running" in line or time.monotonic() > deadline:
            break
    assert any("is running" in line for line in lines), "".join(lines[-40:])
    return process, ports, lines


def answer(rasa_port: int) -> str:
    reply = requests.post(
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
        json={"sender": "lifecycle", "message": "what is the youth dream visa?"}, timeout=30,
    )
    assert reply.status_code == 200
    return " ".join(m.get("text", "") for m in reply.json())


def listening(ports: dict[str, int]) -> list[str]:
    return [name for name, port in ports.items() if not port_is_free("127.0.0.1", port)]


def wait_until_all_stopped(ports: dict[str, int], within: float) -> float:
    started = time.monotonic()
    while listening(ports) and time.monotonic() - started < within:
        time.sleep(0.2)
    return time.monotonic() - started


def server_pids(ports: dict[str, int]) -> list[str]:
    """Processes still running whose command line names one of this run's ports."""
    found = subprocess.run(["pgrep", "-f", f"--port {ports['RASA_PORT']}|--port {ports['ACTION_PORT']}"],
                           capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_make_run_answers_and_stops_every_server_within_10_s(sig: signal.Signals) -> None:
    process, ports, lines = start(["make", "--no-print-directory", "run"])
    try:
        assert "first run" in lines[0] and "minutes" in lines[0], lines[:3]  # says what it does, and how long
        assert "Youth Dream" in answer(ports["RASA_PORT"])
        assert listening(ports) == ["RASA_PORT", "ACTION_PORT", "WEB_PORT"]
        os.killpg(process.pid, sig)
        took = wait_until_all_stopped(ports, STOP_WITHIN_S)
        assert listening(ports) == [], f"still listening {took:.1f} s after {sig.name}"
        assert process.wait(STOP_WITHIN_S) is not None
        assert server_pids(ports) == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_servers_exit_when_the_supervisor_is_killed() -> None:
    process, ports, _ = start([sys.executable, "-m", "runtime.run"])
    try:
        assert listening(ports) == ["RASA_PORT", "ACTION_PORT", "WEB_PORT"]
        process.kill()  # SIGKILL: no chance to stop its children
        process.wait()
        took = wait_until_all_stopped(ports, STOP_WITHIN_S)
        assert listening(ports) == [], f"orphans still listening {took:.1f} s after the supervisor died"
        assert server_pids(ports) == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
