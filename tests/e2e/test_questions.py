"""Single questions over REST to the real servers: each answer must carry the catalogue's facts."""

from __future__ import annotations

import pytest

from visa_guide.vocabulary import ASPECT_LABELS

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


def expect_aspect_answer(text: str, catalogue, programme_id: str, aspect: str) -> None:
    programme = catalogue.programme(programme_id)
    assert f"**{programme.name}: {ASPECT_LABELS[aspect]}**" in text, text
    assert f"status: {programme.status}" in text
    facts = catalogue.facts(programme_id, (aspect,))
    if aspect == "overview":
        assert programme.summary in text
    elif facts:
        first = facts[0]
        assert first.versions[0].text in text
        assert "Sources:" in text
        if first.sources_differ:
            assert "Sources differ" in text
    elif catalogue.gaps(programme_id, (aspect,)):
        assert "Nothing has been published yet" in text
    else:  # "not published" only where visa-facts.md says so; otherwise my sources simply lack it
        assert "My sources don't cover" in text
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
    if found.war_role:
        assert "is one of the 22" in text and "not published" in text
    else:
        assert "is not among the 22" in text and "not published" in text


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
    income = next(f for f in catalogue.facts("top-tier", ("eligibility",)) if "income" in f.topic)
    text = chat.text("what's the salary requirement for the top tier visa?")
    assert all(version.text in text for version in income.versions)
    assert "other published rules on who can apply" in text
    everything = chat.text("who can apply?")
    assert all(v.text in everything for f in catalogue.facts("top-tier", ("eligibility",)) for v in f.versions)
