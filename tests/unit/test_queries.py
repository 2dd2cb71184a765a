import pytest

from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.queries import Catalogue


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("top tier", "top-tier"),
        ("TopTier", "top-tier"),
        ("top teir", "top-tier"),
        ("Top-Tier visa", "top-tier"),
        ("youth dreem", "youth-dream"),
        ("youth's dream in korea", "youth-dream"),
        ("D-10", "job-seeking-d10"),
        ("d10", "job-seeking-d10"),
        ("job seeker visa", "job-seeking-d10"),
        ("F-2-R", "f2r-regional"),
        ("regional specialized visa", "f2r-regional"),
        ("regional specialised visa", "f2r-regional"),
    ],
)
def test_programme_by_alias_tolerates_typos(catalogue, typed, expected):
    assert catalogue.find_programme(typed) == expected


def test_unrelated_words_match_no_programme(catalogue):
    assert catalogue.find_programme("pizza delivery") is None
    assert catalogue.programmes_in_text("what is the weather in Busan tomorrow") == []


def test_programmes_in_a_sentence_in_order(catalogue):
    assert catalogue.programmes_in_text("compare the youth dream visa with top tier") == ["youth-dream", "top-tier"]


@pytest.mark.parametrize(
    "typed, name, role",
    [
        ("Colombia", "Colombia", "combat"),
        ("Filipino", "Philippines", "combat"),
        ("ethiopian", "Ethiopia", "combat"),
        ("Türkiye", "Turkey", "combat"),
        ("Denmark", "Denmark", "medical"),
        ("German", "Germany", "medical"),
        ("Vietnam", "Vietnam", None),
    ],
)
def test_country_by_name_or_demonym(catalogue, typed, name, role):
    country = catalogue.find_country(typed)
    assert country is not None and country.name == name and country.war_role == role
    if role:
        assert country.sources


def test_exactly_22_war_participants(catalogue):
    assert len(catalogue.war_participants()) == 22


@pytest.mark.parametrize("aspect", ["overview", "eligibility", "fields", "benefits", "family", "timeline", "numbers"])
def test_top_tier_has_sourced_facts_for_each_main_aspect(catalogue, aspect):
    facts = catalogue.facts("top-tier", (aspect,))
    assert facts, aspect
    for fact in facts:
        assert all(v.sources and v.status in ("announced", "pilot", "in force") for v in fact.versions)


def test_differing_sources_are_kept_as_versions(catalogue):
    facts = catalogue.facts("f2r-regional", ("eligibility",))
    differing = [f for f in facts if f.sources_differ]
    assert differing
    publishers = {v.sources[0].publisher for v in differing[0].versions}
    assert len(differing[0].versions) >= 2 and publishers


def test_youth_dream_gaps_include_the_country_list(catalogue):
    topics = " ".join(g.topic for g in catalogue.gaps("youth-dream")).lower()
    assert "countr" in topics and "age" in topics


def test_field_coverage_names_robotics_for_top_tier(catalogue):
    robotics = catalogue.find_field("robotics")
    coverage = catalogue.coverage(robotics.id)
    assert [c.programme.id for c in coverage] == ["top-tier", "regional-pilot"]
    assert coverage[0].statement.sources


def test_field_aliases(catalogue):
    assert catalogue.find_field("machine learning").id == "ai"
    assert catalogue.find_field("biotech").id == "bio"


def test_compare_two_programmes(catalogue):
    comparison = catalogue.compare("top-tier", "youth-dream", ("eligibility", "timeline"))
    assert comparison.left.id == "top-tier" and comparison.right.id == "youth-dream"
    assert [row[0] for row in comparison.rows] == ["eligibility", "timeline"]
    assert comparison.rows[0][1]


def test_contacts_come_first_with_the_hotline(catalogue):
    contacts = catalogue.contacts()
    assert contacts[0].phone and contacts[0].statement.sources
    assert any(c.url and "hikorea" in c.url for c in contacts)


def test_context_facts(catalogue):
    topics = {f.topic for f in catalogue.context_facts()}
    assert {"foreign-population", "talent-goal", "japan-comparison"} <= topics


def test_reloading_the_yaml_reaches_a_running_catalogue(tmp_path, catalogue_copy):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    load_catalogue(catalogue_copy, engine)
    live = Catalogue(engine)
    assert live.find_programme("kimchi pass") is None
    path = catalogue_copy / "programmes" / "top-tier.yml"
    path.write_text(path.read_text().replace("  - top tier\n", "  - top tier\n  - kimchi pass\n", 1))
    load_catalogue(catalogue_copy, engine)
    assert live.find_programme("kimchi pass") == "top-tier"


def test_injection_strings_are_just_text(catalogue):
    for text in ["'; DROP TABLE programmes; --", '" OR 1=1 --', "Robert'); DELETE FROM facts;--"]:
        assert catalogue.find_programme(text) is None
        assert catalogue.find_country(text) is None
        assert catalogue.find_field(text) is None
    assert len(catalogue.programmes()) >= 7
