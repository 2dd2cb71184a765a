"""Issue 15 over REST on the real servers: the thread kept across turns, a detail in passing, starting over."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_a_country_in_passing_is_kept_and_used_then_the_next_country_is_checked(chat):
    noted = chat.text("I'm from Colombia")
    assert noted.startswith("Noted (from Colombia).") and "How old are you" not in noted
    first = chat.text("can I apply for the youth dream visa?").splitlines()[0]
    assert first.startswith("**Colombia** is one of the 22 countries"), first
    assert chat.text("and norway?").splitlines()[0].startswith("**Norway** is one of the 22 countries")


def test_a_follow_up_is_asked_of_the_programme_discussed(chat, catalogue):
    chat.text("what is the D-10 visa?")
    stay = next(f for f in catalogue.facts("job-seeking-d10") if f.topic == "maximum stay")
    text = chat.text("does it expire?")
    assert all(v.text in text for v in stay.versions), text


@pytest.mark.parametrize("message", ["start over", "/restart"])
def test_starting_over_greets(chat, message):
    chat.text("what is the top tier visa?")
    text = chat.text(message)
    assert text.startswith("Hello! I'm the Korea Visa Guide."), text
    assert "couldn't prepare an answer" not in text


def test_a_marriage_visa_question_gets_the_contacts_not_a_picker(chat):
    replies = chat.say("I'm married to a Korean, can you help me with my visa?")
    text = "\n".join(r.get("text") or "" for r in replies)
    assert "my sources don't cover" in text and "1345" in text and "HiKorea" in text
    assert sum(len(r.get("buttons") or []) for r in replies) <= 1
