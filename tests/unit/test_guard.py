"""The message guard shared by every channel (runtime/channels/guard.py)."""

from __future__ import annotations

import pytest

from runtime.channels.guard import (
    EMPTY,
    NO_WORDS,
    clean_text,
    has_words,
    max_message_length,
    nothing_came_back,
    screen_message,
)


@pytest.mark.parametrize(
    "text",
    [
        "What is the Top-Tier visa?",
        "탑티어 비자가 뭐예요?",
        "Qu'est-ce que le visa Top-Tier ?",
        "2025",
        "/greet",
        '/check_country{"country": "Viet Nam"}',
        "a" * 2000,
        "I'm from 🇰🇷 and work in AI 🤖",
    ],
)
def test_real_messages_go_through(text):
    assert screen_message(text) is None


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (None, EMPTY),
        ("", EMPTY),
        ("   ", EMPTY),
        ("\n\t\r", EMPTY),
        ("\x00\x01\x1f\x7f", EMPTY),
        ("\u200b\u200e\ufeff\u2060", EMPTY),
        ("\ud800\udfff", EMPTY),
        ("\ue000", EMPTY),
        ("😀", NO_WORDS),
        ("😀 🎉 👍🏽 ❤️", NO_WORDS),
        ("👨‍👩‍👧", NO_WORDS),
        ("?!", NO_WORDS),
        ("... --- ...", NO_WORDS),
    ],
)
def test_empty_and_wordless_messages_get_a_polite_reply(text, reply):
    assert screen_message(text) == reply


def test_too_long_messages_get_the_shorter_please_reply():
    reply = screen_message("a" * 2001)
    assert reply and "too long" in reply and "2001" in reply and "2000" in reply
    assert screen_message("😀" * 5000).startswith("Sorry, that message is too long")


def test_the_length_limit_comes_from_the_environment(monkeypatch):
    assert max_message_length() == 2000
    monkeypatch.setenv("MAX_MESSAGE_LENGTH", "10")
    assert screen_message("a" * 10) is None
    assert "limit is 10" in screen_message("a" * 11)


def test_clean_text_removes_control_characters_and_keeps_words():
    assert clean_text("  top\x00 tier\u200b\nvisa\t? ") == "top tier visa ?"
    assert clean_text("a\ud800b") == "ab"
    assert clean_text("👨‍👩‍👧") == "👨‍👩‍👧"  # zero-width joiners inside emoji stay


def test_has_words():
    assert has_words("visa") and has_words("비자") and has_words("42")
    assert not has_words("😀 ?!")


def test_nothing_came_back_offers_the_official_contacts():
    reply = nothing_came_back()
    assert reply.startswith("Sorry")
    assert "1345" in reply and "hikorea" in reply.lower()


def test_nothing_came_back_without_contacts_still_apologises(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_DIR", str(tmp_path))
    reply = nothing_came_back()
    assert reply.startswith("Sorry") and "contact" not in reply
