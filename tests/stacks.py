"""Starting the real stack for tests: free ports, its own work folder, tracker and catalogue databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.stack import Stack, StackConfig, current_model, reserved_ports
from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"


def start_test_stack(work_dir: Path, database_url: str | None = None, **config) -> Stack:
    """A started stack; without `database_url`, a fresh catalogue database is loaded into `work_dir`."""
    if not current_model().exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    if database_url is None:
        database_url = f"sqlite:///{work_dir / 'catalogue.db'}"
        load_catalogue(CATALOGUE_DIR, make_engine(database_url))
    with reserved_ports(2) as (rasa_port, action_port):  # held until both servers listen
        stack = Stack(StackConfig(
            rasa_port=rasa_port,
            action_port=action_port,
            work_dir=work_dir,
            database_url=database_url,
            tracker_url=f"sqlite:///{work_dir / 'tracker.db'}",
            **config,
        ))
        return stack.start()
