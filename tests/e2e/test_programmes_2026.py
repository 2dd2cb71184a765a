"""Issue 16 over REST: K-STAR, the vocational-college pilot and K-CORE (E-7-M) on the real Rasa and action servers.

Expected texts come from the catalogue loaded into the stack's database, so a wrong fact or wording fails.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _name(catalogue, programme_id: str) -> str:
    """The programme's name without its bracketed part, which the answers may leave out."""
    return catalogue.programme(programme_id).name.split(" (")[0]


# The answer layout belongs to the answer code (visa_guide/assistant); these tests check the facts said.
def test_k_star_overview_and_a_follow_up(chat, catalogue):
    text = chat.text("what is the K-STAR visa?")
    assert _name(catalogue, "k-star") in text and "in force" in text and "korea.net" in text
    follow_up = chat.text("and who can apply?")  # the programme discussed last
    assert _name(catalogue, "k-star") in follow_up
    assert "1345" in follow_up and "not legal advice" in follow_up.lower()


def test_k_star_list_of_universities_points_to_the_international_office(chat, catalogue):
    text = chat.text("which universities are designated for K-STAR?")
    assert _name(catalogue, "k-star") in text and "international office" in text and "HiKorea" in text


def test_f_2_7s_is_k_star(chat, catalogue):
    text = chat.text("what is F-2-7S?")
    assert _name(catalogue, "k-star") in text


def test_vocational_pilot_and_a_follow_up(chat, catalogue):
    text = chat.text("who can apply for the vocational college pilot?")
    assert _name(catalogue, "vocational-pilot") in text and "pilot" in text
    timeline = chat.text("how long does it run?")
    assert "end of 2027" in timeline


def test_k_core_salary_and_a_follow_up(chat, catalogue):
    text = chat.text("what salary do I need for the E-7-M visa?")
    assert _name(catalogue, "k-core") in text and "announced" in text and "KRW 26 million" in text
    benefits = chat.text("what are its benefits?")
    assert _name(catalogue, "k-core") in benefits and "F-2" in benefits


def test_k_star_and_top_tier_are_compared(chat, catalogue):
    text = chat.text("compare K-STAR with the Top-Tier visa")
    assert _name(catalogue, "k-star") in text and _name(catalogue, "top-tier") in text


def test_the_new_programmes_are_listed(chat, catalogue):
    text = chat.text("what visas are there?")
    for programme_id in ("k-star", "vocational-pilot", "k-core"):
        assert _name(catalogue, programme_id) in text, programme_id


def test_a_masters_student_is_shown_k_star(chat, catalogue):
    chat.text("which visa fits me? I'm 26 and from India")
    chat.text("I'm a student")
    chat.text("semiconductors")
    result = chat.text("master's")
    assert _name(catalogue, "k-star") in result and "To check" in result
    assert "you qualify" not in result.replace("whether you qualify", "")


def test_top_tier_widening_to_researchers_needs_confirming(chat):
    text = chat.text("can researchers apply for the top tier visa now?")
    assert "researchers" in text and "needs confirming" in text
