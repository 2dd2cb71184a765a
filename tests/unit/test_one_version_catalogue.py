"""The action server's catalogue reads its version once per action call, and still sees a reload at the next."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy.exc import SQLAlchemyError

from actions import common
from actions.common import OneVersionCatalogue, off_the_loop
from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


def version_queries(engine) -> list[str]:
    seen: list[str] = []
    sqlalchemy.event.listen(
        engine, "before_cursor_execute", lambda _c, _cur, sql, *_: seen.append(sql) if "fingerprint" in sql else None
    )
    return seen


@pytest.fixture
def yaml_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


@pytest.fixture
def one_version(tmp_path: Path, yaml_dir: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    load_catalogue(yaml_dir, engine)
    catalogue = OneVersionCatalogue(engine)
    common.use_catalogue(catalogue)
    yield catalogue
    common.use_catalogue(None)


def reads(catalogue: OneVersionCatalogue) -> list:
    return [catalogue.programme("top-tier"), catalogue.facts("top-tier", ("eligibility",)), catalogue.programmes(),
            catalogue.find_country("Vietnam")]


def test_an_action_call_asks_for_the_version_once(one_version: OneVersionCatalogue) -> None:
    seen = version_queries(one_version.engine)
    outside = reads(one_version)
    assert len(seen) >= 4  # outside a call, every read asks, as the plain Catalogue does
    seen.clear()
    inside = asyncio.run(off_the_loop(reads, one_version))
    assert inside == outside
    assert len(seen) == 1


def test_a_reload_between_two_action_calls_is_seen_by_the_second(
    one_version: OneVersionCatalogue, yaml_dir: Path
) -> None:
    def name() -> str:
        return one_version.programme("e-7-4r").name

    assert asyncio.run(off_the_loop(name)) == "E-7-4R visa"
    programme_file = yaml_dir / "programmes" / "e-7-4r.yml"
    programme_file.write_text(programme_file.read_text().replace("name: E-7-4R visa", "name: E-7-4R regional visa"))
    assert load_catalogue(yaml_dir, one_version.engine)
    assert asyncio.run(off_the_loop(name)) == "E-7-4R regional visa"


def test_a_nested_call_keeps_the_outer_version_and_the_pin_ends_with_the_outer(
    one_version: OneVersionCatalogue,
) -> None:
    seen = version_queries(one_version.engine)
    with one_version.one_version():
        with one_version.one_version():
            reads(one_version)
        reads(one_version)
    assert len(seen) == 1
    one_version.version()
    assert len(seen) == 2


def test_an_unavailable_database_fails_at_the_read_not_when_the_call_starts(tmp_path: Path) -> None:
    catalogue = OneVersionCatalogue(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))  # no tables
    with catalogue.one_version():
        with pytest.raises(SQLAlchemyError):
            catalogue.version()
        with pytest.raises(SQLAlchemyError):  # a failed read is not kept
            catalogue.programme("top-tier")


def test_the_action_server_opens_its_catalogue_as_one_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    common.use_catalogue(None)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert isinstance(common.catalogue(), OneVersionCatalogue)
