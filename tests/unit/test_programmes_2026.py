"""Issue 16: the programmes and corrections of mid-2026 (K-STAR, the vocational pilot, K-CORE, sections I and J),
criteria that name their source fact, and the freshness note said to the user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.stacks import CATALOGUE_DIR
from visa_guide.answers.facts import comparison_answer, programme_aspect_answer
from visa_guide.answers.people import recommendation_answer
from visa_guide.catalogue.freshness import catalogue_freshness, freshness_lines, freshness_note, is_stale, newest_date
from visa_guide.catalogue.loader import CRITERIA, CatalogueError, read_catalogue
from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.catalogue.views import FactView, SourceView, Statement

NEW = ("k-star", "vocational-pilot", "k-core")


def _answer(catalogue, programme_id: str, aspect: str) -> str:
    """The whole aspect, as a button's answer shows it (visa_guide.answers.facts.aspect_answer)."""
    return programme_aspect_answer(catalogue, programme_id, aspect, catalogue.contacts())


# -- the new programmes: asked about, listed, compared ----------------------------------------------------


def test_the_new_programmes_are_listed_with_their_status(catalogue):
    status = {p.id: p.status for p in catalogue.programmes()}
    assert status["k-star"] == "in force" and status["vocational-pilot"] == "pilot" and status["k-core"] == "announced"


@pytest.mark.parametrize(
    ("typed", "programme_id"),
    [("K-STAR", "k-star"), ("K-Star", "k-star"), ("F-2-7S", "k-star"), ("K-CORE", "k-core"), ("E-7-M", "k-core"),
     ("vocational college", "vocational-pilot"), ("junior college", "vocational-pilot")],
)
def test_the_new_names_find_their_programme(catalogue, typed, programme_id):
    assert catalogue.find_programme(typed) == programme_id


def test_k_star_overview_is_sourced_and_in_force(catalogue):
    text = _answer(catalogue, "k-star", "overview")
    assert "(status: in force)" in text and "no job" in text
    assert "32 universities" in text and "korea.net" in text and "F-2-7S" in text


def test_k_star_does_not_store_the_university_list_and_says_where_to_ask(catalogue):
    text = _answer(catalogue, "k-star", "eligibility")
    assert "president" in text and "international office" in text and "HiKorea" in text
    assert "My sources don't cover the names of the 32 designated universities" in text
    assert "published yet" not in text  # the reference does not say the list is unpublished


def test_k_star_benefits_name_f5_after_three_years(catalogue):
    text = _answer(catalogue, "k-star", "benefits")
    assert "F-5" in text and "3 years instead of the usual 6" in text


def test_vocational_pilot_gives_the_eased_d2_rules_and_the_end_date(catalogue):
    text = _answer(catalogue, "vocational-pilot", "eligibility")
    assert "TOPIK level 3" in text and "KRW 20 million" in text and "KRW 16 million" in text
    assert "35 hours" in text and "instead of 30" in text
    assert "the names of the 16 designated programmes" in text and "international office" in text
    assert "end of 2027" in _answer(catalogue, "vocational-pilot", "timeline")


def test_k_core_is_announced_with_its_rules(catalogue):
    text = _answer(catalogue, "k-core", "eligibility")
    assert "(status: announced)" in text and "KRW 26 million" in text and "TOPIK level 5" in text
    benefits = _answer(catalogue, "k-core", "benefits")
    assert "5 years" in benefits and "depopulated" in benefits


@pytest.mark.parametrize(("left", "right"), [("k-star", "top-tier"), ("vocational-pilot", "k-core")])
def test_the_new_programmes_can_be_compared(catalogue, left, right):
    assert catalogue.programme(left).compare_with == right
    text = comparison_answer(catalogue.compare(left, right, ("eligibility",)), catalogue.contacts())
    assert catalogue.programme(left).name in text and catalogue.programme(right).name in text


# -- recommendations -----------------------------------------------------------------------------------------


def test_a_stem_masters_student_sees_k_star_with_the_recommendation_to_check(catalogue):
    ranked = recommend(catalogue.programmes(), Profile(current_status="student", education="master"))
    ids = [r.programme.id for r in ranked]
    assert ids[0] == "k-star"
    k_star = ranked[0]
    assert not k_star.mismatches
    assert "president's recommendation" in {f.topic for f in k_star.to_check}
    answer = recommendation_answer(ranked, catalogue.contacts())
    assert "not a decision" in answer


