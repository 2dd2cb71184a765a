import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.io import read_config_file
from rasa.utils.endpoints import read_endpoint_config

from runtime.credentials import active_channels, write_active_credentials, write_endpoints
from runtime.stack import Stack, StackConfig
from runtime.tracker_store import forget_requested
from scripts.train_if_changed import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def test_a_channel_is_enabled_only_when_all_its_variables_are_set():
    declared = {"rest": None, "telegram": {"access_token": "${TG_TOKEN}", "verify": "${TG_NAME}"}}
    active, skipped = active_channels(declared, {"TG_TOKEN": "x"})
    assert list(active) == ["rest"] and skipped == ["telegram"]
    active, skipped = active_channels(declared, {"TG_TOKEN": "x", "TG_NAME": "bot"})
    assert list(active) == ["rest", "telegram"] and not skipped


REST = "runtime.channels.rest.GuardedRestInput"
SOCKETIO = "runtime.channels.socketio.GuardedSocketIOInput"
TELEGRAM = "runtime.channels.telegram.GuardedTelegramInput"
TELEGRAM_VARIABLES = {"TELEGRAM_TOKEN": "123:secret-token", "TELEGRAM_BOT_NAME": "visa_bot",
                      "TELEGRAM_WEBHOOK_URL": "https://x.example/w"}


def test_without_variables_only_rest_and_socketio_are_on(tmp_path):
    enabled = write_active_credentials(ROOT / "credentials.yml", tmp_path / "c.yml", environ={})
    assert enabled == [REST, SOCKETIO]
    assert list(yaml.safe_load((tmp_path / "c.yml").read_text())) == [REST, SOCKETIO]


def test_a_messaging_app_is_added_when_its_variables_are_set(tmp_path):
    enabled = write_active_credentials(ROOT / "credentials.yml", tmp_path / "c.yml", environ=TELEGRAM_VARIABLES)
    assert enabled == [REST, SOCKETIO, TELEGRAM]
    written = (tmp_path / "c.yml").read_text()
    assert "${TELEGRAM_TOKEN}" in written and "secret-token" not in written  # references, not values


def test_rasa_reads_the_committed_files_with_no_variables_set(monkeypatch):
    """`rasa run` in the project root: the default files must need no environment variable."""
    for name in ("ACTION_SERVER_URL", "TRACKER_DB_URL", *TELEGRAM_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    credentials = read_config_file(str(ROOT / "credentials.yml"))
    assert list(credentials) == [REST, SOCKETIO]
    action = read_endpoint_config(str(ROOT / "endpoints.yml"), "action_endpoint")
    tracker = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    assert action.url == "http://localhost:5055/webhook"
    assert (tracker.type, tracker.url) == ("runtime.tracker_store.ForgettingSQLTrackerStore", "sqlite:///var/tracker.db")


def test_the_environment_overrides_the_endpoints(tmp_path, monkeypatch):
    environ = {"ACTION_SERVER_URL": "http://127.0.0.1:6001/webhook", "TRACKER_DB_URL": "sqlite:////tmp/t.db"}
    write_endpoints(ROOT / "endpoints.yml", tmp_path / "e.yml", environ)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert read_endpoint_config(str(tmp_path / "e.yml"), "action_endpoint").url == environ["ACTION_SERVER_URL"]
    tracker = read_endpoint_config(str(tmp_path / "e.yml"), "tracker_store")
    assert (tracker.type, tracker.url) == ("runtime.tracker_store.ForgettingSQLTrackerStore", environ["TRACKER_DB_URL"])
    assert "/tmp/t.db" not in (tmp_path / "e.yml").read_text()  # written as ${TRACKER_DB_URL}: no secret on disk
    write_endpoints(ROOT / "endpoints.yml", tmp_path / "d.yml", {})
    assert yaml.safe_load((tmp_path / "d.yml").read_text()) == yaml.safe_load((ROOT / "endpoints.yml").read_text())


def test_forget_is_detected_only_in_the_latest_turn():
    tracker = DialogueStateTracker.from_events(
        "u", [UserUttered("forget me"), ActionExecuted("action_forget_me"), ActionExecuted("action_listen")]
    )
    assert forget_requested(tracker)
    tracker.update(UserUttered("hello again"))
    assert not forget_requested(tracker)


def test_model_fingerprint_changes_with_training_data_only(tmp_path):
    for name in ("config.yml", "domain.yml"):
        (tmp_path / name).write_text(name)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nlu.yml").write_text("a")
    first = fingerprint(tmp_path)
    (tmp_path / "catalogue.yml").write_text("facts change without retraining")
    assert fingerprint(tmp_path) == first
    (tmp_path / "data" / "nlu.yml").write_text("b")
    assert fingerprint(tmp_path) != first


def test_make_run_generates_a_token_when_none_is_set(monkeypatch):
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    first, second = Stack(StackConfig()).auth_token, Stack(StackConfig()).auth_token
    assert first != second and len(first) >= 24 and re.fullmatch(r"[A-Za-z0-9_\-]+", first)
    monkeypatch.setenv("RASA_AUTH_TOKEN", "from-the-environment")
    assert Stack(StackConfig()).auth_token == "from-the-environment"
    assert Stack(StackConfig()).environment()["RASA_AUTH_TOKEN"] == "from-the-environment"



@pytest.mark.parametrize("token", ["-starts-with-a-dash", "plain_token"])
def test_rasa_gets_the_token_as_one_argument_whatever_its_first_character(token, tmp_path):
    from rasa.__main__ import create_argument_parser

    stack = Stack(StackConfig(auth_token=token, work_dir=tmp_path))
    parsed = create_argument_parser().parse_args(stack.rasa_arguments({}, tmp_path / "endpoints.yml"))
    assert parsed.auth_token == token
    assert parsed.enable_api and parsed.endpoints == str(tmp_path / "endpoints.yml")


def test_generated_tokens_never_start_with_a_dash(monkeypatch):
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    assert not any(Stack(StackConfig()).auth_token.startswith("-") for _ in range(300))

SECRET_KEY = re.compile(r"(token|secret|password|key|sid|verify)", re.IGNORECASE)


def secret_values(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from secret_values(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from secret_values(value, f"{path}[{index}]")
    elif node is not None and SECRET_KEY.search(path.rsplit(".", 1)[-1]):
        yield path, node


@pytest.mark.parametrize("name", ["credentials.yml", "credentials.messaging.yml", "endpoints.yml"])
def test_secrets_come_from_the_environment(name):
    config = yaml.safe_load((ROOT / name).read_text(encoding="utf-8")) or {}
    checked = [(path, value) for path, value in secret_values(config)
               if not isinstance(value, bool) and not path.endswith(("_evt", "metadata_key"))]
    assert checked or name != "credentials.messaging.yml", "the messaging apps' secrets were not found"
    for path, value in checked:
        assert re.fullmatch(r"\$\{[A-Z0-9_]+\}", str(value)), f"{name}{path} must be a ${{VARIABLE}}, not a value"


def test_cli_without_a_database_does_nothing(tmp_path):
    environment = dict(os.environ, PYTHONPATH=str(ROOT), TRACKER_DB_URL=f"sqlite:///{tmp_path / 'none.db'}")
    result = subprocess.run([sys.executable, "-m", "runtime.privacy", "purge"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "nothing stored" in result.stdout
    assert not (tmp_path / "none.db").exists()
