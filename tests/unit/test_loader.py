from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visa_guide.catalogue import CatalogueError, load_catalogue
from visa_guide.catalogue import models as m
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.loader import read_catalogue


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


def test_the_real_catalogue_is_valid_and_complete(catalogue_copy):
    records = read_catalogue(catalogue_copy)
    ids = {p.id for p in records.programmes}
    assert {
        "top-tier",
        "youth-dream",
        "post-graduation-internship",
        "job-seeking-d10",
        "nonspecialized-jobs-students",
        "f2r-regional",
        "regional-pilot",
    } <= ids
    participants = [c for c in records.countries if c["war_role"]]
    assert len(participants) == 22
    assert sum(c["war_role"] == "combat" for c in participants) == 16
    assert all(c["sources"] for c in participants)
    assert {c["id"] for c in records.contacts} >= {"immigration-contact-center", "hikorea"}


def test_every_fact_has_a_source_status_and_a_source_date_or_undated_mark(catalogue_copy):
    records = read_catalogue(catalogue_copy)
    sources = {s["id"]: s for s in records.sources}
    for programme in records.programmes:
        for fact in programme.facts:
            for version in fact.versions:
                assert version.sources, (programme.id, fact.topic)
                assert version.status in ("announced", "pilot", "in force")
                assert all(s in sources for s in version.sources)


def test_load_is_idempotent(tmp_path, catalogue_copy):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    assert load_catalogue(catalogue_copy, engine) is True
    facts = _count(engine, m.Fact)
    assert load_catalogue(catalogue_copy, engine) is False
    assert load_catalogue(catalogue_copy, engine, force=True) is True
    assert _count(engine, m.Fact) == facts > 0


def test_a_changed_fact_replaces_the_old_one(tmp_path, catalogue_copy):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    load_catalogue(catalogue_copy, engine)
    _edit(catalogue_copy / "programmes" / "top-tier.yml", lambda d: d.update(summary="Changed summary text."))
    assert load_catalogue(catalogue_copy, engine) is True
    with Session(engine) as session:
        assert session.get(m.Programme, "top-tier").summary == "Changed summary text."


def test_a_fact_without_a_source_is_an_error_naming_file_and_entry(catalogue_copy):
    path = catalogue_copy / "programmes" / "youth-dream.yml"
    _edit(path, lambda d: d["facts"][0].pop("sources", None) or d["facts"][0].get("versions", [{}])[0].pop("sources"))
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    message = str(error.value)
    assert "youth-dream.yml" in message and "facts[0]" in message and "without a source" in message


def test_unknown_source_status_and_field_are_all_reported_together(catalogue_copy):
    path = catalogue_copy / "programmes" / "top-tier.yml"

    def breaks(data):
        fact = data["facts"][0]
        target = fact["versions"][0] if "versions" in fact else fact
        target["sources"] = ["no-such-source"]
        target["status"] = "rumoured"
        data["fields"][0]["field"] = "underwater-basket-weaving"

    _edit(path, breaks)
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    problems = error.value.problems
    assert any("no-such-source" in p for p in problems)
    assert any("rumoured" in p for p in problems)
    assert any("underwater-basket-weaving" in p for p in problems)
    assert all("top-tier.yml" in p for p in problems)


def test_invalid_yaml_is_reported_with_its_file(catalogue_copy):
    (catalogue_copy / "fields.yml").write_text("fields: [unclosed\n")
    with pytest.raises(CatalogueError, match="fields.yml: not valid YAML"):
        read_catalogue(catalogue_copy)


def test_an_alias_used_by_two_programmes_is_an_error(catalogue_copy):
    _edit(catalogue_copy / "programmes" / "youth-dream.yml", lambda d: d["aliases"].append("top tier"))
    with pytest.raises(CatalogueError, match="alias 'top tier' is also used by"):
        read_catalogue(catalogue_copy)


def test_a_war_role_needs_a_source(catalogue_copy):
    def strip(data):
        for country in data["countries"]:
            if country["name"] == "Colombia":
                country["sources"] = []

    _edit(catalogue_copy / "countries.yml", strip)
    with pytest.raises(CatalogueError, match=r"Colombia.*war role without a source"):
        read_catalogue(catalogue_copy)


