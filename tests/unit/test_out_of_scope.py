"""Out of scope: visa questions outside the catalogue get the official contacts; the rest the generic line."""

from __future__ import annotations

import pytest

from actions.programme_actions import ActionAnswerAspect
from actions.scope_actions import ActionOutOfScope
from tests.unit.conftest import make_tracker, texts
from visa_guide.scope import is_visa_related, outside_catalogue_topic

VISA_OUTSIDE = [
    "how do I change my D-10 to E-7?",
    "what is the age limit for the working holiday visa",
    "renewing my alien registration card",
    "how can I extend my visa",
    "visa extension please",
    "E-7 salary threshold",
    "F-2-7 points calculator",
    "how to get permanent residency in korea",
]
UNRELATED = [
    "what's the weather in Busan?",
    "recommend a restaurant in Seoul",
    "who won the football match",
    "tell me a joke",
]


@pytest.mark.parametrize("text", VISA_OUTSIDE)
def test_visa_questions_are_recognised(text):
    assert is_visa_related(text) and outside_catalogue_topic(text)


@pytest.mark.parametrize("text", UNRELATED)
def test_unrelated_questions_are_not(text):
    assert not is_visa_related(text) and not outside_catalogue_topic(text)


@pytest.mark.parametrize(
    "text", ["what is the top tier visa?", "E-7-4R requirements", "can I change from E-9 to F-2-R", "D-10 fees"]
)
def test_catalogue_topics_are_not_outside(text):
    assert not outside_catalogue_topic(text, names_a_programme=True)


def test_a_change_to_a_visa_outside_the_catalogue_counts_even_from_a_catalogue_programme():
    assert outside_catalogue_topic("can I switch from D-10 to an E-7 visa", names_a_programme=True)


async def test_visa_question_out_of_scope_points_to_the_official_contacts(dispatcher, catalogue):
    await ActionOutOfScope().run(
        dispatcher, make_tracker("how do I renew my alien registration card?", "out_of_scope"), {}
    )
    text = texts(dispatcher)
    assert "my sources don't cover" in text and "immigration office" in text
    for contact in catalogue.contacts()[:2]:
        assert contact.name in text
    assert "outside what I know" not in text


async def test_unrelated_question_gets_the_generic_line(dispatcher):
    await ActionOutOfScope().run(dispatcher, make_tracker("what's the weather in Busan?", "out_of_scope"), {})
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"


async def test_an_ordinary_question_about_an_outside_topic_gets_the_contacts(dispatcher):
    tracker = make_tracker("how do I renew my alien registration card?", "ask_application", slots={"programme": "d10"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert "my sources don't cover" in texts(dispatcher) and events == []


async def test_an_ordinary_catalogue_question_is_answered_as_before(dispatcher, catalogue):
    await ActionAnswerAspect().run(
        dispatcher, make_tracker("how do I apply for the top tier visa?", "ask_application"), {}
    )
    assert "my sources don't cover" not in texts(dispatcher)
    assert catalogue.programme("top-tier").name in texts(dispatcher)


async def test_an_unclear_message_about_an_outside_topic_gets_the_contacts_not_buttons(dispatcher):
    from actions.conversation_actions import ActionAskAffirmation

    tracker = make_tracker("arc renew how??", "nlu_fallback", ranking=[("nlu_fallback", 0.5), ("ask_fees", 0.3)])
    await ActionAskAffirmation().run(dispatcher, tracker, {})
    assert "my sources don't cover" in texts(dispatcher)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/list_programmes"]


async def test_out_of_scope_naming_a_catalogue_programme_gets_its_overview(dispatcher, catalogue):
    events = await ActionOutOfScope().run(
        dispatcher, make_tracker("how many months does a D-10 last", "out_of_scope"), {}
    )
    # the question was how long: the stay, with every version its sources give
    assert texts(dispatcher).startswith("D-10 job-seeking visa: sources differ on maximum stay")
    assert "my sources don't cover" not in texts(dispatcher)
    assert {"event": "slot", "name": "programme", "value": "job-seeking-d10", "timestamp": None} in events


async def test_out_of_scope_naming_a_programme_but_asking_to_change_away_gets_the_contacts(dispatcher):
    await ActionOutOfScope().run(dispatcher, make_tracker("switch my D-10 to an E-7", "out_of_scope"), {})
    assert "my sources don't cover" in texts(dispatcher)


@pytest.mark.parametrize("text", ["what is G-1", "what about the E-8 visa", "and H-1B?", "tell me about D4"])
def test_a_visa_code_outside_the_catalogue_is_outside(text):
    assert outside_catalogue_topic(text) and is_visa_related(text)


@pytest.mark.parametrize(
    "text", [
        "I'm on D-2, can I work part time?",
        "is the F-2 status permanent",
        "I have a 2 year degree",
        "covid-19",
        "I have C1 English and B2 German, what are my options",
    ],
)
def test_the_codes_the_catalogue_uses_and_ordinary_numbers_are_not(text):
    assert not outside_catalogue_topic(text)


async def test_an_unknown_code_never_gets_the_programme_discussed_before(dispatcher, catalogue):
    tracker = make_tracker("what is G-1", "ask_overview", slots={"programme": "f2r-regional"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert "my sources don't cover" in texts(dispatcher) and events == []
    assert catalogue.programme("f2r-regional").name not in texts(dispatcher)


async def test_the_f2t_code_people_guess_gets_top_tier_saying_no_such_code_is_published(dispatcher, catalogue):
    tracker = make_tracker("what is F-2-T", "ask_overview", slots={"programme": "f2r-regional"})
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    name = catalogue.programme("top-tier").name
    assert text.startswith(f"**{name}**")  # the programme people mean by it
    assert f"Nothing has been published yet about a visa sub-code such as F-2-T for the {name}" in text


async def test_a_profile_understood_as_out_of_scope_gets_suggestions(dispatcher):
    text = "hi im 23 from vietnam studing AI master in seoul what visa can i get after"
    entities = [("age", "23"), ("country", "Vietnam"), ("field", "AI"), ("education", "master")]
    events = await ActionOutOfScope().run(dispatcher, make_tracker(text, "out_of_scope", entities), {})
    assert "best match first" in texts(dispatcher) and "my sources don't cover" not in texts(dispatcher)
    assert {"event": "slot", "name": "profile_given", "value": True, "timestamp": None} in events


async def test_a_profile_with_a_change_to_a_visa_outside_the_catalogue_still_gets_the_contacts(dispatcher):
    text = "I'm 30, from Vietnam, a master's in AI, how do I switch from D-10 to E-7"
    entities = [("age", "30"), ("country", "Vietnam"), ("field", "AI"), ("education", "master")]
    await ActionOutOfScope().run(dispatcher, make_tracker(text, "out_of_scope", entities), {})
    assert "my sources don't cover" in texts(dispatcher) and "best match first" not in texts(dispatcher)
