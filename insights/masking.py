"""Masks personal data in user messages before they reach a report or the review inbox."""

from __future__ import annotations

import hashlib
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Korean alien registration / resident registration numbers: 6 digits (birth date), then 7 (first 1-8)
REGISTRATION = re.compile(r"(?<!\d)\d{6}\s?[-\u2010-\u2015]?\s?[1-8]\d{6}(?!\d)")
# passport numbers: one or two letters then 7 or 8 digits (M12345678), or any code written after "passport"
PASSPORT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\d{7,8}(?![A-Za-z0-9])")
PASSPORT_AFTER_WORD = re.compile(
    r"(?i)(passport(?:\s*(?:no\.?|number|#))?\s*(?:is|:)?\s*)([A-Za-z0-9]*\d[A-Za-z0-9]{4,})"
)
# phone numbers: 9 to 15 digits with optional separators, written with +, 00 or a leading 0, or grouped
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s().-]{6,}\d(?![\w])")
DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")

MASKS = {"email": "[email]", "registration": "[registration no.]", "passport": "[passport no.]", "phone": "[phone]"}


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if DATE.match(text.strip()) or not 9 <= len(digits) <= 15:
        return text
    grouped = bool(re.search(r"[\s().-]", text.strip()))
    if text.startswith(("+", "0")) or (grouped and len(digits) >= 10):
        return MASKS["phone"]
    return text


def mask(text: str) -> str:
    """The text with e-mail addresses, registration, passport and phone numbers replaced by labels."""
    text = EMAIL.sub(MASKS["email"], text)
    text = REGISTRATION.sub(MASKS["registration"], text)
    text = PASSPORT_AFTER_WORD.sub(lambda m: m.group(1) + MASKS["passport"], text)
    text = PASSPORT.sub(MASKS["passport"], text)
    return PHONE.sub(_phone, text)


def conversation_ref(sender_id: str) -> str:
    """The id shown for a conversation: the sender id, or a stable pseudonym when it holds personal data
    (WhatsApp and SMS senders are phone numbers)."""
    if mask(sender_id) == sender_id:
        return sender_id
    return "conv-" + hashlib.sha256(sender_id.encode()).hexdigest()[:12]
