"""Single questions over REST to the real servers: each answer must carry the catalogue's facts."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

ASPECT_QUESTIONS = [
    ("what is the top tier visa?", "top-tier", "overview"),
    ("tell me about the toptier visa", "top-tier", "overview"),
    ("who can apply for the top teir visa?", "top-tier", "eligibility"),
    ("what are the requirements for top tier visa", "top-tier", "eligibility"),
    ("which sectors does the top tier visa cover?", "top-tier", "fields"),
    ("what benefits do top-tier visa holders get?", "top-tier", "benefits"),
    ("can my wife and kids come with me on the top tier visa?", "top-tier", "family"),
    ("can I apply for the top tier visa now?", "top-tier", "timeline"),
    ("how do i apply for top tier visa", "top-tier", "application"),
    ("what is the youth dream visa", "youth-dream", "overview"),
    ("who is eligible for youth dreem visa?", "youth-dream", "eligibility"),
    ("when does the youth dream visa start?", "youth-dream", "timeline"),
    ("what documents do I need for the youth dream visa?", "youth-dream", "documents"),
    ("how much does the youth dream visa cost?", "youth-dream", "fees"),
    ("what is the D-10 visa?", "job-seeking-d10", "overview"),
    ("requirements for the job seeker visa", "job-seeking-d10", "eligibility"),
    ("how long does processing take for the D-10 visa?", "job-seeking-d10", "processing"),
    ("what is the F-2-R visa", "f2r-regional", "overview"),
    ("who can get the regional specialized visa?", "f2r-regional", "eligibility"),
    ("can my family join me on F-2-R?", "f2r-regional", "family"),
]


DATED = re.compile(r", (?:(?:\d{1,2} )?[A-Z][a-z]{2} )?\d{4}\b|, undated\b")  # a source's date: ", 21 Feb 2026"


def short_name(programme) -> str:
    """The name an answer's first line uses: the programme's name before " (", e.g. "D-10 job-seeking visa"."""
    return programme.name.split(" (")[0]


def cited_line(text: str, version) -> str | None:
    """The line that gives `version` with its status and a dated source: '<text> (<status>; <source>, <date>)'."""
    opening = f"{version.text} ({version.status}; "
    for line in text.splitlines():
        if opening in line:
            return line if DATED.search(line.split(opening, 1)[1]) else None
    return None


def expect_aspect_answer(text: str, catalogue, programme_id: str, aspect: str) -> None:
    """The reply leads with one of the aspect's facts (its status and dated source on the same line), or says
    what is not published / not in my sources, names the programme, and ends with the official contacts."""
    programme = catalogue.programme(programme_id)
    first = text.splitlines()[0]
    facts = catalogue.facts(programme_id, (aspect,))
    if facts:
        assert short_name(programme) in first, text
        lead = "\n".join(text.splitlines()[:2])
        led = [v for f in facts for v in f.versions if v.text in lead]
        assert led, text
        assert all(cited_line(text, v) for v in led), text
    elif catalogue.gaps(programme_id, (aspect,)):
        assert first.startswith("Nothing has been published yet") and programme.name in first, text
    else:  # "not published" only where visa-facts.md says so; otherwise my sources simply lack it
        assert first.startswith("My sources don't cover") and programme.name in first, text
    assert "1345" in text


@pytest.mark.parametrize("question, programme_id, aspect", ASPECT_QUESTIONS)
def test_programme_questions(chat, catalogue, question, programme_id, aspect):
    expect_aspect_answer(chat.text(question), catalogue, programme_id, aspect)


@pytest.mark.parametrize(
    "question, country",
    [
        ("I'm from Colombia, can I apply for Youth Dream?", "Colombia"),
        ("i am filipino, am i eligible for the youth dream visa?", "Philippines"),
        ("is Vietnam eligible for youth dream?", "Vietnam"),
    ],
)
def test_country_checks(chat, catalogue, question, country):
    text = chat.text(question)
    found = catalogue.find_country(country)
    assert f"**{found.name}**" in text
    first = text.splitlines()[0]
    if found.war_role:
        assert first.startswith(f"**{found.name}** is one of the 22"), text
    else:
        assert first.startswith(f"**{found.name}** is not among the 22"), text
    assert "Not published yet" in text and "can't say whether you qualify" in text


def test_field_check(chat, catalogue):
    text = chat.text("I work in robotics, does Top-Tier cover me?")
    coverage = catalogue.coverage("robotics", "top-tier")
    assert coverage[0].statement.text in text


def test_list_of_programmes(chat, catalogue):
    text = chat.text("which visa programmes are there?")
    assert all(p.name in text for p in catalogue.programmes())


def test_regional_visas(chat, catalogue):
    text = chat.text("are there visas for working in the regions outside Seoul?")
    assert all(p.name in text for p in catalogue.programmes() if p.category == "regional")


def test_after_graduation(chat, catalogue):
    text = chat.text("what can I do after graduating from a korean university?")
    assert all(p.name in text for p in catalogue.programmes() if p.category == "student")


def test_non_specialized_jobs(chat, catalogue):
    text = chat.text("can international students work in non-specialized jobs?")
    assert catalogue.programme("nonspecialized-jobs-students").name in text


def test_context_numbers(chat, catalogue):
    text = chat.text("how many foreigners live in korea?")
    assert catalogue.context_facts(("foreign-population",))[0].versions[0].text in text


def test_comparison(chat, catalogue):
    text = chat.text("compare the top tier visa and the youth dream visa")
    assert f"**{catalogue.programme('top-tier').name}**" in text
    assert f"**{catalogue.programme('youth-dream').name}**" in text


@pytest.mark.parametrize("question", ["what's the official phone number?", "I want to talk to a real person"])
def test_contacts_and_handoff(chat, catalogue, question):
    text = chat.text(question)
    for contact in catalogue.contacts():
        assert contact.name in text
    assert "1345" in text


def test_out_of_scope(chat):
    text = chat.text("what's the weather like in Seoul tomorrow?")
    assert "outside what I know" in text


def test_bot_challenge(chat):
    assert "automated assistant" in chat.text("are you a bot?")


def test_a_question_about_one_rule_gets_that_rule_first(chat, catalogue):
    # since the audit (issue 16) the income is one rule with the exact figure, not a conflict
    income = next(f for f in catalogue.facts("top-tier", ("eligibility",)) if f.topic == "income threshold")
    text = chat.text("what's the salary requirement for the top tier visa?")
    assert income.versions[0].text in text.splitlines()[0] and "More on Top-Tier visa:" in text
    assert "sources differ" not in text.lower()
    everything = chat.text("who can apply?")
    assert all(v.text in everything for f in catalogue.facts("top-tier", ("eligibility",)) for v in f.versions)
