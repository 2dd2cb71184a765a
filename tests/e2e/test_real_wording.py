"""Questions worded as real people write them (issue 9), over REST on the real servers.

One or two of each kind that used to fail: a visa code used as a name, a programme described instead of
named, a short colloquial request, a story before the question, a whole profile in one message, and an
overview that must lead with what people ask first. The wording differs from tests/nlu/real_wording.yml
and from the training data. Each answer must be about the right programme or topic, and must not be the
"didn't understand" reply.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_questions import cited_line, short_name

pytestmark = pytest.mark.e2e

NOT_UNDERSTOOD = ("I'm not sure I understood", "didn't quite understand", "outside what I know")


def understood(text: str) -> str:
    assert text.strip(), "empty answer"
    for phrase in NOT_UNDERSTOOD:
        assert phrase not in text, text
    return text


def first_heading(text: str) -> str:
    """An answer's first line without its bold marks: it starts with the programme (and aspect) it is about."""
    first = text.splitlines()[0] if text.strip() else ""
    assert first, text
    return re.sub(r"\*\*", "", first)


# --- a visa code used as a name -------------------------------------------------------------------


@pytest.mark.parametrize("question", ["how many months does a D-10 last", "how long's a d10 visa good for?"])
def test_visa_code_as_name_d10_length_of_stay(chat, catalogue, question):
    text = understood(chat.text(question))
    assert "D-10" in first_heading(text), text
    assert "job" in text.lower()
    stay = [f for f in catalogue.facts("job-seeking-d10", ("overview",)) if f.topic == "maximum stay"]
    assert stay and all(cited_line(text, v) for v in stay[0].versions), text  # how long it lasts, every version


def test_visa_code_as_name_e74r_is_not_answered_with_f2r(chat):
    text = understood(chat.text("what does someone need to get an E-7-4R"))
    heading = first_heading(text)
    assert "E-7-4R" in heading, text  # about E-7-4R itself, not F-2-R's criteria under another name
    assert not heading.startswith("F-2-R"), text


def test_visa_code_change_d2_to_d10(chat):
    text = understood(chat.text("switching D-2 to D-10, how does that work"))
    assert "D-10" in first_heading(text), text


# --- a programme described, a short colloquial request, a story before the question ---------------

NAMED_IN_ANSWER = [
    pytest.param("is there some visa for people doing AI research?", "top-tier", id="described-ai-research"),
    pytest.param("visa for looking for a job?", "job-seeking-d10", id="short-job-search"),
    pytest.param(
        "I did my bachelor's at Chonnam and I graduate in February, so my student visa is ending. "
        "Is there a way to stay on?",
        "job-seeking-d10",
        id="story-after-graduation",
    ),
    pytest.param(
        "rent in seoul went up again and my scholarship only covers tuition. "
        "am i allowed to take a weekend job while on D-2?",
        "nonspecialized-jobs-students",
        id="story-part-time-work",
    ),
]


@pytest.mark.parametrize("message, programme_id", NAMED_IN_ANSWER)
def test_answer_is_about_the_programme_meant(chat, catalogue, message, programme_id):
    text = understood(chat.text(message))
    assert short_name(catalogue.programme(programme_id)) in text, text


def test_described_new_visa_for_tech_talent(chat, catalogue):
    text = understood(chat.text("what's that new korean visa meant for high tech talent"))
    assert first_heading(text).startswith(short_name(catalogue.programme("top-tier"))), text


def test_short_request_official_info(chat):
    text = understood(chat.text("official site for korean visa stuff?"))
    assert "1345" in text and "hikorea" in text.lower(), text


# --- a whole profile in one message ---------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "I'm 27, from Ghana, doing a master's in robotics in Busan. what visas could I get?",
        "32 y/o Indonesian, working in batteries, PhD. which korean visa suits me",
        "hi im 23 from vietnam studing AI master in seoul what visa can i get after",  # was "outside my sources"
    ],
)
def test_profile_in_one_message_gets_ranked_suggestions_at_once(chat, message):
    text = understood(chat.text(message))
    assert "best match first" in text, text  # ranked at once, not the first question of the form
    assert "How old are you" not in text and "Which country" not in text


# --- an overview leads with what people ask first -------------------------------------------------


def test_top_tier_overview_says_what_it_is(chat, catalogue):
    text = understood(chat.text("what is this top tier visa people talk about"))
    programme = catalogue.programme("top-tier")
    assert first_heading(text).startswith(short_name(programme)), text
    summary = [f for f in catalogue.facts(programme.id, ("overview",)) if f.in_summary]
    assert summary and summary[0].versions[0].text in text.splitlines()[0], text  # what it is, first
    assert all(cited_line(text, v) for f in summary for v in f.versions), text
