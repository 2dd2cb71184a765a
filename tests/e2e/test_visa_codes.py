"""Visa codes over REST: a code outside the catalogue never gets the programme discussed before, and the
"F-2-T" code people guess for the Top-Tier visa gets its overview, which says no such sub-code is published."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("question", ["what is G-1", "what about the E-8 visa?"])
def test_a_code_outside_the_catalogue_gets_the_official_contacts(chat, catalogue, question):
    f2r = catalogue.programme("f2r-regional").name
    assert f2r in chat.text("tell me about F-2-R")
    text = chat.text(question)
    assert f2r not in text
    assert "my sources don't cover" in text and "1345" in text


def test_f2t_gets_the_top_tier_overview_saying_the_sub_code_is_not_published(chat, catalogue):
    chat.text("tell me about F-2-R")
    text = chat.text("what's the F-2-T visa")
    assert text.startswith(f"**{catalogue.programme('top-tier').name}: overview**")
    assert "Not published yet" in text and "F-2-T" in text


def test_comparing_shows_both_sides_of_a_conflict(chat, catalogue):
    comparison = catalogue.compare("top-tier", "f2r-regional", ("eligibility",))
    differing = comparison.rows[0][1][0]
    text = chat.text("top tier vs F-2-R")
    assert f"sources differ on {differing.topic}" in text
    assert all(version.text in text for version in differing.versions)
