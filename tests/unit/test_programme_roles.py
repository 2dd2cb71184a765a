"""Programmes are found by what the catalogue says of them, not by their ids: renaming a programme's file (and
id) keeps the country check and the comparison suggestions working, and the loader refuses a broken reference."""

from pathlib import Path

import pytest
import yaml

from actions import common
from actions.people_actions import ActionCheckCountry
from actions.programme_actions import ActionCompareProgrammes
from tests.unit.conftest import make_tracker, slot_events, texts
from visa_guide.catalogue import Catalogue, CatalogueError, load_catalogue
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.loader import read_catalogue


def _rename(directory: Path, old: str, new: str) -> None:
    """Gives programme `old` the id and file name `new` (its translations too), and updates the references to it."""
    for path in (directory / "programmes").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("compare_with") == old:
            data["compare_with"] = new
        if data["id"] == old:
            data["id"] = new
            path.unlink()
            path = path.with_name(f"{new}.yml")
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for path in directory.glob(f"translations/*/programmes/{old}.yml"):  # its text in the other languages
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.unlink()
        path.with_name(f"{new}.yml").write_text(
            yaml.safe_dump({**data, "id": new}, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def renamed_catalogue(tmp_path: Path, catalogue_copy: Path):
    _rename(catalogue_copy, "youth-dream", "youth-dream-in-korea")
    _rename(catalogue_copy, "top-tier", "top-tier-visa")
    engine = make_engine(f"sqlite:///{tmp_path / 'renamed.db'}")
    load_catalogue(catalogue_copy, engine)
    common.use_catalogue(Catalogue(engine))
    yield
    common.use_catalogue(None)


def test_the_catalogue_says_which_programmes_are_compared_and_which_checks_countries(catalogue):
    pairs = [(a.id, b.id) for a, b in catalogue.comparison_pairs()]
    assert ("top-tier", "youth-dream") in pairs and len(pairs) >= 3
    assert catalogue.country_check_programme().criteria["countries"] == "korean_war_participants"


async def test_country_check_follows_a_renamed_programme(renamed_catalogue, dispatcher):
    tracker = make_tracker("I'm from Colombia, can I apply?", "check_country", {"country": "Colombia"})
    events = await ActionCheckCountry().run(dispatcher, tracker, {})
    assert "**Colombia** is one of the 22" in texts(dispatcher)
    assert slot_events(events) == {"country": "Colombia", "programme": "youth-dream-in-korea", "topic": "country check"}
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert any("youth-dream-in-korea" in p for p in payloads), payloads


async def test_comparison_suggestions_follow_renamed_programmes(renamed_catalogue, dispatcher):
    await ActionCompareProgrammes().run(dispatcher, make_tracker("compare", "compare_programmes"), {})
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert any("top-tier-visa and youth-dream-in-korea" in p for p in payloads), payloads


def test_loader_refuses_a_comparison_with_an_unknown_programme(catalogue_copy: Path):
    _edit(catalogue_copy / "programmes" / "top-tier.yml", lambda d: d.update(compare_with="no-such-visa"))
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    assert "programmes/top-tier.yml: 'compare_with' names 'no-such-visa'" in str(error.value)


def test_loader_refuses_war_participants_that_no_programme_uses(catalogue_copy: Path):
    _edit(catalogue_copy / "programmes" / "youth-dream.yml", lambda d: d["criteria"].update(countries=None))
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    assert "no programme's criteria use them" in str(error.value)