def test_a_bachelor_student_is_told_k_star_asks_for_more(catalogue):
    k_star = next(r for r in recommend(catalogue.programmes(), Profile(current_status="student", education="bachelor"))
                  if r.programme.id == "k-star")
    assert any("master" in line for line in k_star.mismatches)


@pytest.mark.parametrize("programme_id", ["vocational-pilot", "k-core"])
def test_vocational_students_see_the_pilot_and_k_core(catalogue, programme_id):
    rec = next(r for r in recommend(catalogue.programmes(), Profile(current_status="student"))
               if r.programme.id == programme_id)
    assert rec.reasons and not rec.mismatches
    assert "designated programmes" in {f.topic for f in rec.to_check}


@pytest.mark.parametrize("status", ["student", "graduate", "worker"])
def test_no_status_ranks_anyone_down_for_top_tier_or_f2r(catalogue, status):
    for rec in recommend(catalogue.programmes(), Profile(current_status=status)):
        if rec.programme.id in ("top-tier", "f2r-regional"):
            assert not rec.mismatches and not rec.reasons


# -- criteria name their source fact --------------------------------------------------------------------------


def test_every_criterion_names_an_existing_fact_of_its_programme():
    for programme in read_catalogue(CATALOGUE_DIR).programmes:
        topics = {fact.topic for fact in programme.facts}
        for key in CRITERIA:
            if programme.criteria[key] is not None:
                assert programme.criteria["basis"].get(key) in topics, (programme.id, key)


def _break(directory: Path, old: str, new: str, name: str = "k-star.yml") -> None:
    path = directory / "programmes" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  education: who can apply\n", "", "criterion 'education' names no source fact"),
        ("  education: who can apply\n", "  education: no such fact\n", "'no such fact' is not a fact topic"),
        ("  statuses: who can apply\n", "  statuses: who can apply\n  age_max: who can apply\n", "not set in criteria"),
    ],
)
def test_the_loader_checks_the_criteria_basis(catalogue_copy: Path, old, new, message):
    _break(catalogue_copy, old, new)
    with pytest.raises(CatalogueError) as error:
        read_catalogue(catalogue_copy)
    assert any("k-star.yml criteria_basis" in p and message in p for p in error.value.problems), error.value.problems


# -- corrections of sections I and J -------------------------------------------------------------------------


def test_top_tier_income_is_one_rule_with_the_exact_figure(catalogue):
    income = next(f for f in catalogue.facts("top-tier", ("eligibility",)) if f.topic == "income threshold")
    assert len(income.versions) == 1 and "KRW 149,865,000" in income.versions[0].text


def test_top_tier_sectors_are_three_dated_lists(catalogue):
    sectors = next(f for f in catalogue.facts("top-tier", ("fields",)) if f.topic == "target sectors")
    assert sectors.is_change and [v.valid_from for v in sectors.versions] == ["2024-09", "2025-04", "2026-03"]
    assert "artificial intelligence and robotics" in sectors.versions[-1].text
    ai = catalogue.coverage("ai", "top-tier")[0].statement
    assert "March 2026" in ai.text and ai.status == "in force"


def test_the_widening_to_academics_is_reported_and_needs_confirming(catalogue):
    text = _answer(catalogue, "top-tier", "eligibility")
    assert "professors and researchers" in text and "needs confirming" in text and "low reliability" in text
    widening = next(
        f for f in catalogue.facts("top-tier", ("eligibility",)) if f.topic == "extension to academics"
    )
    assert widening.is_change and all(v.status == "announced" for v in widening.versions)
    assert [s.publisher for s in widening.versions[-1].sources] == ["news.awbtravelsandtours.com"]


def test_top_tier_family_get_f2_and_the_2024_spouse_rule_is_history(catalogue):
    text = _answer(catalogue, "top-tier", "family")
    assert "Spouse work: the rule changed over time" in text and "no longer applies" in text
    assert "Sources differ" not in text


