"""Multi-turn conversations over REST on the real servers: context, the wizard, fallback."""

from __future__ import annotations

import pytest

from tests.e2e.test_questions import expect_aspect_answer

pytestmark = pytest.mark.e2e


def test_programme_and_aspect_carry_over(chat, catalogue):
    expect_aspect_answer(chat.text("what is the top tier visa?"), catalogue, "top-tier", "overview")
    expect_aspect_answer(chat.text("and can my family come too?"), catalogue, "top-tier", "family")
    expect_aspect_answer(chat.text("what about the youth dream one?"), catalogue, "youth-dream", "family")


def test_wizard_asks_only_what_is_missing_and_recommends(chat, catalogue):
    first = chat.text("which visa fits me? I'm 24 and from Colombia")
    assert "optional" in first.lower()
    assert "How old are you" not in first and "Which country" not in first
    assert "situation" in first
    assert "field" in chat.text("student").lower()
    assert "degree" in chat.text("robotics").lower()
    result = chat.text("master's")
    youth_dream = catalogue.programme("youth-dream").name
    assert "best match first" in result and youth_dream in result
    assert "Colombia is one of the Korean War participant countries" in result
    assert "Unknown:" in result and "not published" in result


def test_wizard_validates_and_can_be_stopped(chat):
    assert "How old are you" in chat.text("what visa should I get?")
    assert "15 to 80" in chat.text("I am 7")
    assert "skip this question" in chat.text("banana")  # a second unusable answer: the question is skipped
    assert "stopped the questions" in chat.text("stop")
    assert "outside what I know" in chat.text("what's the weather in Busan?")


def test_wizard_answers_can_be_skipped(chat):
    chat.text("which visa is right for me")
    assert "Which country" in chat.text("skip")
    chat.text("skip")
    chat.text("skip")
    chat.text("skip")
    result = chat.text("skip")
    assert "best match first" in result and "you did not" in result


def test_question_in_the_middle_of_the_wizard_then_back(chat, catalogue):
    assert "How old are you" in chat.text("which visa fits me?")
    answer = chat.text("what is the top tier visa?")
    expect_aspect_answer(answer, catalogue, "top-tier", "overview")
    assert "How old are you" in answer  # the wizard goes on
    assert "country" in chat.text("31").lower()


def test_unclear_message_gets_the_two_stage_fallback(chat):
    first = chat.say("blorp zzz qwerty")
    assert first and first[0].get("buttons")
    second = chat.say("/out_of_scope")
    assert "another way" in second[0]["text"] or "couldn't follow" in second[0]["text"]


def test_an_out_of_scope_question_instead_of_a_meaning_is_answered_and_ends_the_fallback(chat, catalogue):
    assert chat.say("blorp zzz qwerty")[0].get("buttons")
    text = chat.text("what's the weather in seoul tomorrow?")
    assert "outside what I know" in text and "another way" not in text
    expect_aspect_answer(chat.text("what is the top tier visa?"), catalogue, "top-tier", "overview")
