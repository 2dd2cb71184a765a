"""Nothing under review/ is ever trained on: training reads data/ (plus config and domain) only."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rasa.shared.constants import DEFAULT_DATA_PATH

from insights.review import inbox_yaml
from insights.unanswered import NOT_UNDERSTOOD, Missed
from scripts import train_if_changed

ROOT = Path(__file__).resolve().parents[2]
SENTINEL = "zebra quokka sentinel visa question"


def _inbox() -> str:
    return inbox_yaml([Missed(SENTINEL, NOT_UNDERSTOOD, "ask_fees", 0.2, "conv-1")])


def _training_copy(tmp_path: Path) -> Path:
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "inbox.yml").write_text(_inbox())
    return tmp_path


def test_the_training_command_uses_rasas_default_data_folder_which_is_not_review() -> None:
    tree = ast.parse((ROOT / "scripts" / "train_if_changed.py").read_text())
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert "train" in strings
    assert not {"--data", "--nlu", "-d"} & strings, "training names its data: check it is not review/"
    assert DEFAULT_DATA_PATH == "data"
    assert not any(name.startswith("review") for name in train_if_changed.INPUTS)


def test_no_build_file_points_training_at_review() -> None:
    for path in [ROOT / "Makefile", ROOT / "config.yml", *sorted((ROOT / "mk").glob("*.mk"))]:
        for line in path.read_text().splitlines():
            if "rasa" in line and " train" in line:
                assert "review" not in line, f"{path.name}: {line}"


def test_rasa_reads_no_inbox_example_from_the_project_layout(tmp_path: Path) -> None:
    from rasa.shared.importers.importer import TrainingDataImporter

    root = _training_copy(tmp_path)

    def examples() -> set[str]:
        importer = TrainingDataImporter.load_from_config(
            str(root / "config.yml"), str(root / "domain.yml"), [str(root / DEFAULT_DATA_PATH)])
        return {m.get("text") for m in importer.get_nlu_data().intent_examples}

    assert SENTINEL not in examples()
    (root / "data" / "nlu" / "moved.yml").write_text(_inbox())  # what a maintainer does after checking it
    assert SENTINEL in examples()


def test_the_fingerprint_ignores_review_but_not_data(tmp_path: Path) -> None:
    root = _training_copy(tmp_path)
    before = train_if_changed.fingerprint(root)
    (root / "review" / "more.yml").write_text(_inbox())
    assert train_if_changed.fingerprint(root) == before
    (root / "data" / "nlu" / "moved.yml").write_text(_inbox())
    assert train_if_changed.fingerprint(root) != before


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_git_keeps_only_the_readme_of_review() -> None:
    def ignored(path: str) -> bool:
        result = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT,
                                env={**os.environ, "GIT_DIR": str(ROOT / ".git")})
        return result.returncode == 0

    assert ignored("review/inbox.yml")
    assert not ignored("review/README.md")
