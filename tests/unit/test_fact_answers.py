"""Answer formatting against the facts of visa-facts.md (issue 9): citations, not published vs not covered,
every eligibility fact shown, dated changes, each side of a conflict with its own sources, overviews."""

from __future__ import annotations

import datetime as dt

import pytest

from visa_guide.answers.citations import cite, cite_short, cites_short, date_text
from visa_guide.answers.facts import aspect_answer, comparison_answer, programme_aspect_answer
from visa_guide.answers.people import contacts_answer, country_answer
from visa_guide.assistant import Turn, respond
from visa_guide.catalogue.views import SourceView


def _answer(catalogue, programme_id: str, aspect: str) -> str:
    return programme_aspect_answer(catalogue, programme_id, aspect, catalogue.contacts())


def _source(publisher: str, reference: str | None, date=None, precision="day", url=None, official=False):
    return SourceView("t", publisher, url, reference, date, official, precision)


# -- citations (item 8) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        (_source("bangduty.com", "bangduty.com"), "bangduty.com, undated"),
        (_source("korea.net", "korea.net 266947", dt.date(2025, 2, 20)), "korea.net 266947, 20 Feb 2025"),
        (_source("KBS World", "KBS World 85662", dt.date(2021, 4, 1), "month"), "KBS World 85662, Apr 2021"),
        (_source("movetokorea.com", "movetokorea.com", dt.date(2026, 1, 1), "year"), "movetokorea.com, 2026"),
    ],
)
def test_a_citation_names_the_source_once_with_its_own_date_or_undated_once(source, expected):
    assert cite_short(source) == expected
    assert cite(source).count("undated") <= 1


def test_a_full_citation_adds_official_url_or_a_useful_reference():
    official = _source("korea.net", "korea.net 266947", dt.date(2025, 2, 20), official=True)
    assert cite(official) == "korea.net 266947, 20 Feb 2025, official"
    web = _source("Aju Press", None, dt.date(2025, 11, 24), url="https://ajupress.com/x")
    assert cite(web) == "Aju Press, 24 Nov 2025: https://ajupress.com/x"
    described = _source("allvisakorea", "guide to the 2024 rules")
    assert cite(described) == "allvisakorea, undated (guide to the 2024 rules)"
    assert date_text(None) == "undated"


def test_no_catalogue_source_reads_undated_twice_or_repeats_its_name(catalogue):
    for programme in catalogue.programmes():
        for fact in catalogue.facts(programme.id):
            for version in fact.versions:
                for source in version.sources:
                    text = cite(source)
                    assert "(undated)" not in text and text.count("undated") <= 1, text
                    assert not text.startswith(f"{source.publisher} ({source.publisher}"), text


def test_contact_details_cite_their_source_date_as_a_source_date_not_a_check(catalogue):
    text = contacts_answer(catalogue.contacts(), "Contacts:")
    assert "latest check" not in text
    assert "Sources: korea.net 156366, 27 Mar 2018" in text


# -- the official contacts (item 11) -----------------------------------------------------------------------


def test_1345_is_a_call_centre_and_hikorea_takes_applications(catalogue):
    contacts = {c.id: c for c in catalogue.contacts()}
    hotline, portal = contacts["immigration-contact-center"], contacts["hikorea"]
    assert "call centre" in hotline.purpose and "question" in hotline.purpose
    assert "appl" not in hotline.purpose.lower()
    assert "applications" in portal.purpose


# -- "not published" only where the reference says so (item 3) --------------------------------------------


@pytest.mark.parametrize(
    "programme_id, aspect", [("job-seeking-d10", "fees"), ("f2r-regional", "documents"), ("youth-dream", "fees")]
)
def test_aspects_my_sources_lack_are_not_called_unpublished(catalogue, programme_id, aspect):
    text = _answer(catalogue, programme_id, aspect)
    assert "My sources don't cover" in text and "1345" in text and "HiKorea" in text
    assert "published" not in text.lower()


