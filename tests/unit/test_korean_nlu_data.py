"""The Korean NLU data (catalogue/languages.yml: parts nlu_training and nlu_held_out): every intent of the
English training data has Korean examples, the held-out set is unseen (no example of it, folded, is in the
training data), and the Korean files stay out of what `rasa train` reads until the pipeline takes them."""

from __future__ import annotations

from collections import Counter

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from scripts.train_if_changed import INPUTS, ROOT
from tests.stacks import CATALOGUE_DIR
from visa_guide.languages import read_languages

LANGUAGES = [language for language in read_languages(CATALOGUE_DIR) if not language.source]
MIN_TRAINING, MIN_HELD_OUT = 25, 10
MIN_REAL_WORDING, MIN_REAL_PER_INTENT = 200, 3


def fold(text: str) -> str:
    """Lower case, punctuation and spacing folded; Hangul kept (matching.normalise keeps only Latin)."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def examples(path) -> list:
    return load_data(str(path)).intent_examples


ENGLISH_INTENTS = {e.get("intent") for e in examples(ROOT / "data" / "nlu")}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_intent_has_training_and_held_out_examples(language):
    training = Counter(e.get("intent") for e in examples(language.part_path("nlu_training")))
    held_out = Counter(e.get("intent") for e in examples(language.part_path("nlu_held_out")))
    assert set(training) == set(held_out) == ENGLISH_INTENTS
    assert {i: n for i, n in training.items() if n < MIN_TRAINING} == {}
    assert {i: n for i, n in held_out.items() if n < MIN_HELD_OUT} == {}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_real_wording_set_covers_every_intent(language):
    real = Counter(e.get("intent") for e in examples(language.part_path("nlu_real_wording")))
    assert sum(real.values()) >= MIN_REAL_WORDING
    assert set(real) == ENGLISH_INTENTS
    assert {i: n for i, n in real.items() if n < MIN_REAL_PER_INTENT} == {}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
@pytest.mark.parametrize("test_set", ["nlu_held_out", "nlu_real_wording"])
def test_no_test_example_is_in_the_training_data(language, test_set):
    """Nor in the English training data, nor in the other test set."""
    seen = {fold(e.get("text")) for e in examples(language.part_path("nlu_training"))}
    seen |= {fold(e.get("text")) for e in examples(ROOT / "data" / "nlu")}
    other = {"nlu_held_out": "nlu_real_wording", "nlu_real_wording": "nlu_held_out"}[test_set]
    seen |= {fold(e.get("text")) for e in examples(language.part_path(other))}
    tested = examples(language.part_path(test_set))
    assert [e.get("text") for e in tested if fold(e.get("text")) in seen] == []


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_no_example_is_written_twice(language):
    for part in ("nlu_training", "nlu_held_out", "nlu_real_wording"):
        texts = Counter(fold(e.get("text")) for e in examples(language.part_path(part)))
        assert [t for t, n in texts.items() if n > 1] == [], part


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_korean_data_is_not_trained_on_yet(language):
    """Staged: outside every folder the model's fingerprint and `rasa train` read (data/, nlu/...)."""
    training = language.part_path("nlu_training")
    read = [ROOT / name for name in INPUTS]
    assert not any(training == path or path in training.parents for path in read)
