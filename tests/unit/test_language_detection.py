"""Language detection in the channel guard: Korean and other languages get a pointer to help; English goes on."""

from __future__ import annotations

import pytest

from runtime.channels.guard import ENGLISH_ONLY, KOREAN_ENGLISH_ONLY, language_reply
from runtime.channels.language import KOREAN, OTHER, detect_language, stop_word_language
from runtime.channels.rest import guard


@pytest.mark.parametrize(
    "text",
    [
        "탑티어 비자가 뭐예요?",
        "한국에서 일하고 싶어요. 어떤 비자가 맞나요?",
        "저는 베트남 사람이고 AI를 공부해요",
    ],
)
def test_korean_is_recognised(text):
    assert detect_language(text) == KOREAN


@pytest.mark.parametrize(
    "text",
    [
        "我想申请韩国签证",  # Chinese
        "ビザについて教えてください",  # Japanese
        "Какая виза мне нужна для работы в Корее?",  # Russian
        "ما هي التأشيرة المناسبة لي؟",  # Arabic
        "วีซ่าเกาหลีสำหรับนักศึกษา",  # Thai
        "मुझे कौन सा वीजा चाहिए",  # Hindi
        "Hola, quiero saber sobre la visa Top-Tier",  # Spanish
        "¿Cómo puedo trabajar en Corea después de graduarme?",
        "Qu'est-ce que le visa Top-Tier ?",  # French
        "Bonjour, je suis étudiant à Séoul",
        "Tôi muốn xin visa Hàn Quốc để làm việc",  # Vietnamese
        "toi muon lam viec o Han Quoc, khong biet visa nao",  # Vietnamese without accents
        "Saya mau kerja di Korea, bagaimana caranya?",  # Indonesian
        "Ich bin Student in Seoul, welches Visum brauche ich?",  # German
    ],
)
def test_other_languages_are_recognised(text):
    assert detect_language(text) == OTHER


@pytest.mark.parametrize(
    "text",
    [
        "What is the Top-Tier visa?",
        "I am José de la Cruz from Colombia, which visa fits me?",
        "I'm from La Paz, what's the D-10?",
        "I live in Da Nang, can I apply for Top-Tier?",
        "Nguyen Van Thanh, 27, from Ho Chi Minh City, working in AI, what are my options?",
        "My name is Nguyễn Thị Lan and I study in Daegu",
        "Is Busan or Daejeon better for the regional pilot?",
        "what does 체류 mean for my visa?",
        "I studied at MIT and have an MA, which visa fits me?",
        "Dan here, is the D-10 good for me?",
        "can my son come with me?",
        "um, C-3 visa for my son?",
        "E-7 to F-2-R in Gyeonggi-do",
        "hola",  # one word is too little to tell
        "ok",
        "2025",
        '/inform{"country": "Viet Nam"}',
    ],
)
def test_english_and_unclear_messages_go_through(text):
    assert detect_language(text) is None
    assert language_reply(text) is None


def test_a_name_adds_too_few_foreign_words():
    assert stop_word_language("I'm José de la Cruz") is None  # de, la: two Spanish words, but more English ones
    assert stop_word_language("de la") is not None  # the same two words alone do count


def test_korean_reply_is_in_korean_with_the_hotline_from_the_catalogue(catalogue):
    reply = language_reply("탑티어 비자가 뭐예요?")
    assert reply and reply.startswith(KOREAN_ENGLISH_ONLY)
    hotline = next(c for c in catalogue.contacts() if c.phone)
    assert hotline.phone in reply and hotline.phone_abroad in reply
    assert "한국어와 여러 외국어" in reply  # the catalogue says the hotline speaks Korean among its languages


def test_other_language_reply_is_in_english_with_the_catalogue_languages(catalogue):
    reply = language_reply("Hola, quiero saber sobre la visa Top-Tier")
    hotline = next(c for c in catalogue.contacts() if c.phone)
    assert reply and reply.startswith(ENGLISH_ONLY)
    assert hotline.phone in reply and hotline.languages in reply
    assert "한국어" not in reply


def test_the_reply_claims_no_languages_the_catalogue_does_not_give(monkeypatch, tmp_path):
    (tmp_path / "sources.yml").write_text(
        "sources:\n  - {id: s, title: T, publisher: P, url: 'https://example.org', date: null}\n", encoding="utf-8"
    )
    (tmp_path / "contacts.yml").write_text(
        "contacts:\n  - {id: line, name: Help Line, phone: '999', languages: null, status: in force, sources: [s]}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CATALOGUE_DIR", str(tmp_path))
    korean = language_reply("탑티어 비자가 뭐예요?")
    other = language_reply("Bonjour, je suis étudiant")
    assert korean and "999" in korean and "여러 외국어" not in korean
    assert other and "999" in other and "answers in" not in other


def test_guard_answers_a_foreign_message_and_passes_english_on():
    reply, _ = guard("Какая виза мне нужна?")
    assert reply and reply.startswith(ENGLISH_ONLY)
    reply, text = guard("What is the Top-Tier visa?")
    assert reply is None and text == "What is the Top-Tier visa?"