def test_a_failed_load_leaves_the_database_as_it_was(tmp_path, catalogue_copy):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    load_catalogue(catalogue_copy, engine)
    before = _count(engine, m.FactVersion)
    (catalogue_copy / "sources.yml").write_text("sources: 5\n")
    with pytest.raises(CatalogueError):
        load_catalogue(catalogue_copy, engine)
    assert _count(engine, m.FactVersion) == before


def test_a_database_with_an_older_table_layout_is_rebuilt(tmp_path, catalogue_copy):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE field_aliases (id INTEGER PRIMARY KEY, field_id TEXT, alias TEXT)")
    assert load_catalogue(catalogue_copy, engine) is True
    assert _count(engine, m.FieldAlias) > 0


# -- schema features: dated changes, partial source dates, "to check" rules, not covered vs not published --


def _fact_by_topic(data: dict, topic: str) -> dict:
    return next(f for f in data["facts"] if f["topic"] == topic)


def test_a_dated_change_is_loaded_with_its_bounds_and_kind(catalogue_copy):
    records = read_catalogue(catalogue_copy)
    f2r = next(p for p in records.programmes if p.id == "f2r-regional")
    language = next(f for f in f2r.facts if f.topic == "Korean language")
    assert language.kind == "change"
    assert [(v.valid_from, v.valid_until) for v in language.versions] == [(None, "2024"), ("2025", None)]


def test_a_change_without_dates_is_an_error(catalogue_copy):
    def undate(data):
        _fact_by_topic(data, "Korean language")["versions"][1].pop("valid_from")

    _edit(catalogue_copy / "programmes" / "f2r-regional.yml", undate)
    with pytest.raises(CatalogueError, match=r"Korean language\) versions\[1\]: a dated change needs"):
        read_catalogue(catalogue_copy)


def test_a_bad_validity_bound_or_kind_is_an_error(catalogue_copy):
    def breaks(data):
        _fact_by_topic(data, "Korean language")["versions"][0]["valid_until"] = "sometime"
        _fact_by_topic(data, "job in the area")["kind"] = "change"

    _edit(catalogue_copy / "programmes" / "f2r-regional.yml", breaks)
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    problems = " ".join(error.value.problems)
    assert "'valid_until' is 'sometime'" in problems and "needs at least two versions" in problems


def test_sources_keep_the_precision_of_their_date(catalogue_copy):
    sources = {s["id"]: s for s in read_catalogue(catalogue_copy).sources}
    assert sources["kbsworld-85662"]["date_precision"] == "month"
    assert sources["movetokorea-2026-guide"]["date_precision"] == "year"
    assert sources["koreanet-266947"]["date_precision"] == "day"
    assert sources["bangduty-d10"]["date"] is None


def test_to_check_must_name_facts_of_the_programme(catalogue_copy):
    _edit(
        catalogue_copy / "programmes" / "top-tier.yml",
        lambda d: d["criteria"]["to_check"].append("shoe size"),
    )
    with pytest.raises(CatalogueError, match="'to_check' names 'shoe size'"):
        read_catalogue(catalogue_copy)


def test_to_check_defaults_to_every_eligibility_fact(catalogue_copy):
    _edit(catalogue_copy / "programmes" / "job-seeking-d10.yml", lambda d: d["criteria"].pop("to_check", None))
    d10 = next(p for p in read_catalogue(catalogue_copy).programmes if p.id == "job-seeking-d10")
    assert d10.criteria["to_check"] == [f.topic for f in d10.facts if f.aspect == "eligibility"]
    assert d10.criteria["to_check"]


def test_gaps_need_a_known_aspect(catalogue_copy):
    _edit(
        catalogue_copy / "programmes" / "youth-dream.yml",
        lambda d: d["not_covered"].append({"aspect": "horoscope", "topic": "stars"}),
    )
    with pytest.raises(CatalogueError, match=r"not_covered\[\d+\]: 'aspect' is 'horoscope'"):
        read_catalogue(catalogue_copy)


def test_not_published_is_kept_for_what_the_reference_says_was_not_found(catalogue_copy):
    # visa-facts.md: "not published" only for some Youth Dream details, the F-2-T sub-code and the
    # student measures; every other programme answers "my sources don't cover"
    records = read_catalogue(catalogue_copy)
    with_gaps = {p.id for p in records.programmes if p.not_published}
    assert with_gaps == {"youth-dream", "top-tier", "post-graduation-internship", "nonspecialized-jobs-students"}
    top = next(p for p in records.programmes if p.id == "top-tier")
    assert [topic for _, topic in top.not_published] == ["a visa sub-code such as F-2-T"]
