"""Catalogue freshness: facts older than a year and undated sources, in `make catalogue-check` and the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from visa_guide.catalogue.cli import main as catalogue_cli
from visa_guide.catalogue.freshness import catalogue_freshness, freshness_lines

OLD_FACT = "overview / what it is (as of 2001-01-01)"


def _age_one_fact_and_undate_one_source(directory: Path) -> None:
    programme = directory / "programmes" / "top-tier.yml"
    text = programme.read_text()
    programme.write_text(text.replace("as_of: 2024-09-26", "as_of: 2001-01-01", 1))
    sources = directory / "sources.yml"
    dated = "article/2024092610013783402\n    date: 2024-09-26"
    assert dated in sources.read_text()
    sources.write_text(sources.read_text().replace(dated, dated.replace("2024-09-26", "null"), 1))


def test_a_fact_older_than_a_year_and_an_undated_source_are_listed(catalogue_copy: Path) -> None:
    before = catalogue_freshness(catalogue_copy, today=dt.date(2024, 10, 1))
    _age_one_fact_and_undate_one_source(catalogue_copy)
    after = catalogue_freshness(catalogue_copy, today=dt.date(2024, 10, 1))
    top_tier = {p.id: p for p in after.programmes}["top-tier"]
    assert top_tier.stale == [OLD_FACT]
    assert {p.id: p for p in before.programmes}["top-tier"].stale == []
    assert not any(s.startswith("asiae-2024-09-26") for s in before.undated_sources)
    assert any(s.startswith("asiae-2024-09-26") for s in after.undated_sources)


def test_facts_grow_stale_after_twelve_months() -> None:
    from tests.stacks import CATALOGUE_DIR

    fresh = catalogue_freshness(CATALOGUE_DIR, today=dt.date(2000, 1, 1))
    assert all(not p.stale for p in fresh.programmes)
    late = catalogue_freshness(CATALOGUE_DIR, today=dt.date(2100, 1, 1))
    assert all(len(p.stale) == p.facts - p.undated for p in late.programmes)
    assert freshness_lines(fresh)[1] == "  none"


def test_catalogue_check_prints_them(catalogue_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _age_one_fact_and_undate_one_source(catalogue_copy)
    monkeypatch.setenv("CATALOGUE_DIR", str(catalogue_copy))
    assert catalogue_cli(["check"]) == 0
    out = capsys.readouterr().out
    assert "catalogue OK" in out
    assert f"  top-tier: {OLD_FACT}" in out
    assert "  asiae-2024-09-26 (Asia Economy)" in out
