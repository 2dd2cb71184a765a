"""Links extracted entities to the catalogue and drops those that name nothing in it.

DIET sometimes tags everyday words ("work", "job", "visa") as a programme or a field. An entity of a
catalogue type (programme, country, field) is kept only when its text matches a catalogue name or alias
(typos tolerated), using the same patterns as the spaCy entity ruler. Other entity types pass through.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.catalogue.matching import AliasIndex

LINKED_TYPES = ("programme", "country", "field")


def load_indexes(pipeline_dir: Path) -> dict[str, AliasIndex]:
    pairs: dict[str, list[tuple[str, str]]] = {label: [] for label in LINKED_TYPES}
    with open(pipeline_dir / "entity_ruler" / "patterns.jsonl", encoding="utf-8") as lines:
        for line in lines:
            pattern = json.loads(line)
            if pattern["label"] in pairs:
                pairs[pattern["label"]].append((pattern["id"], pattern["pattern"]))
    return {label: AliasIndex(entries) for label, entries in pairs.items()}


def links(index: AliasIndex, text: str) -> bool:
    return index.lookup(text) is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class CatalogueEntityLinker(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"pipeline_dir": "models/spacy"}

    def __init__(self, config: dict[str, Any]):
        self.indexes = load_indexes(Path(config["pipeline_dir"]))

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CatalogueEntityLinker:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            text = message.get(TEXT) or ""
            kept = [e for e in entities if e.get("entity") not in self.indexes
                    or links(self.indexes[e["entity"]], text[e["start"]:e["end"]])]
            message.set(ENTITIES, kept, add_to_output=True)
        return messages

    def process_training_data(self, training_data):  # noqa: ANN001 - Rasa's signature
        return training_data
