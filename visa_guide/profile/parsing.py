"""Reading the wizard's answers out of free text: ages, situations, degrees, and 'skip'."""

from __future__ import annotations

import re
from collections.abc import Iterable

from visa_guide.catalogue.matching import normalise

SKIPPED = "skipped"
MIN_AGE, MAX_AGE = 15, 80

_SKIP_WORDS = {
    "skip",
    "pass",
    "next",
    "prefer not to say",
    "rather not say",
    "i d rather not say",
    "i prefer not to say",
    "don t know",
    "i don t know",
    "no idea",
    "not sure",
    "none of your business",
    "skip it",
    "skip this",
    "no comment",
    "i d rather not",
    "rather not",
}
_STATUS_WORDS = {
    "student": ("student", "studying", "study", "undergrad", "undergraduate", "enrolled", "d 2", "d2"),
    "graduate": (
        "graduate",
        "graduated",
        "grad",
        "alumni",
        "alumnus",
        "finished my degree",
        "just finished",
        "recent graduate",
        "job seeker",
        "looking for a job",
    ),
    "worker": (
        "worker",
        "working",
        "work",
        "employed",
        "employee",
        "job",
        "engineer",
        "researcher",
        "professional",
        "developer",
        "scientist",
        "professor",
        "manager",
    ),
}
_EDUCATION_WORDS = {
    "phd": ("phd", "ph d", "doctorate", "doctoral", "doctor"),
    "master": ("master", "masters", "msc", "ma", "mba", "m sc", "postgraduate", "master s"),
    "bachelor": (
        "bachelor",
        "bachelors",
        "bsc",
        "ba",
        "b sc",
        "undergraduate degree",
        "university degree",
        "college degree",
        "bachelor s",
        "degree",
    ),
    "associate": ("associate", "associate degree", "diploma", "two year", "community college"),
    "high_school": ("high school", "highschool", "secondary school", "secondary", "a levels"),
    "none": ("no degree", "none", "no education"),
}


def is_skip(text: str) -> bool:
    return normalise(text) in _SKIP_WORDS


def parse_age(text: str) -> int | None:
    """An age in range from '27', 'I am 27 years old'; None if absent or out of range."""
    numbers = [int(n) for n in re.findall(r"(?<![\d.,])(\d{1,3})(?![\d.,%])", text)]
    for number in numbers:
        if MIN_AGE <= number <= MAX_AGE:
            return number
    return None


_STATED_AGE = re.compile(
    r"\b(?:i am|i m|im|aged?|age is|age of)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:years? old|yo|y o|yrs old)\b"
)


def stated_age(text: str) -> int | None:
    """An age stated as such ('I'm 25', '25 years old') inside a longer message."""
    match = _STATED_AGE.search(normalise(text))
    if not match:
        return None
    age = int(match.group(1) or match.group(2))
    return age if MIN_AGE <= age <= MAX_AGE else None


def mentions_number(text: str) -> bool:
    return bool(re.search(r"\d", text))


def _first_phrase_match(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    padded = f" {normalise(text)} "
    best: tuple[int, str] | None = None
    for value, phrases in table.items():
        for phrase in phrases:
            position = padded.find(f" {phrase} ")
            if position >= 0 and (best is None or position < best[0]):
                best = (position, value)
    return best[1] if best else None


NOT_ABOUT_WORK = re.compile(r"\b(?:it|that|this|which|what) (?:\w+ )?work(?:s)?\b")


def parse_status(text: str) -> str | None:
    """student | graduate | worker; 'graduate student' counts as a student. "Would it work for me?" says
    nothing about the user's work."""
    return _first_phrase_match(NOT_ABOUT_WORK.sub(" ", normalise(text)), _STATUS_WORDS)


def parse_education(text: str) -> str | None:
    """The highest degree named in the text: a PhD beats a master's, a master's beats a bachelor's."""
    padded = f" {normalise(text)} "
    for level in ("phd", "master", "bachelor", "associate", "high_school", "none"):
        if any(f" {phrase} " in padded for phrase in _EDUCATION_WORDS[level]):
            return level
    return None


PROFILE_ITEMS = ("age", "country", "current_status", "field", "education")
MIN_PROFILE_ITEMS = 3  # this many profile answers are enough for suggestions without the questions first


def is_given(value: object) -> bool:
    """A real answer: not missing, not skipped."""
    return value not in (None, "", SKIPPED)


def enough_for_suggestions(in_message: Iterable[str], known: Iterable[str], asked_for_suggestions: bool) -> bool:
    """Whether to suggest programmes at once instead of starting the questions.

    `in_message`: profile items found in the latest message; `known`: items answered before. The message
    must add something (or ask for suggestions), and together there must be MIN_PROFILE_ITEMS items.
    """
    new = set(in_message) & set(PROFILE_ITEMS)
    total = new | (set(known) & set(PROFILE_ITEMS))
    return (bool(new) or asked_for_suggestions) and len(total) >= MIN_PROFILE_ITEMS
