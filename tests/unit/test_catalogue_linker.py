from pathlib import Path

from rasa.shared.nlu.training_data.message import Message

from nlu.catalogue_linker import CatalogueEntityLinker

PIPELINE = Path(__file__).resolve().parents[2] / "models" / "spacy"


def _entities(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    found = []
    for entity, value in spans:
        start = text.index(value)
        found.append({"entity": entity, "value": value, "start": start, "end": start + len(value)})
    return found


def test_keeps_catalogue_names_and_typos_and_drops_everyday_words():
    linker = CatalogueEntityLinker({"pipeline_dir": str(PIPELINE)})
    text = "can I work on the top teir visa from colombia in robotics? I'm 25"
    spans = [("programme", "work"), ("programme", "top teir visa"), ("country", "colombia"), ("field", "robotics"),
             ("field", "I'm"), ("age", "25")]
    message = Message(data={"text": text, "entities": _entities(text, spans)})
    linker.process([message])
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("programme", "top teir visa"), ("country", "colombia"), ("field", "robotics"), ("age", "25")]
