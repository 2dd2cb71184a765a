"""The answer search over the catalogue as it is now: built on first use, rebuilt when the catalogue changes."""

from __future__ import annotations

import threading

from visa_guide.assistant.fact_index import Entry, FactIndex, context_entries, entries_of
from visa_guide.catalogue.queries import Catalogue

_lock = threading.Lock()
_built: dict[int, tuple[str, FactIndex]] = {}


def catalogue_entries(cat: Catalogue) -> list[Entry]:
    entries: list[Entry] = []
    for programme in cat.programmes():
        entries += entries_of(programme, cat.facts(programme.id), cat.gaps(programme.id))
    return entries + context_entries(cat.context_facts())


def fact_index(cat: Catalogue, ranker: str = "bm25") -> FactIndex:
    """The index of `cat`'s current version (one per catalogue object and ranker)."""
    version = cat.version()
    key = hash((id(cat), ranker))
    with _lock:
        cached = _built.get(key)
        if cached and cached[0] == version:
            return cached[1]
    index = FactIndex(catalogue_entries(cat), ranker)
    with _lock:
        _built[key] = (version, index)
    return index
