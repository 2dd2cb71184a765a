import pytest

from actions.programme_actions import (
    ActionAnswerAspect,
    ActionAnswerContext,
    ActionAnswerTopic,
    ActionCapabilities,
    ActionCompareProgrammes,
    ActionListProgrammes,
)
from tests.unit.conftest import make_tracker, slot_events, texts


async def test_overview_reads_the_catalogue_with_status_source_and_confirmation(dispatcher, catalogue):
    tracker = make_tracker("what is the top tier visa?", "ask_overview", {"programme": "top tier visa"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    [what_it_is] = [f for f in catalogue.facts("top-tier", ("overview",)) if f.in_summary]
    statement = what_it_is.versions[0]
    # the overview leads with what the programme is, with its status and dated source
    assert text.startswith(f"**Top-Tier visa** (in force): {statement.text} ({statement.status}; ")
    assert "KoreaTechToday, 27 Sep 2024" in text and "1345" in text
    assert slot_events(events) == {"programme": "top-tier", "aspect": "overview", "topic": "top-tier/what it is"}
    assert dispatcher.messages[0]["buttons"]


async def test_follow_up_without_a_programme_uses_the_last_one(dispatcher, catalogue):
    tracker = make_tracker("and can my family come too?", "ask_family", slots={"programme": "top-tier"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    family = catalogue.facts("top-tier", ("family",))
    assert texts(dispatcher).startswith("**Top-Tier visa**")
    assert family[0].versions[0].text in texts(dispatcher).splitlines()[0]
    assert slot_events(events)["programme"] == "top-tier"


async def test_switching_programme_keeps_the_aspect(dispatcher):
    tracker = make_tracker(
        "what about the youth dream one?",
        "switch_programme",
        {"programme": "youth dream"},
        slots={"programme": "top-tier", "aspect": "eligibility"},
    )
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert "Youth Dream" in texts(dispatcher) and "who can apply" in texts(dispatcher)
    assert slot_events(events)["programme"] == "youth-dream" and slot_events(events)["aspect"] == "eligibility"


async def test_sources_differ_is_said(dispatcher):
    # F-2-R's residence period is a real conflict; Top-Tier's salary figures are one rule since the audit
    tracker = make_tracker("how long must I live in the region for f-2-r", "ask_eligibility", {"programme": "f-2-r"})
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert "sources differ on residence period" in texts(dispatcher).lower()


async def test_an_aspect_missing_from_my_sources_says_so(dispatcher, catalogue):
    # visa-facts.md lists Youth Dream fees as nothing it found "not published": my sources just lack them
    tracker = make_tracker("youth dream fees?", "ask_fees", {"programme": "youth dream"})
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    assert not catalogue.facts("youth-dream", ("fees",)) and not catalogue.gaps("youth-dream", ("fees",))
    assert "My sources don't cover fees" in text and "1345" in text
    assert "published" not in text


async def test_unpublished_aspect_says_so(dispatcher, catalogue):
    tracker = make_tracker("when does youth dream start?", "ask_timeline", {"programme": "youth dream"})
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    gaps = catalogue.gaps("youth-dream", ("timeline",))
    assert gaps and f"Nothing has been published yet about {gaps[0].topic} for the Youth Dream" in texts(dispatcher)


async def test_no_programme_known_asks_which_one(dispatcher):
    tracker = make_tracker("what are the requirements?", "ask_eligibility")
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["response"] == "utter_ask_which_programme"
    assert any('"programme": "top-tier"' in b["payload"] for b in message["buttons"])


async def test_list_programmes_lists_every_programme_with_status(dispatcher, catalogue):
    await ActionListProgrammes().run(dispatcher, make_tracker("which visas?", "list_programmes"), {})
    for programme in catalogue.programmes():
        assert f"**{programme.name}** ({programme.status})" in texts(dispatcher)


async def test_capabilities_name_the_programmes(dispatcher, catalogue):
    await ActionCapabilities().run(dispatcher, make_tracker("what can you do", "what_can_you_do"), {})
    assert all(p.name in texts(dispatcher) for p in catalogue.programmes())


@pytest.mark.parametrize("intent, category", [("ask_regional", "regional"), ("ask_after_graduation", "student")])
async def test_topics_list_their_programmes(dispatcher, catalogue, intent, category):
    await ActionAnswerTopic().run(dispatcher, make_tracker("tell me", intent), {})
    expected = [p.name for p in catalogue.programmes() if p.category == category]
    assert expected and all(name in texts(dispatcher) for name in expected)


async def test_nonspecialized_jobs_answers_that_programme(dispatcher):
    events = await ActionAnswerTopic().run(
        dispatcher, make_tracker("can students work part time", "ask_nonspecialized_jobs"), {}
    )
    assert slot_events(events)["programme"] == "nonspecialized-jobs-students"


async def test_context_numbers(dispatcher, catalogue):
    await ActionAnswerContext().run(dispatcher, make_tracker("how many foreigners live in korea", "ask_context"), {})
    population = catalogue.context_facts(("foreign-population",))[0]
    assert population.versions[0].text in texts(dispatcher)


async def test_compare_two_named_programmes(dispatcher):
    tracker = make_tracker(
        "compare top tier and youth dream",
        "compare_programmes",
        [("programme", "top tier"), ("programme", "youth dream")],
    )
    await ActionCompareProgrammes().run(dispatcher, tracker, {})
    text = texts(dispatcher)
    assert "**Top-Tier visa**" in text and "Youth Dream" in text and "Who can apply" in text


async def test_compare_with_one_name_uses_the_last_programme(dispatcher):
    tracker = make_tracker(
        "how does it compare with D-10", "compare_programmes", {"programme": "D-10"}, slots={"programme": "top-tier"}
    )
    await ActionCompareProgrammes().run(dispatcher, tracker, {})
    assert "**Top-Tier visa**" in texts(dispatcher) and "D-10" in texts(dispatcher)


async def test_compare_without_names_offers_pairs(dispatcher):
    await ActionCompareProgrammes().run(dispatcher, make_tracker("compare them", "compare_programmes"), {})
    assert dispatcher.messages[0]["buttons"]


async def test_the_regional_visa_named_as_a_group_asks_which_not_the_programme_discussed_before(dispatcher, catalogue):
    tracker = make_tracker("when does the regional visa start", "ask_timeline", slots={"programme": "youth-dream"})
    events = await ActionAnswerAspect().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_which_programme"
    offered = [b["payload"] for b in message["buttons"]]
    regional = [p.id for p in catalogue.programmes() if p.category == "regional"]
    assert len(offered) == len(regional) >= 2 and all(any(pid in b for b in offered) for pid in regional)
    assert events == [{"event": "slot", "name": "aspect", "value": "timeline", "timestamp": None}]


async def test_a_named_regional_programme_is_answered_directly(dispatcher, catalogue):
    question = "when does the F-2-R regional visa start"
    tracker = make_tracker(question, "ask_timeline", slots={"programme": "youth-dream"})
    await ActionAnswerAspect().run(dispatcher, tracker, {})
    assert catalogue.programme("f2r-regional").name in dispatcher.messages[0]["text"]
