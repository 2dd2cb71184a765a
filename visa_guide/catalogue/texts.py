"""The catalogue's text in one translated language, as read views: `Catalogue.texts("ko")`.

Every lookup falls back to nothing (None, or an empty mapping): a caller that gets None shows the source
language's text, so nothing here changes what the English path reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from visa_guide.catalogue.views import FactView, ProgrammeView

Key = tuple[str, str, str, str]  # entry, owner, key, part (see translations.TextRecord)


@dataclass(frozen=True)
class ProgrammeText:
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactText:
    topic: str  # the topic's label in this language; the fact's id stays the English topic
    versions: tuple[str, ...]
    note: str | None = None
    asked_as: tuple[str, ...] = ()  # how people ask for it in this language (the answer search)


@dataclass(frozen=True)
class ContactText:
    name: str
    hours: str | None
    languages: str | None
    purpose: str | None


@dataclass(frozen=True)
class NameText:
    """A country's or a field's name, with the other ways people write it."""

    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    ambiguous: bool = False  # also an everyday word: match it only as a whole word


@dataclass(frozen=True)
class CatalogueTexts:
    language: str
    parts: dict[Key, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_rows(cls, language: str, rows: Iterable[tuple[str, str, str, str, int, str]]) -> CatalogueTexts:
        """Rows (entry, owner, key, part, position, text), in any order."""
        found: dict[Key, list[tuple[int, str]]] = {}
        for entry, owner, key, part, position, text in rows:
            found.setdefault((entry, owner, key, part), []).append((position, text))
        return cls(language, {k: tuple(text for _, text in sorted(v)) for k, v in found.items()})

    def _all(self, entry: str, owner: str, key: str, part: str) -> tuple[str, ...]:
        return self.parts.get((entry, owner, key, part), ())

    def _one(self, entry: str, owner: str, key: str, part: str) -> str | None:
        values = self._all(entry, owner, key, part)
        return values[0] if values else None

    def programme(self, programme_id: str) -> ProgrammeText | None:
        name = self._one("programme", programme_id, "", "name")
        summary = self._one("programme", programme_id, "", "summary")
        if name is None or summary is None:
            return None
        aliases = self._all("programme", programme_id, "", "alias")
        return ProgrammeText(name, summary, aliases, self._all("programme", programme_id, "", "keyword"))

    def fact(self, programme_id: str | None, topic: str) -> FactText | None:
        """A programme's fact by its (English) topic; `programme_id` None: a fact of the policy context."""
        owner = programme_id or ""
        versions = self._all("fact", owner, topic, "text")
        label = self._one("fact", owner, topic, "topic")
        if not versions or label is None:
            return None
        note, asked_as = self._one("fact", owner, topic, "note"), self._all("fact", owner, topic, "asked_as")
        return FactText(label, versions, note, asked_as)

    def gap(self, programme_id: str, topic: str, kind: str = "not_published") -> str | None:
        """What is not published (kind "not_published") or not in my sources ("not_covered"), by its topic."""
        return self._one(kind, programme_id, topic, "text")

    def coverage(self, programme_id: str, field_id: str) -> str | None:
        return self._one("coverage", programme_id, field_id, "text")

    def contact(self, contact_id: str) -> ContactText | None:
        name = self._one("contact", contact_id, "", "name")
        if name is None:
            return None
        parts = (self._one("contact", contact_id, "", part) for part in ("hours", "languages", "purpose"))
        return ContactText(name, *parts)

    def country(self, name: str) -> NameText | None:
        """A country by its English name (countries.yml)."""
        return self._name("country", name)

    def field(self, field_id: str) -> NameText | None:
        return self._name("field", field_id)

    def _name(self, entry: str, owner: str) -> NameText | None:
        name = self._one(entry, owner, "", "name")
        if name is None:
            return None
        ambiguous = self._one(entry, owner, "", "ambiguous") is not None
        return NameText(name, self._all(entry, owner, "", "alias"), self._all(entry, owner, "", "demonym"), ambiguous)

    def label(self, kind: str, key: str) -> str | None:
        """A fixed value's word: kind "statuses" ("in force") or "aspects" ("eligibility")."""
        return self._one("label", kind, key, "text")

    def aliases(self, entry: str) -> dict[str, list[str]]:
        """Every name people write for each programme, country or field in this language, by its id (a
        country's English name), for entity patterns and alias matching. Ambiguous country names are left out;
        their demonyms stay."""
        found: dict[str, list[str]] = {}
        for (kind, owner, _key, part), values in self.parts.items():
            if kind != entry or part not in ("name", "alias", "keyword", "demonym"):
                continue
            if part == "name" and self._one(entry, owner, "", "ambiguous"):
                continue
            found.setdefault(owner, []).extend(values)
        return {owner: list(dict.fromkeys(values)) for owner, values in found.items()}

    def localise_programme(self, programme: ProgrammeView) -> ProgrammeView | None:
        """The programme with this language's name and summary (its id and criteria unchanged), or None."""
        text = self.programme(programme.id)
        return dataclasses.replace(programme, name=text.name, summary=text.summary) if text else None

    def localise_fact(self, programme_id: str | None, fact: FactView) -> FactView | None:
        """The fact with this language's version texts, note and asked_as phrasings; its topic (the id) and
        sources unchanged."""
        text = self.fact(programme_id, fact.topic)
        if text is None or len(text.versions) != len(fact.versions):
            return None
        versions = tuple(dataclasses.replace(v, text=t) for v, t in zip(fact.versions, text.versions, strict=True))
        note = text.note if fact.note else None
        return dataclasses.replace(fact, versions=versions, note=note, asked_as=text.asked_as)
