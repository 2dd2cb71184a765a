"""Issue 9, the facts: each fix checked over REST on the real Rasa and action servers.

Expected texts come from the catalogue (loaded into the stack's database), so a wrong fact or wording fails.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _recommend_worker(chat, degree: str) -> str:
    """The wizard for a working professional in semiconductors, ending with the given degree."""
    chat.text("which visa fits me? I'm 35 and from Canada")
    chat.text("I'm working")
    chat.text("semiconductors")
    return chat.text(degree)


# item 1: conflicting Top-Tier criteria are "to check", unmodelled criteria are listed, nobody "qualifies"
def test_item1_top_tier_conflicts_are_to_check_not_against(chat, catalogue):
    result = _recommend_worker(chat, "bachelor's")
    top = catalogue.programme("top-tier").name
    assert top in result
    block = result[result.index(top) :].split("\n2.")[0]
    assert "Against" not in block
    assert "Sources differ on education" in block and "Sources differ on target sectors" in block
    assert "To check" in block and "8 years" in block and "four times GNI" in block
    assert "you qualify" not in result.replace("whether you qualify", "")


# item 2: the longer internships are announced; the D-10 internship is in force
def test_item2_internships_status(chat, catalogue):
    text = chat.text("tell me about post-graduation internships")
    programme = catalogue.programme("post-graduation-internship")
    assert f"**{programme.name}: overview** (status: announced)" in text
    planned = next(line for line in _lines(text) if "longer internship" in line and line.startswith("- "))
    current = next(line for line in _lines(text) if "D-10" in line and line.startswith("- "))
    assert "(announced," in planned and "(in force," in current
    assert "Not published yet: details of the longer internships" in text


# item 3: "not published" only where the reference says so
def test_item3_d10_fees_are_not_covered_not_unpublished(chat):
    text = chat.text("how much are the fees for the D-10 visa?")
    assert "My sources don't cover fees" in text and "1345" in text and "HiKorea" in text
    assert "published" not in text.lower()


def test_item3_youth_dream_launch_date_is_not_published(chat):
    text = chat.text("when does the youth dream visa start?")
    assert "Not published yet: launch date" in text


# item 4: E-7-4R is its own entry, not F-2-R
def test_item4_e74r_is_not_f2r(chat, catalogue):
    text = chat.text("who can get an E-7-4R visa?")
    assert "E-7-4R visa: who can apply" in text
    assert "korea.net 266947, 20 Feb 2025" in text and "My sources don't cover" in text and "1345" in text
    for fact in catalogue.facts("f2r-regional", ("eligibility",)):
        assert all(version.text not in text for version in fact.versions)
    assert "TOPIK" not in text


# item 5: every eligibility fact is shown
def test_item5_top_tier_eligibility_shows_everything(chat, catalogue):
    text = chat.text("who can apply for the top tier visa?")
    assert "more points" not in text
    for fact in catalogue.facts("top-tier", ("eligibility",)):
        assert all(version.text in text for version in fact.versions), fact.topic
    assert "four times GNI" in text and "Sources differ on whether every criterion is required" in text


# item 6: a dated change, not "sources differ"
def test_item6_f2r_topik_is_a_dated_change(chat):
    text = chat.text("what are the requirements for the F-2-R visa?")
    assert "Sources differ on Korean language" not in text
    assert "Korean language: the rule changed over time" in text
    assert any("until 2024" in line and "kowork.kr" in line for line in _lines(text))
    assert any("from 2025" in line and "allvisakorea" in line for line in _lines(text))


# item 7: each side of the D-10 reporting conflict cites its own source(s)
def test_item7_reporting_sides_cite_their_own_sources(chat):
    text = chat.text("how do I apply for a post-graduation internship?")
    within = next(line for line in _lines(text) if "14 days" in line)
    before = next(line for line in _lines(text) if "before the internship starts" in line)
    assert "k-withus.kr" in within and "bangduty" not in within and "movetokorea" not in within
    assert "bangduty.com" in before and "k-withus" not in before


# item 8: citations read well
def test_item8_citations_and_contact_dates(chat):
    text = chat.text("how long can I stay on the D-10 visa?")
    assert "(undated), undated" not in text and "undated, undated" not in text
    contacts = chat.text("what's the official phone number?")
    assert "latest check" not in contacts
    assert "korea.net 156366, 27 Mar 2018" in contacts


# item 11: 1345 is a call centre; HiKorea takes applications
def test_item11_contacts_say_what_each_is_for(chat):
    text = chat.text("I want to talk to a real person")
    hotline = next(line for line in _lines(text) if "1345" in line and line.startswith("- "))
    portal = next(line for line in _lines(text) if "hikorea.go.kr" in line and line.startswith("- "))
    assert "call centre" in hotline and "appl" not in hotline.lower()
    assert "applications" in portal
    assert "to apply" not in text


# item 12: "not legal advice" in factual answers and in recommendations
def test_item12_not_legal_advice_in_the_chat(chat):
    assert "not legal advice" in chat.text("what benefits do top-tier visa holders get?").lower()
    assert "not legal advice" in _recommend_worker(chat, "PhD").lower()


# deliver 3: overviews lead with what people ask first, each thing once
def test_top_tier_overview(chat, catalogue):
    text = chat.text("what is the top tier visa?")
    summary = catalogue.programme("top-tier").summary
    assert text.count(summary) == 1
    assert "artificial intelligence, quantum technology, aerospace and robotics" in text
    assert "semiconductors, bio, secondary batteries and displays" in text
    assert "changed between" in text and "100,000" in text and "(status: in force)" in text
    bullets = [line for line in _lines(text) if line.startswith("- ")]
    assert len(bullets) == len(set(bullets))


def test_youth_dream_overview(chat):
    text = chat.text("what is the youth dream visa").lower()
    assert "korean war" in text and "economic partners" in text
    assert "work" in text and "cultur" in text
