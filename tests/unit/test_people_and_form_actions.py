from actions.conversation_actions import ActionAskAffirmation, ActionAskRephrase, ActionDefaultFallback
from actions.form_actions import (
    ActionRecommend,
    ActionStartEligibility,
    ActionStopForm,
    ValidateEligibilityForm,
)
from actions.people_actions import ActionCheckCountry, ActionCheckField, ActionContacts, ActionHandoff
from actions.privacy_actions import ActionForgetMe
from tests.unit.conftest import make_tracker, slot_events, texts


async def test_country_among_the_war_participants(dispatcher):
    tracker = make_tracker("I'm from Colombia, can I apply for youth dream?", "check_country", {"country": "Colombia"})
    events = await ActionCheckCountry().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    assert "**Colombia** is one of the 22" in text and "combat" in text
    assert "Not published yet" in text and "KBS World 85662, Apr 2021" in text
    assert slot_events(events) == {"country": "Colombia", "programme": "youth-dream", "topic": "country check"}


async def test_country_found_by_demonym_in_the_text(dispatcher):
    tracker = make_tracker("i am ethiopian, can i go?", "check_country")
    await ActionCheckCountry().run(dispatcher, tracker, {})
    assert "**Ethiopia** is one of the 22" in texts(dispatcher)


async def test_country_not_among_the_22(dispatcher):
    await ActionCheckCountry().run(
        dispatcher, make_tracker("I'm from Vietnam", "check_country", {"country": "Vietnam"}), {}
    )
    text = texts(dispatcher)
    assert "**Vietnam** is not among the 22" in text and "Not published yet" in text


async def test_unknown_country_is_asked_again_politely(dispatcher):
    await ActionCheckCountry().run(
        dispatcher, make_tracker("I'm from Narnia", "check_country", {"country": "Narnia"}), {}
    )
    assert 'don\'t recognise "Narnia"' in texts(dispatcher)


async def test_field_check_for_a_named_sector(dispatcher, catalogue):
    tracker = make_tracker(
        "I work in robotics, does Top-Tier cover me?", "check_field", [("field", "robotics"), ("programme", "Top-Tier")]
    )
    events = await ActionCheckField().run(dispatcher, tracker, {})
    assert catalogue.coverage("robotics", "top-tier")[0].statement.text in texts(dispatcher)
    assert slot_events(events) == {"field": "robotics", "programme": "top-tier"}


async def test_field_check_for_an_unnamed_sector_is_not_a_final_no(dispatcher):
    await ActionCheckField().run(
        dispatcher,
        make_tracker("does top tier cover finance?", "check_field", [("field", "finance"), ("programme", "top tier")]),
        {},
    )
    assert "no published statement" in texts(dispatcher) and "not a final no" in texts(dispatcher)


async def test_contacts_and_handoff_come_from_the_catalogue(dispatcher, catalogue):
    await ActionContacts().run(dispatcher, make_tracker("phone number?", "ask_contacts"), {})
    await ActionHandoff().run(dispatcher, make_tracker("a human please", "human_handoff"), {})
    for contact in catalogue.contacts():
        assert texts(dispatcher).count(contact.name) >= 2


async def test_wizard_start_keeps_what_the_user_already_said(dispatcher):
    tracker = make_tracker(
        "which visa fits me? I'm 24, a Colombian", "recommend_visa", [("age", "24"), ("country", "Colombian")]
    )
    events = await ActionStartEligibility().run(dispatcher, tracker, {})
    assert slot_events(events) == {"age": "24", "country": "Colombia", "profile_given": None, "wizard_misses": None}
    assert dispatcher.messages[0]["response"] == "utter_form_intro"


async def test_form_validation_accepts_skips_and_rejects_nonsense(dispatcher):
    form = ValidateEligibilityForm()
    tracker = make_tracker("x", "inform", slots={"requested_slot": "age"})
    assert form.validate_age("skipped", dispatcher, tracker, {}) == {"age": "skipped"}
    assert form.validate_age("I'm 200", dispatcher, tracker, {}) == {"age": None, "wizard_misses": "age:1"}
    assert form.validate_age("29", dispatcher, tracker, {}) == {"age": "29"}
    rejected = await form.validate_country("Narnia", dispatcher, tracker, {})
    assert rejected == {"country": None, "wizard_misses": "country:1"}
    assert await form.validate_country("filipino", dispatcher, tracker, {}) == {"country": "Philippines"}
    assert form.validate_current_status("a dog", dispatcher, tracker, {}) == {
        "current_status": None,
        "wizard_misses": "current_status:1",
    }
    assert form.validate_education("MSc", dispatcher, tracker, {}) == {"education": "master"}
    assert await form.validate_field("pottery", dispatcher, tracker, {}) == {"field": "other:pottery"}
    assert "15 to 80" in texts(dispatcher) and "don't recognise that country" in texts(dispatcher)


async def test_form_steps_aside_for_a_question(dispatcher):
    form = ValidateEligibilityForm()
    question = make_tracker("what is the top tier visa?", "ask_overview", slots={"requested_slot": "age"})
    assert form._extract("age", question) == {}
    answer = make_tracker("skip", "inform", slots={"requested_slot": "age"})
    assert form._extract("age", answer) == {"age": "skipped"}


async def test_recommendation_from_slots(dispatcher, catalogue):
    tracker = make_tracker(
        "master's",
        "inform",
        slots={
            "age": "35",
            "country": "skipped",
            "current_status": "worker",
            "field": "semiconductors",
            "education": "phd",
        },
    )
    events = await ActionRecommend().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    assert text.index(catalogue.programme("top-tier").name) < text.index("2.")
    assert "not a decision" in text
    assert slot_events(events) == {"programme": "top-tier"}


async def test_stop_form(dispatcher):
    events = await ActionStopForm().run(dispatcher, make_tracker("stop", "stop", active_loop="eligibility_form"), {})
    assert dispatcher.messages[0]["response"] == "utter_form_stopped"
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


async def test_affirmation_offers_the_likeliest_meanings(dispatcher):
    tracker = make_tracker(
        "visa family thing",
        "nlu_fallback",
        ranking=[("nlu_fallback", 0.5), ("ask_family", 0.4), ("ask_benefits", 0.3), ("greet", 0.1)],
    )
    await ActionAskAffirmation().run(dispatcher, tracker, {})
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/ask_family", "/ask_benefits", "/out_of_scope"]


async def test_final_fallback_reverts_the_message(dispatcher):
    events = await ActionDefaultFallback().run(dispatcher, make_tracker("???", "nlu_fallback"), {})
    assert events == [{"event": "rewind", "timestamp": None}] and dispatcher.messages[0]["buttons"]


async def test_forget_me_resets_everything(dispatcher):
    events = await ActionForgetMe().run(dispatcher, make_tracker("forget me", "forget_me"), {})
    assert [e["event"] for e in events] == ["active_loop", "reset_slots", "restart"]


async def test_a_typed_out_of_scope_question_at_the_fallback_is_answered_and_ends_it(dispatcher):
    tracker = make_tracker("what's the weather in Busan?", "out_of_scope")
    events = await ActionAskRephrase().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    assert events == [{"event": "active_loop", "name": None, "timestamp": None}]


async def test_something_else_at_the_fallback_asks_to_rephrase(dispatcher):
    events = await ActionAskRephrase().run(dispatcher, make_tracker("/out_of_scope", "out_of_scope"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"] and events == []
