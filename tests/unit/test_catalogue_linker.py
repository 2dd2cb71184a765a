import shutil
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.catalogue_linker import CatalogueEntityLinker

PIPELINE = Path(__file__).resolve().parents[2] / "models" / "spacy"


def _entities(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    found = []
    for entity, value in spans:
        start = text.index(value)
        found.append({"entity": entity, "value": value, "start": start, "end": start + len(value)})
    return found


def _trained_then_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CatalogueEntityLinker:
    """Trains the linker on a copy of the pipeline, deletes the copy, loads it from another working folder."""
    pipeline = tmp_path / "pipeline"
    shutil.copytree(PIPELINE, pipeline)
    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage.create(tmp_path / "storage")
    resource = Resource("linker")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**CatalogueEntityLinker.get_default_config(), "pipeline_dir": str(pipeline)}
    trainer = CatalogueEntityLinker.create(config, storage, resource, context)
    assert trainer.train(TrainingData()) == resource
    shutil.rmtree(pipeline)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no models/spacy here either
    return CatalogueEntityLinker.load(CatalogueEntityLinker.get_default_config(), storage, resource, context)


def test_keeps_catalogue_names_and_typos_and_drops_everyday_words(tmp_path, monkeypatch):
    linker = _trained_then_loaded(tmp_path, monkeypatch)
    text = "can I work on the top teir visa from colombia in robotics? I'm 25"
    spans = [("programme", "work"), ("programme", "top teir visa"), ("country", "colombia"), ("field", "robotics"),
             ("field", "I'm"), ("age", "25")]
    message = Message(data={"text": text, "entities": _entities(text, spans)})
    linker.process([message])
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("programme", "top teir visa"), ("country", "colombia"), ("field", "robotics"), ("age", "25")]


def test_a_linker_created_without_training_links_nothing(tmp_path):
    """Without the stored patterns nothing of a catalogue type survives: the patterns really come from the model."""
    storage = LocalModelStorage.create(tmp_path / "storage")
    context = ExecutionContext(GraphSchema({}), "test")
    linker = CatalogueEntityLinker.create({"pipeline_dir": str(PIPELINE)}, storage, Resource("x"), context)
    text = "the top tier visa"
    message = Message(data={"text": text, "entities": _entities(text, [("programme", "top tier visa")])})
    linker.process([message])
    assert message.get("entities") == []
