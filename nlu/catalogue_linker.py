"""Links extracted entities to the catalogue and drops those that name nothing in it.

DIET sometimes tags everyday words ("work", "job", "visa") as a programme or a field. An entity of a
catalogue type (programme, country, field) is kept only when its text matches a catalogue name or alias
(typos tolerated), using the same patterns as the spaCy entity ruler. Other entity types pass through.

The patterns are read from the spaCy pipeline (`pipeline_dir`) at training time only and stored in the
trained model: a loaded model needs nothing from the working directory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from visa_guide.catalogue.matching import AliasIndex

LINKED_TYPES = ("programme", "country", "field")
PATTERNS_FILE = "patterns.json"


def read_pipeline_patterns(pipeline_dir: Path) -> list[dict[str, str]]:
    """The entity ruler's patterns of the linked types, from a spaCy pipeline built by `make spacy`."""
    with open(pipeline_dir / "entity_ruler" / "patterns.jsonl", encoding="utf-8") as lines:
        patterns = [json.loads(line) for line in lines if line.strip()]
    return [{"label": p["label"], "id": p["id"], "pattern": p["pattern"]}
            for p in patterns if p["label"] in LINKED_TYPES]


def build_indexes(patterns: Iterable[dict[str, str]]) -> dict[str, AliasIndex]:
    pairs: dict[str, list[tuple[str, str]]] = {label: [] for label in LINKED_TYPES}
    for pattern in patterns:
        if pattern["label"] in pairs:
            pairs[pattern["label"]].append((pattern["id"], pattern["pattern"]))
    return {label: AliasIndex(entries) for label, entries in pairs.items()}


def links(index: AliasIndex, text: str) -> bool:
    return index.lookup(text) is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class CatalogueEntityLinker(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"pipeline_dir": "models/spacy"}

    def __init__(self, config: dict[str, Any], patterns: list[dict[str, str]],
                 model_storage: ModelStorage | None = None, resource: Resource | None = None) -> None:
        self.config = config
        self.patterns = patterns
        self.indexes = build_indexes(patterns)
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CatalogueEntityLinker:
        return cls(config, [], model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Copies the pipeline's patterns into the model."""
        self.patterns = read_pipeline_patterns(Path(self.config["pipeline_dir"]))
        self.indexes = build_indexes(self.patterns)
        if self._model_storage is None or self._resource is None:
            raise ValueError("the linker was not created with a model storage")
        with self._model_storage.write_to(self._resource) as directory:
            (directory / PATTERNS_FILE).write_text(json.dumps(self.patterns, ensure_ascii=False), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> CatalogueEntityLinker:
        """The patterns stored in the model at training time (never the working directory's pipeline)."""
        with model_storage.read_from(resource) as directory:
            patterns = json.loads((directory / PATTERNS_FILE).read_text(encoding="utf-8"))
        return cls(config, patterns, model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            text = message.get(TEXT) or ""
            kept = [e for e in entities if e.get("entity") not in self.indexes
                    or links(self.indexes[e["entity"]], text[e["start"]:e["end"]])]
            message.set(ENTITIES, kept, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
