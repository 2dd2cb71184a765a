"""A profile in one message: suggestions at once, then an offer to refine only what could change them."""

from __future__ import annotations

import pytest

from actions.form_actions import ActionRecommend, ActionStartEligibility, refine_offer
from tests.unit.conftest import make_tracker, slot_events, texts
from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.profile.parsing import SKIPPED, enough_for_suggestions
from visa_guide.profile.refine import TOP_SUGGESTIONS, items_that_matter


@pytest.mark.parametrize(
    ("in_message", "known", "asked", "expected"),
    [
        (["age", "country", "field"], [], True, True),  # three in one message
        (["age", "country", "field"], [], False, True),  # the same without a question ("inform")
        (["age", "country"], [], True, False),  # two: the questions ask for the rest
        ([], [], True, False),  # "which visa fits me?" with no profile: the questions
        (["education"], ["age", "current_status"], False, True),  # one more detail after suggestions
        ([], ["age", "current_status", "field"], True, True),  # asked again, the profile is known
        ([], ["age", "current_status", "field"], False, False),  # nothing new and no question
        (["name", "hobby", "pet"], [], True, False),  # only profile items count
    ],
)
def test_enough_for_suggestions(in_message, known, asked, expected):
    assert enough_for_suggestions(in_message, known, asked) is expected


async def test_a_profile_in_one_message_goes_straight_to_suggestions(dispatcher):
    tracker = make_tracker("I'm 24, Vietnamese, studying AI in Seoul, what are my options?", "recommend_visa")
    events = await ActionStartEligibility().run(dispatcher, tracker, {})
    slots = slot_events(events)
    assert slots["profile_given"] is True
    assert {k: slots[k] for k in ("age", "country", "current_status", "field")} == {
        "age": "24",
        "country": "Vietnam",
        "current_status": "student",
        "field": "ai",
    }
    assert dispatcher.messages == []  # no wizard introduction: the suggestions follow (data/rules.yml)


async def test_which_visa_fits_me_without_a_profile_starts_the_questions(dispatcher):
    events = await ActionStartEligibility().run(dispatcher, make_tracker("which visa fits me?", "recommend_visa"), {})
    assert slot_events(events)["profile_given"] is None
    assert dispatcher.messages[0]["response"] == "utter_form_intro"


async def test_one_more_detail_after_suggestions_counts_with_the_earlier_ones(dispatcher):
    tracker = make_tracker(
        "I have a master's", "inform", {"education": "master's"}, slots={"age": "31", "current_status": "worker"}
    )
    events = await ActionStartEligibility().run(dispatcher, tracker, {})
    assert slot_events(events)["education"] == "master" and slot_events(events)["profile_given"] is True


def _baseline(catalogue, profile):
    return [r.programme.id for r in recommend(catalogue.programmes(), profile)[:TOP_SUGGESTIONS]]


def test_items_that_matter_are_those_that_can_reorder_the_top(catalogue):
    programmes = catalogue.programmes()
    participants = catalogue.war_participants()[:1]
    profile = Profile(age=31, current_status="worker", field="robotics", field_name="robotics", education="phd")
    wanted = items_that_matter(programmes, profile, ["country"], participants)
    with_country = Profile(**{**profile.__dict__, "country": participants[0]})
    changes = _baseline(catalogue, with_country) != _baseline(catalogue, profile)
    assert (wanted == ["country"]) is changes
    assert items_that_matter(programmes, profile, [], participants) == []


def test_an_item_no_programme_uses_is_never_asked(catalogue):
    """An item that no answer could move in the ranking is left out (checked against the recommender)."""
    programmes = catalogue.programmes()
    profile = Profile(country=catalogue.war_participants()[0], current_status="student", field="ai", field_name="AI")
    wanted = items_that_matter(programmes, profile, ["age", "education"], catalogue.war_participants()[:1])
    for item in ("age", "education"):
        values = range(15, 81) if item == "age" else ("none", "high_school", "bachelor", "master", "phd")
        moves = any(
            _baseline(catalogue, Profile(**{**profile.__dict__, item: v})) != _baseline(catalogue, profile)
            for v in values
        )
        assert (item in wanted) is moves


async def test_suggestions_offer_to_refine_only_what_matters(dispatcher, catalogue):
    slots = {"age": "31", "current_status": "worker", "field": "robotics", "education": "phd"}
    await ActionRecommend().run(dispatcher, make_tracker("I'm 31, robotics engineer, PhD", "inform", slots=slots), {})
    wanted = items_that_matter(
        catalogue.programmes(),
        Profile(age=31, current_status="worker", field="robotics", field_name="robotics", education="phd"),
        ["country"],
        catalogue.war_participants()[:1],
    )
    text = texts(dispatcher)
    assert catalogue.programme("top-tier").name in dispatcher.messages[0]["text"]
    assert ("your nationality" in text) is bool(wanted)
    assert len(dispatcher.messages) == (2 if wanted else 1)
    assert "your age" not in text and "your highest degree" not in text  # given already


