"""Issue 16 over REST: K-STAR, the vocational-college pilot and K-CORE (E-7-M) on the real Rasa and action servers.

Expected texts come from the catalogue loaded into the stack's database, so a wrong fact or wording fails.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _heading(catalogue, programme_id: str) -> str:
    return f"**{catalogue.programme(programme_id).name}"


def test_k_star_overview_and_a_follow_up(chat, catalogue):
    text = chat.text("what is the K-STAR visa?")
    assert _heading(catalogue, "k-star") in text and "(status: in force)" in text
    assert catalogue.programme("k-star").summary in text and "korea.net" in text
    follow_up = chat.text("and who can apply?")  # the programme discussed last
    assert f"{_heading(catalogue, 'k-star')}: who can apply**" in follow_up
    assert "president" in follow_up and "international office" in follow_up and "HiKorea" in follow_up
    assert "not legal advice" in follow_up.lower()


def test_f_2_7s_is_k_star(chat, catalogue):
    text = chat.text("what is F-2-7S?")
    assert _heading(catalogue, "k-star") in text and "F-2-7S" in text


def test_vocational_pilot_eligibility_and_a_follow_up(chat, catalogue):
    text = chat.text("who can apply for the vocational college pilot?")
    assert f"{_heading(catalogue, 'vocational-pilot')}: who can apply**" in text and "(status: pilot)" in text
    assert "TOPIK level 3" in text and "35 hours" in text and "international office" in text
    timeline = chat.text("how long does it run?")
    assert "end of 2027" in timeline


def test_k_core_eligibility_and_a_follow_up(chat, catalogue):
    text = chat.text("who qualifies for the E-7-M visa?")
    assert f"{_heading(catalogue, 'k-core')}: who can apply**" in text and "(status: announced)" in text
    assert "KRW 26 million" in text and "TOPIK level 5" in text
    benefits = chat.text("what are its benefits?")
    assert _heading(catalogue, "k-core") in benefits and "F-2" in benefits


def test_k_star_and_top_tier_are_compared(chat, catalogue):
    text = chat.text("compare K-STAR with the Top-Tier visa")
    assert catalogue.programme("k-star").name in text and catalogue.programme("top-tier").name in text


def test_the_new_programmes_are_listed(chat, catalogue):
    text = chat.text("what visas are there?")
    for programme_id in ("k-star", "vocational-pilot", "k-core"):
        assert catalogue.programme(programme_id).name in text, programme_id


def test_a_masters_student_is_shown_k_star(chat, catalogue):
    chat.text("which visa fits me? I'm 26 and from India")
    chat.text("I'm a student")
    chat.text("semiconductors")
    result = chat.text("master's")
    name = catalogue.programme("k-star").name
    assert name in result and "To check" in result
    assert "you qualify" not in result.replace("whether you qualify", "")


def test_top_tier_widening_to_researchers_needs_confirming(chat):
    text = chat.text("can researchers apply for the top tier visa now?")
    assert "professors and researchers" in text and "needs confirming" in text
