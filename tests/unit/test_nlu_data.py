"""The held-out NLU test set must stay unseen: no test example may appear in the training data."""

from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from actions.catalogue.matching import normalise

ROOT = Path(__file__).resolve().parents[2]


def test_no_test_example_is_in_the_training_data():
    training = {normalise(e.get("text")) for e in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    test = [e.get("text") for e in load_data(str(ROOT / "tests" / "nlu")).intent_examples]
    assert [t for t in test if normalise(t) in training] == []


def test_enough_examples_per_intent():
    training = Counter(e.get("intent") for e in load_data(str(ROOT / "data" / "nlu")).intent_examples)
    test = Counter(e.get("intent") for e in load_data(str(ROOT / "tests" / "nlu")).intent_examples)
    assert min(training.values()) >= 25 and min(test.values()) >= 10
    assert set(training) == set(test)
