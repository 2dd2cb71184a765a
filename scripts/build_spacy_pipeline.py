"""Builds the project's spaCy pipeline: a blank English model plus an entity ruler from the catalogue.

No pretrained model can be downloaded here, so entity recognition for programmes, countries and fields
comes from the catalogue's own names and aliases. Rebuilt only when the patterns change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from visa_guide import settings  # noqa: E402
from visa_guide.catalogue.loader import CatalogueRecords, read_catalogue  # noqa: E402


def patterns(records: CatalogueRecords) -> list[dict[str, str]]:
    """Entity patterns from names and aliases; `keywords` (generic words like "D-2") are left to the actions."""
    entries: list[tuple[str, str, str]] = []
    for programme in records.programmes:
        entries += [("programme", programme.id, a) for a in [programme.name, *programme.aliases]]
    for country in records.countries:
        names = [country["name"], *country["aliases"], *country["demonyms"]]
        entries += [("country", country["name"], n) for n in names]
    for field in records.fields:
        entries += [("field", field.id, a) for a in [field.name, *field.aliases]]
    unique = {(label, alias.lower()): (label, key, alias) for label, key, alias in entries}
    return [{"label": label, "pattern": alias, "id": key} for label, key, alias in unique.values()]


def build(output: Path) -> bool:
    import spacy

    found = patterns(read_catalogue(settings.catalogue_dir()))
    digest = hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()
    stamp = output / "patterns.sha256"
    if stamp.exists() and stamp.read_text() == digest and (output / "config.cfg").exists():
        return False
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(found)
    nlp.to_disk(output)
    stamp.write_text(digest)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "models" / "spacy")
    args = parser.parse_args()
    changed = build(args.output)
    print(f"spaCy pipeline {'built' if changed else 'up to date'} in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
