"""The vocabulary (visa_guide.vocabulary) is the one source of aspects, intents and their labels: what it names
must exist in domain.yml and the catalogue schema, and every aspect question of the domain must map to an aspect."""

from pathlib import Path

import yaml

from visa_guide.catalogue import schema
from visa_guide.vocabulary import (
    ASPECT_BY_INTENT,
    ASPECT_LABELS,
    ASPECTS,
    FOLLOW_UPS,
    INTENT_BY_ASPECT,
    INTENT_CHOICES,
)

ROOT = Path(__file__).resolve().parents[2]


def domain_intents() -> set[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {next(iter(i)) if isinstance(i, dict) else i for i in domain["intents"]}


def test_every_intent_named_exists_in_the_domain():
    named = set(ASPECT_BY_INTENT) | set(INTENT_CHOICES)
    assert named - domain_intents() == set()


def test_every_aspect_question_of_the_domain_has_its_aspect():
    asking = {i for i in domain_intents() if i.startswith("ask_") and i.removeprefix("ask_") in ASPECTS}
    assert asking and asking == set(ASPECT_BY_INTENT)
    assert all(INTENT_BY_ASPECT[ASPECT_BY_INTENT[i]] == i for i in asking)


def test_the_schema_and_the_answers_use_the_same_aspects():
    assert schema.ASPECTS is ASPECTS
    assert set(ASPECT_LABELS) == set(ASPECTS) and all(ASPECT_LABELS.values())


def test_follow_ups_offer_distinct_aspects_that_have_a_question():
    aspects = [aspect for _, aspect in FOLLOW_UPS]
    assert len(aspects) >= 5 and len(set(aspects)) == len(aspects)
    assert all(aspect in INTENT_BY_ASPECT for aspect in aspects)
