"""Checks every incoming message before it reaches the assistant, on every channel.

`screen_message` returns a polite reply for a message the assistant should not process (too long,
empty, only emoji or control characters), or None when the message can go through.
"""

from __future__ import annotations

import os
import unicodedata

SHORTER_PLEASE = (
    "Sorry, that message is too long for me ({length} characters; the limit is {limit}). "
    "Could you ask your question in a shorter way?"
)
EMPTY = "I didn't get any text. What would you like to know about Korea's new visa programmes?"
NO_WORDS = (
    "I can only read words, not symbols or emoji on their own. Try a question like "
    "'What is the Top-Tier visa?'"
)


def nothing_came_back() -> str:
    """The apology for a turn that produced no reply (an action failed or timed out)."""
    from visa_guide.answers.citations import contact_options
    from visa_guide.catalogue.contacts import configured_contacts

    options = contact_options(configured_contacts())
    help_line = f" For official help, contact {options}." if options else ""
    return f"Sorry, I couldn't prepare an answer just now. Please try again in a moment.{help_line}"


ENGLISH_ONLY = "Sorry, I can only answer in English."
ASK_IN_ENGLISH = "If you can, ask me in English, for example: 'What is the Top-Tier visa?'"
KOREAN_ENGLISH_ONLY = "죄송합니다. 이 안내 서비스는 영어로만 답변합니다."
KOREAN_ASK_IN_ENGLISH = "영어로 질문해 주시면 답변해 드릴게요."


def language_reply(text: str) -> str | None:
    """For a message in Korean, a short reply in Korean; in another language, the same in English: this
    guide answers in English, and the hotline from the catalogue's contacts helps in other languages
    (only as far as the catalogue says so). None for English."""
    from runtime.channels.language import KOREAN, detect_language
    from visa_guide.catalogue.contacts import configured_contacts

    language = detect_language(text)
    if language is None:
        return None
    hotline = next((c for c in configured_contacts() if c.phone), None)
    abroad = hotline.phone_abroad if hotline else None
    if language == KOREAN:
        lines = [KOREAN_ENGLISH_ONLY]
        if hotline:
            number = hotline.phone + (f", 해외에서는 {abroad}" if abroad else "")
            lines.append(f"한국어 상담은 {hotline.name}(출입국 안내 전화 {number})에 문의하세요.")
            if hotline.languages and "korean" in hotline.languages.lower():
                lines.append("이 전화는 한국어와 여러 외국어로 상담합니다.")
        lines.append(KOREAN_ASK_IN_ENGLISH)
        return " ".join(lines)
    lines = [ENGLISH_ONLY]
    if hotline:
        number = hotline.phone + (f" ({abroad} from abroad)" if abroad else "")
        languages = f": it answers in {hotline.languages}" if hotline.languages else ""
        lines.append(f"For help in your language, call the {hotline.name} on {number}{languages}.")
    lines.append(ASK_IN_ENGLISH)
    return " ".join(lines)


CONTROL_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn")  # control, format, surrogate, private use, unassigned


def max_message_length() -> int:
    return int(os.environ.get("MAX_MESSAGE_LENGTH", "2000"))


def clean_text(text: str) -> str:
    """Control characters removed (newlines and tabs become spaces), surrounding space trimmed."""
    kept = []
    for char in text:
        if char in "\n\r\t":
            kept.append(" ")
        elif unicodedata.category(char) not in CONTROL_CATEGORIES or char == "\u200d":
            kept.append(char)
    return "".join(kept).strip()


def has_words(text: str) -> bool:
    return any(unicodedata.category(c)[0] in ("L", "N") for c in text)


def screen_message(text: str | None) -> str | None:
    if text is None:
        return EMPTY
    if len(text) > max_message_length():
        return SHORTER_PLEASE.format(length=len(text), limit=max_message_length())
    cleaned = clean_text(text)
    if not cleaned:
        return EMPTY
    if not has_words(cleaned) and not cleaned.startswith("/"):
        return NO_WORDS
    return None