async def test_no_offer_after_the_wizard_asked_everything(dispatcher):
    slots = {"age": SKIPPED, "country": SKIPPED, "current_status": "worker", "field": SKIPPED, "education": "phd"}
    await ActionRecommend().run(dispatcher, make_tracker("PhD", "inform", slots=slots), {})
    assert len(dispatcher.messages) == 1 and "sharpen" not in texts(dispatcher)


def test_refine_offer_names_the_items_and_offers_buttons_for_a_choice():
    offer = refine_offer(["country", "education"])
    assert "your nationality and your highest degree" in offer["text"]
    assert [b["payload"] for b in offer["buttons"]][0] == '/inform{"education": "bachelor"}'
    assert refine_offer(["age"])["buttons"] == []
    for wording in ("qualif", "eligible", "you can get", "you will get"):
        assert wording not in offer["text"].lower()


async def test_an_unclear_question_with_a_whole_profile_still_gets_suggestions(dispatcher, catalogue):
    from actions.conversation_actions import ActionAskAffirmation

    tracker = make_tracker(
        "I'm 24, Vietnamese, studying AI in Seoul, what are my options?",
        "nlu_fallback",
        ranking=[("nlu_fallback", 0.5), ("recommend_visa", 0.4)],
    )
    events = await ActionAskAffirmation().run(dispatcher, tracker, {})
    assert slot_events(events)["profile_given"] is True and slot_events(events)["country"] == "Vietnam"
    assert "1. **" in dispatcher.messages[0]["text"] and "Did you mean" not in texts(dispatcher)


async def test_an_unclear_question_with_little_profile_gets_the_usual_choices(dispatcher):
    from actions.conversation_actions import ActionAskAffirmation

    tracker = make_tracker("blah I'm a student", "nlu_fallback", ranking=[("nlu_fallback", 0.5), ("inform", 0.4)])
    assert await ActionAskAffirmation().run(dispatcher, tracker, {}) == []
    assert "Did you mean" in texts(dispatcher)


def _after_suggestions(text: str, intent: str, entities: dict[str, str], slots: dict, last_action: str):
    """A tracker whose latest message follows `last_action` (e.g. the suggestions with their offer)."""
    tracker = make_tracker(text, intent, entities, slots=slots)
    user = tracker.events[-1]
    tracker.events[:] = [
        {"event": "user", "text": "earlier", "parse_data": {}},
        {"event": "action", "name": last_action},
        {"event": "action", "name": "action_listen"},
        user,
    ]
    return tracker


PROFILE = {"age": "31", "current_status": "worker", "field": "robotics", "education": "phd", "profile_given": True}


async def test_a_country_check_right_after_the_offer_refines_the_suggestions(dispatcher, catalogue):
    from actions.people_actions import ActionCheckCountry

    participant = catalogue.war_participants()[0].name
    tracker = _after_suggestions(
        f"I'm from {participant}", "check_country", {"country": participant}, PROFILE, "action_recommend"
    )
    events = await ActionCheckCountry().run(dispatcher, tracker, {})
    assert slot_events(events)["country"] == participant
    assert "1. **" in dispatcher.messages[0]["text"]  # ranked again, with the nationality
    assert "your nationality" not in texts(dispatcher)


async def test_a_country_check_elsewhere_is_an_ordinary_country_check(dispatcher, catalogue):
    from actions.people_actions import ActionCheckCountry

    participant = catalogue.war_participants()[0].name
    tracker = _after_suggestions(
        f"I'm from {participant}", "check_country", {"country": participant}, PROFILE, "action_answer_aspect"
    )
    await ActionCheckCountry().run(dispatcher, tracker, {})
    assert "1. **" not in texts(dispatcher) and f"**{participant}**" in texts(dispatcher)


async def test_a_detail_with_nothing_of_a_profile_offers_the_likeliest_meanings_not_the_wizard(dispatcher):
    ranking = [("inform", 0.5), ("ask_contacts", 0.3), ("ask_processing", 0.1)]
    tracker = make_tracker("what hours is 1345 open", "inform", ranking=ranking)
    events = await ActionStartEligibility().run(dispatcher, tracker, {})
    assert events == [{"event": "slot", "name": "profile_given", "value": False, "timestamp": None}]
    [message] = dispatcher.messages
    assert message["text"] == "I'm not sure I understood. Did you mean one of these?"
    assert [b["payload"] for b in message["buttons"]] == ["/ask_contacts", "/ask_processing", "/out_of_scope"]


async def test_a_detail_in_passing_is_kept_and_does_not_start_the_wizard(dispatcher):
    events = await ActionStartEligibility().run(dispatcher, make_tracker("I'm 24", "inform", {"age": "24"}), {})
    assert events == [
        {"event": "slot", "name": "age", "value": "24", "timestamp": None},
        {"event": "slot", "name": "profile_given", "value": False, "timestamp": None},
    ]
    assert dispatcher.messages[0]["text"].startswith("Noted (age 24).")