@pytest.mark.parametrize(
    "programme_id, aspect, topic",
    [
        ("youth-dream", "timeline", "launch date"),
        ("top-tier", "overview", "F-2-T"),
        ("post-graduation-internship", "overview", "longer internships"),
        ("nonspecialized-jobs-students", "fields", "non-specialised sectors"),
    ],
)
def test_what_the_reference_lists_as_not_found_is_said_to_be_unpublished(catalogue, programme_id, aspect, topic):
    text = _answer(catalogue, programme_id, aspect)
    line = next(line for line in text.splitlines() if "published yet" in line)
    assert topic in line


# -- every eligibility fact, short lines (items 1, 5) --------------------------------------------------------


def test_top_tier_eligibility_shows_every_fact_and_every_version(catalogue):
    text = _answer(catalogue, "top-tier", "eligibility")
    assert "more points" not in text
    for fact in catalogue.facts("top-tier", ("eligibility",)):
        for version in fact.versions:
            assert version.text in text
    # section J: one income rule with the exact figure, the launch rules read as one set, not a conflict
    assert "four times GNI" in text and "KRW 149,865,000" in text and "Sources differ" not in text
    assert "Education: the rule changed over time" in text
    assert "needs confirming" in text  # the single low-reliability report of the widening
    assert max(len(line) for line in text.splitlines()) < 260


# -- a dated change is not a conflict (item 6) ------------------------------------------------------------


def test_f2r_korean_language_reads_as_a_dated_change(catalogue):
    text = _answer(catalogue, "f2r-regional", "eligibility")
    assert "Sources differ on Korean language" not in text
    assert "Korean language: the rule changed over time" in text
    until = next(line for line in text.splitlines() if "until 2024" in line)
    since = next(line for line in text.splitlines() if "from 2025" in line)
    assert "level 3" in until and "kowork.kr, 31 Jan 2024" in until
    assert "level 4" in since and "allvisakorea, undated" in since


# -- each side of a conflict with its own sources (item 7) ------------------------------------------------


def test_each_side_of_the_d10_reporting_conflict_cites_its_own_sources(catalogue):
    text = _answer(catalogue, "post-graduation-internship", "application")
    within = next(line for line in text.splitlines() if "14 days" in line)
    before = next(line for line in text.splitlines() if "before the internship starts" in line)
    assert "k-withus.kr" in within and "bangduty" not in within
    assert "bangduty.com" in before and "k-withus" not in before


# -- internships: only the D-10 internship is in force (item 2) -------------------------------------------


def test_the_longer_internships_are_announced_and_the_d10_internship_is_in_force(catalogue):
    assert catalogue.programme("post-graduation-internship").status == "announced"
    facts = {f.topic: f for f in catalogue.facts("post-graduation-internship")}
    assert {v.status for v in facts["planned extension"].versions} == {"announced"}
    assert {v.status for v in facts["internships on D-10"].versions} == {"in force"}
    assert {v.status for v in facts["internship length"].versions} == {"in force"}


# -- E-7-4R is its own entry, not F-2-R (item 4) -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["E-7-4R", "e74r", "who can get an E-7-4R"])
def test_e74r_is_not_an_alias_of_f2r(catalogue, typed):
    assert catalogue.programmes_in_text(typed) == ["e-7-4r"]
    assert catalogue.find_programme(typed) in ("e-7-4r", None)


def test_e74r_eligibility_says_what_is_known_and_no_f2r_criteria(catalogue):
    text = _answer(catalogue, "e-7-4r", "eligibility")
    assert "E-9 and E-10" in text and "KBS World 191113, Feb 2025" in text  # section J
    assert "My sources don't cover" in text and "1345" in text
    for fact in catalogue.facts("f2r-regional", ("eligibility",)):
        assert all(v.text not in text for v in fact.versions)


# -- overviews (deliver 3) and the legal footer (item 12) ---------------------------------------------------


def test_top_tier_overview_names_both_sector_lists_the_goal_and_the_status_once(catalogue):
    programme = catalogue.programme("top-tier")
    text = _answer(catalogue, "top-tier", "overview")
    assert text.count(programme.summary) == 1
    summarised = [f for f in catalogue.facts("top-tier", ("overview",)) if f.in_summary]
    assert summarised and all(f.versions[0].text not in text for f in summarised)
    assert "artificial intelligence, quantum technology, aerospace" in text
    assert "semiconductors, bio, secondary batteries and displays" in text
    assert "eight high-tech sectors" in text and "artificial intelligence and robotics" in text  # March 2026
    assert "Target sectors: the rule changed over time" in text and "100,000" in text and "in force" in text
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(lines) == len(set(lines))


