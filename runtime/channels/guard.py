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
    from actions.answers.citations import contact_options
    from actions.catalogue.contacts_file import configured_contacts

    options = contact_options(configured_contacts())
    help_line = f" For official help, contact {options}." if options else ""
    return f"Sorry, I couldn't prepare an answer just now. Please try again in a moment.{help_line}"


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
