"""The conversation's decisions (visa_guide.assistant) on Turn objects, with the real catalogue: which entry a
question leads with, what the thread keeps, and what is left to the block answers."""

from __future__ import annotations

import pytest

from visa_guide.assistant import Turn, respond
from visa_guide.assistant.contacts import contact_reply
from visa_guide.assistant.fact_index import FactIndex, context_entries, entries_of
from visa_guide.assistant.profile import noted_reply
from visa_guide.assistant.thread import COUNTRY_TOPIC, question_terms
from visa_guide.assistant.words import stem, terms
from visa_guide.catalogue.queries import Catalogue


def first_line(reply) -> str:
    return reply.messages[0].text.splitlines()[0]


def test_words_fold_endings_spellings_and_codes() -> None:
    assert stem("applying") == stem("applies") == stem("apply")
    assert terms("How much must I earn on the D-10?") == ["incom", "d10"]
    assert terms("spouses") == terms("spouse") and terms("announcement") == terms("announced")
    assert terms("the E-7-4R visa") == ["e74r"]
    assert "family" not in STOP_WORDS_SAMPLE


STOP_WORDS_SAMPLE = set(terms("family children parents spouse"))


def test_a_question_about_one_fact_leads_with_it(catalogue: Catalogue) -> None:
    reply = respond(Turn("how many points do I need for the D-10?", "ask_eligibility"), catalogue)
    assert reply is not None and reply.kind == "fact"
    assert "at least 60 of 190 points" in first_line(reply)
    topic = "job-seeking-d10/points system"
    assert reply.slots == {"programme": "job-seeking-d10", "aspect": "eligibility", "topic": topic}


