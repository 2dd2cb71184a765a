"""The NLU test sets must stay unseen, and the real-wording set must cover every intent.

Held-out (tests/nlu/test_nlu.yml) and real-wording (tests/nlu/real_wording.yml) examples may not appear
in the training data (data/nlu/), compared after normalising: lower case, punctuation and spacing folded.
"""

from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

from visa_guide.catalogue.matching import normalise

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "tests" / "nlu" / "test_nlu.yml"
REAL_WORDING = ROOT / "tests" / "nlu" / "real_wording.yml"
MIN_REAL_PER_INTENT = 3
MIN_REAL_TOTAL = 300


def examples(path: Path) -> list:
    return load_data(str(path)).intent_examples


def domain_intents() -> set[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]} - {"nlu_fallback"}


@pytest.mark.parametrize("test_file", [HELD_OUT, REAL_WORDING], ids=["held-out", "real-wording"])
def test_no_test_example_is_in_the_training_data(test_file):
    training = {normalise(e.get("text")) for e in examples(ROOT / "data" / "nlu")}
    assert [e.get("text") for e in examples(test_file) if normalise(e.get("text")) in training] == []


def test_enough_examples_per_intent():
    training = Counter(e.get("intent") for e in examples(ROOT / "data" / "nlu"))
    test = Counter(e.get("intent") for e in examples(HELD_OUT))
    assert min(training.values()) >= 25 and min(test.values()) >= 10
    assert set(training) == set(test)


def test_real_wording_covers_every_intent():
    real = Counter(e.get("intent") for e in examples(REAL_WORDING))
    assert sum(real.values()) >= MIN_REAL_TOTAL
    assert {i: real[i] for i in sorted(domain_intents()) if real[i] < MIN_REAL_PER_INTENT} == {}
    assert set(real) <= domain_intents()


def test_real_wording_has_no_repeats():
    texts = Counter(normalise(e.get("text")) for e in examples(REAL_WORDING))
    assert [t for t, n in texts.items() if n > 1] == []
