"""Catalogue reads are kept until the catalogue is reloaded, and a reload is seen at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy

from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.queries import Catalogue

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


def statements(engine) -> list[str]:
    seen: list[str] = []
    sqlalchemy.event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_: seen.append(sql))
    return seen


def test_a_repeated_read_asks_the_database_only_for_the_version(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    load_catalogue(CATALOGUE_DIR, engine)
    catalogue = Catalogue(engine)
    first = catalogue.facts("top-tier", ("eligibility",))
    seen = statements(engine)
    again = catalogue.facts("top-tier", ("eligibility",))
    assert again == first and again is not first  # same views, a list of its own
    assert len(seen) == 1 and "fingerprint" in seen[0]


def test_a_reload_with_changed_yaml_is_seen_by_the_next_read(tmp_path: Path) -> None:
    yaml_dir = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, yaml_dir)
    engine = make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    load_catalogue(yaml_dir, engine)
    catalogue = Catalogue(engine)
    before = catalogue.programme("e-7-4r")
    programme_file = yaml_dir / "programmes" / "e-7-4r.yml"
    programme_file.write_text(programme_file.read_text().replace("name: E-7-4R visa", "name: E-7-4R regional visa"))
    assert load_catalogue(yaml_dir, engine)
    assert before.name == "E-7-4R visa"
    assert catalogue.programme("e-7-4r").name == "E-7-4R regional visa"
