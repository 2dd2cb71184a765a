"""Over REST, the answer is about the programme the user means: a visa code outside the catalogue or "the
regional visa" never gets the programme discussed before; the "F-2-T" code people guess for the Top-Tier visa
gets its line saying no such sub-code is published; a comparison shows both sides of a conflict."""

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


def test_f2t_gets_the_top_tier_answer_saying_the_sub_code_is_not_published(chat, catalogue):
    chat.text("tell me about F-2-R")
    text = chat.text("what's the F-2-T visa")
    top_tier = catalogue.programme("top-tier")
    sub_code = next(g for g in catalogue.gaps(top_tier.id, ("overview",)) if "F-2-T" in g.topic)
    assert text.startswith(f"**{top_tier.name}**"), text  # the programme people mean by it, in its overview
    assert f"Nothing has been published yet about {sub_code.topic} for the {top_tier.name}." in text
    assert catalogue.programme("f2r-regional").name not in text and "1345" in text


def test_comparing_shows_a_changed_rule_as_its_current_version(chat, catalogue):
    # since the audit (issue 16) Top-Tier's education is a dated change (2024 plan, then the 2025 rules)
    comparison = catalogue.compare("top-tier", "f2r-regional", ("eligibility",))
    changed = comparison.rows[0][1][0]
    assert changed.is_change
    text = chat.text("top tier vs F-2-R")
    assert changed.versions[-1].text in text and changed.versions[0].text not in text


def test_the_regional_visa_after_another_programme_asks_which_regional_visa(chat, catalogue):
    chat.text("is the youth dream visa open yet?")
    replies = chat.say("when does the regional visa start")
    text = "\n".join(r.get("text", "") for r in replies)
    assert catalogue.programme("youth-dream").name not in text
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert sorted(titles) == sorted(p.name for p in catalogue.programmes() if p.category == "regional")
