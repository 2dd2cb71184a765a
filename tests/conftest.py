"""Fixtures shared by all tests: the real catalogue loaded into a fresh SQLite database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.stacks import CATALOGUE_DIR
from visa_guide.catalogue import Catalogue, load_catalogue
from visa_guide.catalogue.db import make_engine


@pytest.fixture(scope="session")
def catalogue_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('catalogue') / 'catalogue.db'}"
    load_catalogue(CATALOGUE_DIR, make_engine(url))
    return url


@pytest.fixture(scope="session")
def catalogue(catalogue_db_url: str) -> Catalogue:
    return Catalogue.from_url(catalogue_db_url)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A writable copy of the catalogue YAML, for tests that change or break it."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, catalogue_db_url: str):
    """The real action server and Rasa server on free ports, with their own tracker and catalogue databases."""
    from tests.stacks import start_test_stack

    running = start_test_stack(tmp_path_factory.mktemp("stack"), database_url=catalogue_db_url)
    yield running
    running.stop()
