"""Sends a message none of whose words the assistant has ever seen to the fallback.

DIET must pick some intent for "blorp zzz qwerty" or "gfdsa trewq", and did so with confidences up to 0.64
(out_of_scope, affirm...): nonsense then got an unrelated answer, and which one changed with every retrain.
At training time this component stores the words of the training examples and the catalogue's entity
patterns in the model; a message with words, none of them known, gets `nlu_fallback` (the user is asked to
rephrase) unless the classifier is sure of it anyway (`min_confidence_to_keep`, for near-misses such as
"heya" or "hallo"). Numbers and symbols alone are left to the classifier ("24" answers the age question).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.catalogue_linker import read_pipeline_patterns

WORDS_FILE = "known_words.json"
_WORD = re.compile(r"[^\W\d_]{2,}")


def words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"pipeline_dir": "models/spacy", "min_confidence_to_keep": 0.7}

    def __init__(self, config: dict[str, Any], known: set[str], model_storage: ModelStorage,
                 resource: Resource) -> None:
        self.config = config
        self.known = known
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnknownWordsFallback:
        return cls(config, set(), model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        known = set().union(*(words(example.get(TEXT) or "") for example in training_data.training_examples))
        for pattern in read_pipeline_patterns(Path(self.config["pipeline_dir"])):
            known |= words(pattern["pattern"])
        self.known = known
        with self._model_storage.write_to(self._resource) as directory:
            (directory / WORDS_FILE).write_text(json.dumps(sorted(known), ensure_ascii=False), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as directory:
            known = set(json.loads((directory / WORDS_FILE).read_text(encoding="utf-8")))
        return cls(config, known, model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = words(message.get(TEXT) or "")
            ranking = message.get(INTENT_RANKING_KEY) or []
            best = max((r["confidence"] for r in ranking if r["name"] != DEFAULT_NLU_FALLBACK_INTENT_NAME), default=0.0)
            if found and not found & self.known and best < self.config["min_confidence_to_keep"]:
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                ranking = [r for r in ranking if r["name"] != fallback["name"]]
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
