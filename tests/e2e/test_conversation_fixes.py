"""Over REST on the real servers: a profile in one message, refining suggestions, the wizard's skip after two
unusable answers, visa questions outside the catalogue, and messages in other languages."""

from __future__ import annotations

import pytest

from runtime.channels.guard import ENGLISH_ONLY, KOREAN_ENGLISH_ONLY
from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.profile.refine import items_that_matter

pytestmark = pytest.mark.e2e

FORM_INTRO = "I'll ask up to five short questions"


def ranked_names(text: str, catalogue) -> list[str]:
    """The programme names in the order the answer lists them."""
    names = [p.name for p in catalogue.programmes() if f"**{p.name}**" in text]
    return sorted(names, key=lambda name: text.index(f"**{name}**"))


def expected_order(catalogue, profile: Profile) -> list[str]:
    programmes = catalogue.programmes()
    gaps = {p.id: [g.topic for g in catalogue.gaps(p.id, ("eligibility",))] for p in programmes}
    return [rec.programme.name for rec in recommend(programmes, profile, gaps)]


def test_a_profile_in_one_message_gets_suggestions_at_once(chat, catalogue):
    text = chat.text("I'm 24, Vietnamese, studying AI in Seoul, what are my options?")
    assert FORM_INTRO not in text and "How old are you" not in text
    shown = ranked_names(text, catalogue)
    assert "1. **" in text and len(shown) >= 2
    # the order is the recommender's for the profile read from the text ("Vietnamese" is a nationality)
    profile = Profile(
        age=24, country=catalogue.find_country("Vietnam"), current_status="student", field="ai", field_name="AI"
    )
    assert shown == expected_order(catalogue, profile)[: len(shown)]


def test_the_offer_to_refine_names_only_what_could_change_the_order(chat, catalogue):
    text = chat.text("which visa fits me? I'm 31, I work as a robotics engineer and I have a PhD")
    assert FORM_INTRO not in text and "1. **" in text
    profile = Profile(age=31, current_status="worker", field="robotics", field_name="robotics", education="phd")
    wanted = items_that_matter(catalogue.programmes(), profile, ["country"], catalogue.war_participants()[:1])
    assert ("your nationality" in text) is ("country" in wanted)
    for given in ("your age", "your field", "your highest degree"):
        assert given not in text


def test_a_detail_given_after_the_suggestions_refines_them(chat, catalogue):
    first = chat.text("I'm 27 and a student in semiconductors. Which visa suits me?")
    assert FORM_INTRO not in first and "1. **" in first
    participant = catalogue.war_participants()[0].name
    second = chat.text(f'/inform{{"country": "{participant}"}}')
    assert "1. **" in second and participant in second  # ranked again, now with the nationality


def test_a_nationality_typed_after_the_offer_refines_the_suggestions(chat, catalogue):
    first = chat.text("I'm 27 and a student in semiconductors. Which visa suits me?")
    assert "your nationality" in first  # the recommender says a nationality could change the order
    participant = catalogue.war_participants()[0].name
    second = chat.text(f"I'm from {participant}")
    assert "1. **" in second and participant in second and "your nationality" not in second


def test_the_question_without_a_profile_still_starts_the_wizard(chat):
    text = chat.text("which visa fits me?")
    assert FORM_INTRO in text and "How old are you" in text


def test_the_wizard_skips_a_question_after_two_unusable_answers(chat):
    assert "How old are you" in chat.text("which visa fits me?")
    first = chat.text("banana")
    assert "Please give your age as a number" in first and "skip this question" not in first
    second = chat.text("still banana")
    assert "skip this question" in second and "your age" in second
    assert "Which country" in second  # and it goes on with the next question


@pytest.mark.parametrize(
    "question",
    [
        "how do I renew my alien registration card?",
        "can I change my D-10 visa to an E-7?",
        "what is the age limit for the working holiday visa?",
        "how can I extend my visa?",
    ],
)
def test_visa_questions_outside_the_catalogue_point_to_the_official_help(chat, catalogue, question):
    text = chat.text(question)
    assert "my sources don't cover" in text, text
    hotline, portal = catalogue.contacts()[0], catalogue.contacts()[1]
    assert hotline.phone in text and portal.name in text and "immigration office" in text
    assert "outside what I know" not in text


def test_unrelated_questions_still_get_the_generic_line(chat):
    text = chat.text("what's the weather like in Busan tomorrow?")
    assert "outside what I know" in text and "my sources don't cover" not in text


def test_a_message_in_korean_gets_a_short_korean_reply(chat, catalogue):
    text = chat.text("탑티어 비자 신청 자격이 어떻게 되나요?")
    hotline = next(c for c in catalogue.contacts() if c.phone)
    assert text.startswith(KOREAN_ENGLISH_ONLY) and hotline.phone in text
    assert "Sorry" not in text


@pytest.mark.parametrize(
    "message",
    [
        "Hola, quiero saber qué visa necesito para trabajar en Corea",
        "Bonjour, je suis étudiant, quel visa pour travailler en Corée ?",
        "Какая виза мне нужна для работы в Корее?",
        "Tôi muốn xin visa để làm việc ở Hàn Quốc",
    ],
)
def test_a_message_in_another_language_gets_the_same_in_english(chat, catalogue, message):
    text = chat.text(message)
    hotline = next(c for c in catalogue.contacts() if c.phone)
    assert text.startswith(ENGLISH_ONLY) and hotline.phone in text


def test_an_english_question_with_a_foreign_name_is_answered_normally(chat, catalogue):
    text = chat.text("I'm José de la Cruz from Colombia, what is the youth dream visa?")
    assert ENGLISH_ONLY not in text
    assert catalogue.programme("youth-dream").name.split(" (")[0] in text, text


def test_a_profile_detail_with_nothing_in_it_does_not_start_the_wizard(chat, catalogue):
    replies = chat.say("/inform")  # what the NLU gives "what hours is 1345 open" when it misreads it
    text = "\n".join(r.get("text", "") for r in replies)
    assert "I'm not sure I understood" in text and "How old are you" not in text
    assert any(b["payload"] == "/out_of_scope" for r in replies for b in r.get("buttons", []))
    assert catalogue.programme("top-tier").name in chat.text("what is the top tier visa?")
