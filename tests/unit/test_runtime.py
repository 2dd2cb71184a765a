from pathlib import Path

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.credentials import active_channels, write_active_credentials
from runtime.tracker_store import forget_requested
from scripts.train_if_changed import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def test_a_channel_is_enabled_only_when_all_its_variables_are_set():
    declared = {"rest": None, "telegram": {"access_token": "${TG_TOKEN}", "verify": "${TG_NAME}"}}
    active, skipped = active_channels(declared, {"TG_TOKEN": "x"})
    assert list(active) == ["rest"] and skipped == ["telegram"]
    active, skipped = active_channels(declared, {"TG_TOKEN": "x", "TG_NAME": "bot"})
    assert list(active) == ["rest", "telegram"] and not skipped


def test_the_project_credentials_keep_rest_and_socketio_without_secrets(tmp_path):
    enabled = write_active_credentials(ROOT / "credentials.yml", tmp_path / "c.yml", environ={})
    assert any("rest" in name.lower() for name in enabled)
    assert any("socketio" in name.lower() for name in enabled)
    assert not any(name in enabled for name in ("telegram", "facebook", "slack"))


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
