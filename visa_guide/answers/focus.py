"""Which of a programme's rules a question is about: "is there an age limit?" wants the age rule, not all ten.

A concept is asked for when one of its question words is in the message, and a rule is about it when its
topic (catalogue text) holds one of its topic words. No match either way: the whole aspect is answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from visa_guide.catalogue.matching import normalise


@dataclass(frozen=True)
class Concept:
    asked_by: tuple[str, ...]  # words or phrases of a question (normalised)
    topic_words: tuple[str, ...]  # words of a rule's topic


CONCEPTS = (
    Concept(("salary", "income", "earn", "earning", "earnings", "wage", "wages", "paid", "gni"), ("income", "salary")),
    Concept(
        ("degree", "education", "bachelor", "bachelors", "master", "masters", "phd", "doctorate", "diploma"),
        ("education", "degree", "master"),
    ),
    Concept(("experience", "career", "years of work", "worked for"), ("experience",)),
    Concept(("age", "old", "older", "young", "younger", "too late"), ("age",)),
    Concept(("korean language", "topik", "kiip", "speak korean", "language"), ("language",)),
    Concept(
        ("nationality", "nationalities", "citizenship", "which countries", "my country"), ("nationality", "countries")
    ),
)


def _has(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def asked_concepts(question: str) -> list[Concept]:
    """The concepts a typed question asks about (none for a button's /command)."""
    if question.startswith("/"):
        return []
    plain = normalise(question)
    return [c for c in CONCEPTS if any(_has(plain, phrase) for phrase in c.asked_by)]


def narrowing_concepts(aspect: str, question: str) -> list[Concept]:
    """The concepts an answer about `aspect` is narrowed to: only "who can apply" is, for a typed question."""
    return asked_concepts(question) if aspect == "eligibility" else []


def is_about(topic: str, concepts: list[Concept]) -> bool:
    plain = normalise(topic)
    return any(_has(plain, word) for concept in concepts for word in concept.topic_words)