def test_d2_part_time_hours_are_a_dated_change_with_conditions(catalogue):
    text = _answer(catalogue, "nonspecialized-jobs-students", "eligibility")
    assert "Sources differ on D-2" not in text and "D-2 part-time work limits: the rule changed over time" in text
    assert "from 3 Jul 2023" in text and "Kwangwoon" in text and "10 hours" in text
    assert "work permit" in _answer(catalogue, "nonspecialized-jobs-students", "application")


def test_e74r_says_who_can_switch_and_the_change_to_f2r(catalogue):
    assert "E-9 and E-10" in _answer(catalogue, "e-7-4r", "eligibility")
    assert "F-2-R" in _answer(catalogue, "e-7-4r", "benefits")


def test_the_regional_pilot_names_its_high_tech_fields_and_its_origin(catalogue):
    assert "semiconductors, robotics, AI" in _answer(catalogue, "regional-pilot", "fields")
    assert "September 2024" in _answer(catalogue, "regional-pilot", "overview")


# -- freshness said to the user ----------------------------------------------------------------------------


def _source(date: dt.date | None, precision: str = "day") -> SourceView:
    return SourceView("t", "p", None, "r", date, False, precision)


def _fact(*versions: tuple[dt.date | None, dt.date | None, str]) -> FactView:
    statements = tuple(
        Statement("x", "in force", as_of, (_source(date, precision),)) for as_of, date, precision in versions
    )
    return FactView("eligibility", "topic", statements)


TODAY = dt.date(2026, 12, 8)


def test_a_fact_whose_newest_source_is_over_a_year_old_gets_one_short_note():
    old = _fact((dt.date(2025, 4, 2), dt.date(2025, 4, 2), "day"))
    assert is_stale(old, TODAY)
    assert freshness_note([old, old], TODAY) == "As of April 2025; newer rules may exist."


def test_a_fresh_fact_gets_no_note_and_a_mix_gets_a_hedged_one():
    fresh = _fact((dt.date(2026, 2, 5), dt.date(2026, 2, 6), "day"))
    old = _fact((dt.date(2024, 9, 26), dt.date(2024, 9, 26), "day"))
    assert freshness_note([fresh], TODAY) is None
    hedged = "Some of this is as of September 2024 or earlier; newer rules may exist."
    assert freshness_note([fresh, old], TODAY) == hedged


def test_the_newest_version_and_source_decide_and_undated_facts_count_neither_way():
    changed = _fact((dt.date(2024, 1, 1), dt.date(2024, 1, 1), "day"), (None, dt.date(2026, 3, 4), "day"))
    assert newest_date(changed) == (dt.date(2026, 3, 4), "day") and not is_stale(changed, TODAY)
    undated = _fact((None, None, "day"))
    assert newest_date(undated) is None and freshness_note([undated], TODAY) is None


def test_a_source_dated_to_the_month_or_year_counts_to_its_end():
    monthly = _fact((None, dt.date(2025, 12, 1), "month"))
    assert not is_stale(monthly, dt.date(2026, 12, 31)) and is_stale(monthly, dt.date(2027, 1, 1))
    yearly = _fact((None, dt.date(2025, 1, 1), "year"))
    assert freshness_note([yearly], dt.date(2027, 6, 1)) == "As of 2025; newer rules may exist."


def test_the_contact_hours_from_2018_are_flagged(catalogue):
    hours = next(c for c in catalogue.contacts() if c.id == "immigration-contact-center")
    assert freshness_note([hours.statement], TODAY) == "As of March 2018; newer rules may exist."


def test_catalogue_check_covers_contacts():
    freshness = catalogue_freshness(CATALOGUE_DIR, today=TODAY)
    assert freshness.stale_contacts == ["immigration-contact-center (as of 2018-03-27)"]
    lines = freshness_lines(freshness)
    assert any(line.startswith("contacts (contacts.yml)") for line in lines)


@pytest.mark.parametrize(
    "text", ["which korean visa suits me", "i want a korea visa", "start visa", "tell me about korean visas"]
)
def test_everyday_words_are_not_read_as_the_new_names(catalogue, text):
    # "korean visa" was read as the K-CORE alias "kcore visa" by the typo tolerance, "start visa" as "kstar visa"
    assert not set(catalogue.programmes_in_text(text)) & set(NEW)