def test_youth_dream_overview_says_who_it_is_for_and_work_plus_culture(catalogue):
    text = _answer(catalogue, "youth-dream", "overview").lower()
    assert "korean war" in text and "economic" in text
    assert "work" in text and "cultur" in text


def test_factual_answers_say_not_legal_advice(catalogue):
    contacts = catalogue.contacts()
    answers = [
        _answer(catalogue, "top-tier", "benefits"),
        _answer(catalogue, "job-seeking-d10", "fees"),
        comparison_answer(catalogue.compare("top-tier", "youth-dream", ("eligibility",)), contacts),
        country_answer(catalogue.find_country("Colombia"), 22, catalogue.programme("youth-dream"), [], [], contacts),
    ]
    for text in answers:
        assert "not legal advice" in text.lower() and "1345" in text


def test_a_comparison_shows_every_version_where_sources_differ_each_with_its_source(catalogue):
    comparison = catalogue.compare("post-graduation-internship", "job-seeking-d10", ("application",))
    differing = comparison.rows[0][1][0]
    assert differing.sources_differ  # reporting a D-10 internship: the catalogue records a conflict
    text = comparison_answer(comparison, catalogue.contacts())
    assert f"sources differ on {differing.topic}" in text
    for version in differing.versions:
        line = next(line for line in text.splitlines() if version.text in line)
        assert f"({version.status}; {cites_short(version.sources, 1)})" in line


def test_what_my_sources_do_not_cover_reads_as_a_sentence(catalogue):
    family = _answer(catalogue, "youth-dream", "family")
    name = catalogue.programme("youth-dream").name
    assert f"My sources don't cover bringing family members for the {name};" in family
    topics = [g.topic for g in catalogue.programme("top-tier").not_covered if g.aspect == "eligibility"]
    assert len(topics) >= 3
    listed = ", ".join(topics[:-1]) + " or " + topics[-1]
    assert f"My sources don't cover {listed} for the" in _answer(catalogue, "top-tier", "eligibility")


def _eligibility(catalogue, programme_id: str, question: str) -> str:
    reply = respond(Turn(question, "ask_eligibility", slots={"programme": programme_id}), catalogue)
    if reply is None:  # a button: the whole block
        return aspect_answer(
            catalogue.programme(programme_id),
            "eligibility",
            catalogue.facts(programme_id, ("eligibility",)),
            catalogue.gaps(programme_id, ("eligibility",)),
            catalogue.contacts(),
        )
    return reply.messages[0].text


def test_a_question_about_one_rule_gets_that_rule_and_a_pointer_to_the_rest(catalogue):
    facts = catalogue.facts("top-tier", ("eligibility",))
    income = [f for f in facts if "income" in f.topic]  # the 3x GNI rule and the 4x GNI waiver
    assert len(income) == 2
    text = _eligibility(catalogue, "top-tier", "what's the salary requirement?")
    threshold = next(f for f in income if f.topic == "income threshold")
    assert threshold.versions[0].text in text  # one rule with the exact figure since the audit (issue 16)
    assert "sources differ" not in text.lower()
    assert "More on Top-Tier visa:" in text


def test_a_rule_my_sources_do_not_cover_is_said_briefly(catalogue):
    text = _eligibility(catalogue, "top-tier", "I'm 45, is there an age limit for the top tier visa?")
    assert "My sources don't cover the age limit for the" in text and "1345" in text
    assert not any(v.text in text for f in catalogue.facts("top-tier", ("eligibility",)) for v in f.versions)


def test_who_can_apply_or_a_button_gets_every_rule(catalogue):
    facts = catalogue.facts("top-tier", ("eligibility",))
    for question in ("who can apply for the top tier visa?", '/ask_eligibility{"programme": "top-tier"}'):
        text = _eligibility(catalogue, "top-tier", question)
        assert all(v.text in text for f in facts for v in f.versions), question