def test_a_follow_up_keeps_the_programme(catalogue: Catalogue) -> None:
    slots = {"programme": "job-seeking-d10", "aspect": "overview"}
    reply = respond(Turn("does it expire?", "ask_overview", slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] == "job-seeking-d10/maximum stay"
    # every version of a fact whose sources differ is shown, each with its own source
    assert "capped at 2 years" in reply.messages[0].text and "3 years" in reply.messages[0].text


def test_a_question_with_no_words_of_its_own_gets_the_whole_aspect(catalogue: Catalogue) -> None:
    reply = respond(Turn("who can apply for the F-2-R?", "ask_eligibility"), catalogue)
    assert reply is not None and reply.kind == "block"
    text = reply.messages[0].text
    assert "associate degree" in text and "TOPIK" in text and "same workplace" in text


def test_the_overview_leads_with_what_it_is_and_points_to_the_rest(catalogue: Catalogue) -> None:
    reply = respond(Turn("what is the youth dream visa?", "ask_overview"), catalogue)
    assert reply is not None
    assert "young foreigners" in first_line(reply)
    assert any(line.startswith("More on Youth Dream visa:") for line in reply.messages[0].text.splitlines())
    assert [b.payload for b in reply.messages[0].buttons][0].startswith("/ask_eligibility")


def test_a_question_asked_in_no_programme_thread_is_left_to_the_blocks(catalogue: Catalogue) -> None:
    assert respond(Turn("what are the requirements?", "ask_eligibility"), catalogue) is None


def test_a_button_is_left_to_the_block_answers(catalogue: Catalogue) -> None:
    assert respond(Turn('/ask_eligibility{"programme": "top-tier"}', "ask_eligibility"), catalogue) is None


def test_a_gap_leads_when_it_is_what_was_asked(catalogue: Catalogue) -> None:
    reply = respond(Turn("what are the fees for the D-10?", "ask_fees"), catalogue)
    assert reply is not None and reply.kind == "gap"
    assert "My sources don't cover fees for the D-10" in reply.messages[0].text
    assert "1345" in reply.messages[0].text


def test_another_country_after_a_country_check_is_checked(catalogue: Catalogue) -> None:
    slots = {"programme": "youth-dream", "topic": COUNTRY_TOPIC, "country": "Turkey"}
    reply = respond(Turn("and norway?", "inform", entities={"country": ["Norway"]}, slots=slots), catalogue)
    assert reply is not None and reply.kind == "country"
    assert first_line(reply).startswith("**Norway** is one of the 22 countries")
    assert reply.slots["country"] == "Norway"


def test_a_remembered_country_answers_the_youth_dream_question(catalogue: Catalogue) -> None:
    slots = {"country": "Chile"}
    reply = respond(Turn("can I apply for the youth dream visa?", "ask_eligibility", slots=slots), catalogue)
    assert reply is not None and reply.kind == "country" and "**Chile**" in first_line(reply)


def test_a_visa_outside_the_catalogue_gets_the_contacts(catalogue: Catalogue) -> None:
    for text in ("I'm married to a Korean, can you help me with a visa?", "how do I get an F-6 visa?"):
        reply = respond(Turn(text, "ask_application"), catalogue)
        assert reply is not None and reply.kind == "not_covered", text
        assert "don't cover" in reply.messages[0].text and "1345" in reply.messages[0].text


def test_an_outside_topic_in_a_programme_thread_is_answered_from_it(catalogue: Catalogue) -> None:
    slots = {"programme": "top-tier"}
    reply = respond(Turn("can I get permanent residence later?", "ask_benefits", slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] == "top-tier/permanent residence"
    other = respond(Turn("what is G-1?", "ask_overview", slots={"programme": "f2r-regional"}), catalogue)
    assert other is not None and other.kind == "not_covered"


def test_after_a_comparison_both_sides_answer(catalogue: Catalogue) -> None:
    slots = {"programme": "youth-dream", "compared": "top-tier,youth-dream"}
    question = Turn("which is better if I only have a bachelor's degree?", "ask_eligibility", slots=slots)
    reply = respond(question, catalogue)
    assert reply is not None
    text = reply.messages[0].text
    assert "Top-Tier visa" in text and "Youth Dream visa" in text


def test_the_background_is_searched_for_a_context_question(catalogue: Catalogue) -> None:
    reply = respond(Turn("how many foreigners live in Korea?", "ask_context"), catalogue)
    assert reply is not None and reply.slots["topic"] == "context/foreign-population"


def test_question_terms_keep_a_name_word_that_is_a_topic() -> None:
    assert question_terms("can I intern on the D-10?", ["d-10", "internship"], {"internship"}) == ["internship"]


def test_bm25_and_tfidf_rank_the_same_obvious_fact_first(catalogue: Catalogue) -> None:
    programme = catalogue.programme("job-seeking-d10")
    entries = entries_of(programme, catalogue.facts(programme.id), catalogue.gaps(programme.id))
    entries += context_entries(catalogue.context_facts())
    for ranker in ("bm25", "tfidf"):
        hits = FactIndex(entries, ranker).search(terms("apply from abroad"), ["job-seeking-d10"])
        assert hits[0].entry.topic == "applying from abroad", ranker


@pytest.mark.parametrize(
    ("question", "contact"),
    [
        ("is the hotline open on weekends?", "immigration-contact-center"),
        ("what is the hikorea website for?", "hikorea"),
    ],
)
def test_a_question_about_one_contact_leads_with_it(catalogue: Catalogue, question: str, contact: str) -> None:
    reply = contact_reply(Turn(question, "ask_contacts"), catalogue)
    assert reply is not None and reply.slots["topic"] == f"contacts/{contact}"
    assert contact_reply(Turn("contacts please", "ask_contacts"), catalogue) is None


def test_a_profile_detail_in_passing_is_noted() -> None:
    reply = noted_reply({"country": "Chile"})
    assert reply.slots == {"country": "Chile"}
    assert reply.messages[0].text.startswith("Noted (from Chile).")


def test_a_visa_code_the_programmes_facts_use_is_not_foreign(catalogue: Catalogue) -> None:
    slots = {"programme": "k-star", "topic": "k-star/no job required"}
    reply = respond(Turn("and when can I get the F-5?", "ask_timeline", slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] == "k-star/permanent residence"
    elsewhere = respond(Turn("and when can I get the E-2?", "ask_timeline", slots=slots), catalogue)
    assert elsewhere is not None and elsewhere.kind == "not_covered"


def test_a_follow_up_is_ranked_with_the_topic_answered_last_but_not_repeated(catalogue: Catalogue) -> None:
    slots = {"programme": "top-tier", "topic": "top-tier/spouse work", "aspect": "family"}
    reply = respond(Turn("when was that reported?", "ask_timeline", slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] == "top-tier/spouse work news"
    slots = {"programme": "top-tier", "topic": "top-tier/number of industries", "aspect": "fields"}
    reply = respond(Turn("which ones were named at launch?", "list_programmes", 0.58, slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] != "top-tier/number of industries"


def test_an_unsure_group_intent_does_not_leave_the_programme_discussed(catalogue: Catalogue) -> None:
    slots = {"programme": "top-tier", "topic": "top-tier/spouse work"}
    unsure = respond(Turn("when was that reported?", "ask_after_graduation", 0.58, slots=slots), catalogue)
    assert unsure is not None and unsure.slots["programme"] == "top-tier"


def test_a_gap_of_the_leading_facts_aspect_follows_it(catalogue: Catalogue) -> None:
    turn = Turn("when will the wider job access for international students start?", "ask_timeline")
    reply = respond(turn, catalogue)
    assert reply is not None and reply.kind == "fact"
    lines = reply.messages[0].text.splitlines()
    assert "announced" in lines[0] and any("start date" in line for line in lines[1:])


@pytest.mark.parametrize(
    ("text", "slots", "programme"),
    [
        ("How long does F-2-R processing take?", {}, "F-2-R"),
        ("How long does it take to get a D-10 approved?", {}, "D-10"),
        ("how long does processing take?", {"programme": "e-7-4r"}, "E-7-4R"),
    ],
)
def test_processing_time_is_not_answered_with_another_fact(
    catalogue: Catalogue, text: str, slots: dict, programme: str
) -> None:
    reply = respond(Turn(text, "ask_timeline", slots=slots), catalogue)
    assert reply is not None and reply.kind == "gap"
    assert "don't cover processing time" in first_line(reply) and programme in first_line(reply)


def test_what_is_the_programme_gets_what_it_is_whatever_else_the_message_says(catalogue: Catalogue) -> None:
    text = "I finished my master's at a top-100 university abroad and I'm still job hunting. What is the D-10 visa?"
    reply = respond(Turn(text, "ask_overview"), catalogue)
    assert reply is not None and reply.slots["topic"] == "job-seeking-d10/what it is"
    kenya = "Hi, I'm 24 and from Kenya. What's this Youth Dream visa?"
    reply = respond(Turn(kenya, "recommend_visa", entities={"country": ["Kenya"]}), catalogue)
    assert reply is not None and reply.slots["topic"] == "youth-dream/what it is"
    quota = respond(Turn("What's the F-2-R quota that local areas got in 2025?", "ask_overview"), catalogue)
    assert quota is not None and quota.slots["topic"] == "f2r-regional/places allocated"


def test_a_programme_named_by_its_name_wins_a_near_tie_with_a_keyword(catalogue: Catalogue) -> None:
    reply = respond(Turn("can I do an internship on my D-10 visa?", "ask_after_graduation"), catalogue)
    # the two programmes state the same rule; either answers, the reporting rule must not
    assert reply is not None and reply.slots["topic"].endswith(("d10/internships", "internships on D-10"))
    reply = respond(Turn("when do I have to report an internship on the D-10?", "ask_application"), catalogue)
    assert reply is not None and reply.slots["topic"] == "post-graduation-internship/reporting the internship"


def test_a_follow_up_the_programme_cannot_answer_is_answered_by_its_group(catalogue: Catalogue) -> None:
    slots = {"programme": "job-seeking-d10", "topic": "job-seeking-d10/internships"}
    reply = respond(Turn("do I need to report it?", "ask_after_graduation", 0.98, slots=slots), catalogue)
    assert reply is not None and reply.slots["topic"] == "post-graduation-internship/reporting the internship"


def test_a_programme_name_with_another_ending_is_still_its_name(catalogue: Catalogue) -> None:
    text = "when were the longer post-graduation internships announced?"
    reply = respond(Turn(text, "ask_after_graduation", 0.88), catalogue)
    assert reply is not None and reply.slots["topic"] == "post-graduation-internship/announcement"


def test_a_when_question_gets_the_unpublished_date_beside_the_plan(catalogue: Catalogue) -> None:
    reply = respond(Turn("when do the extended post graduation internships begin", "ask_after_graduation"), catalogue)
    assert reply is not None and "start date" in reply.messages[0].text


def test_pr_is_permanent_residence_and_never_answered_by_another_rule(catalogue: Catalogue) -> None:
    reply = respond(Turn("and what about PR?", "ask_benefits", slots={"programme": "k-star"}), catalogue)
    assert reply is not None and reply.slots["topic"] == "k-star/permanent residence"
    reply = respond(Turn("how long to PR on the F-2-R?", "ask_timeline"), catalogue)
    assert reply is not None and reply.kind == "gap" and "don't cover" in first_line(reply)
