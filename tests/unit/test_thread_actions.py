"""The thin actions over the assistant's decisions, on Tracker.from_dict: the exact list of events each returns."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, Restarted, SlotSet

from actions.conversation_actions import ActionAskAffirmation, ActionRestart, ActionSmallTalk
from actions.people_actions import ActionCheckCountry, ActionContacts
from actions.programme_actions import ActionAnswerAspect, ActionCompareProgrammes
from tests.unit.conftest import make_tracker


async def test_a_question_about_one_fact_sets_the_thread(dispatcher):
    tracker = make_tracker("how many points does the D-10 need?", "ask_eligibility", {"programme": "d-10"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("programme", "job-seeking-d10"),
        SlotSet("aspect", "eligibility"),
        SlotSet("topic", "job-seeking-d10/points system"),
    ]
    assert "at least 60 of 190 points" in dispatcher.messages[0]["text"].splitlines()[0]


async def test_another_country_after_a_check(dispatcher):
    slots = {"programme": "youth-dream", "topic": "country check", "country": "Turkey"}
    tracker = make_tracker("and norway?", "check_country", {"country": "Norway"}, slots=slots)
    events = await ActionCheckCountry().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("country", "Norway"),
        SlotSet("topic", "country check"),
        SlotSet("programme", "youth-dream"),
    ]


async def test_a_comparison_remembers_the_pair(dispatcher):
    tracker = make_tracker(
        "compare top tier and youth dream",
        "compare_programmes",
        [("programme", "top tier"), ("programme", "youth dream")],
    )
    events = await ActionCompareProgrammes().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("programme", "youth-dream"),
        SlotSet("compared", "top-tier,youth-dream"),
        SlotSet("topic", None),
    ]


async def test_a_fact_question_at_the_fallback_is_answered_and_ends_it(dispatcher):
    tracker = make_tracker("d10 from abroad within a year of graduating?", "nlu_fallback")
    events = await ActionAskAffirmation().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("programme", "job-seeking-d10"),
        SlotSet("aspect", "application"),
        SlotSet("topic", "job-seeking-d10/applying from abroad"),
        ActiveLoop(None),
    ]
    assert "Did you mean" not in dispatcher.messages[0]["text"]


async def test_a_question_taken_for_a_goodbye_in_a_thread_is_answered(dispatcher):
    tracker = make_tracker("and can we get permanent residence later?", "goodbye", slots={"programme": "top-tier"})
    events = await ActionSmallTalk().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("programme", "top-tier"),
        SlotSet("aspect", "benefits"),
        SlotSet("topic", "top-tier/permanent residence"),
    ]


async def test_a_goodbye_is_a_goodbye(dispatcher):
    events = await ActionSmallTalk().run(
        dispatcher, make_tracker("bye!", "goodbye", slots={"programme": "top-tier"}), {}
    )
    assert events == [] and dispatcher.messages[0]["response"] == "utter_goodbye"


async def test_start_over_greets_and_restarts(dispatcher):
    events = await ActionRestart().run(dispatcher, make_tracker("start over", "restart"), {})
    assert events == [Restarted()] and dispatcher.messages[0]["response"] == "utter_greet"


async def test_a_contact_question_leads_with_that_contact(dispatcher):
    events = await ActionContacts().run(
        dispatcher, make_tracker("what is the hikorea website for?", "ask_contacts"), {}
    )
    assert events == [SlotSet("topic", "contacts/hikorea")]
    assert dispatcher.messages[0]["text"].startswith("**HiKorea**")


async def test_would_it_work_for_me_checks_the_country_given_before_not_the_wizard(dispatcher):
    from actions.form_actions import ActionStartEligibility

    slots = {"programme": "youth-dream", "topic": "youth-dream/what it is", "country": "Kenya"}
    tracker = make_tracker("would it work for me?", "recommend_visa", slots=slots)
    events = await ActionStartEligibility().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("country", "Kenya"),
        SlotSet("topic", "country check"),
        SlotSet("programme", "youth-dream"),
        SlotSet("profile_given", False),
    ]
    assert "Kenya** is not among the 22 countries" in dispatcher.messages[0]["text"]


async def test_a_question_after_a_comparison_is_answered_not_handed_to_a_person(dispatcher):
    from actions.people_actions import ActionHandoff

    slots = {"programme": "f2r-regional", "compared": "top-tier,f2r-regional"}
    tracker = make_tracker("which is better for someone with only a bachelor's?", "handoff", slots=slots)
    events = await ActionHandoff().run(dispatcher, tracker, {})
    assert events == [SlotSet("topic", "top-tier/education")]
    assert "transfer you" not in dispatcher.messages[0]["text"]
