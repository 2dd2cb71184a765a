"""The catalogue's text in the languages it is translated into: parallel YAML files under the folder the
language table names (catalogue/translations/<code>/), keyed by the ids of the English entries.

    programmes/<id>.yml  name, summary, aliases, keywords; facts by topic (topic label, text or versions,
                         note, and optionally asked_as); not_published and not_covered by topic; fields
                         (coverage) by field id
    context.yml          facts by topic
    contacts.yml         contacts by id: name, hours, languages, purpose
    countries.yml        countries by English name: name, aliases, demonyms, ambiguous
    fields.yml           fields by id: name, aliases
    labels.yml           statuses and aspects

Every entry of the English catalogue must have its text in every translated language, and a translation may
not name an entry the English catalogue lacks: each problem names the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from visa_guide.catalogue.schema import STATUSES, FactRecord, Problems
from visa_guide.languages import Language, translated
from visa_guide.vocabulary import ASPECTS

if TYPE_CHECKING:
    from visa_guide.catalogue.loader import CatalogueRecords, ProgrammeRecord

GAPS = ("not_published", "not_covered")
PLURAL = {"alias": "aliases", "keyword": "keywords", "demonym": "demonyms"}  # part -> its YAML list key


@dataclass(frozen=True)
class TextRecord:
    """One piece of translated text. entry: programme | fact | not_published | not_covered | coverage | contact |
    country | field | label; owner: the programme id ("" for the context), contact id, country name, field id or
    label kind; key: the fact or gap topic, the field id of a coverage, the status or aspect of a label ("" for
    the owner itself); part: name | summary | alias | keyword | topic | note | text | hours | languages |
    purpose | demonym | ambiguous; position: the version (or alias) number."""

    language: str
    entry: str
    owner: str
    key: str
    part: str
    position: int
    text: str


class _Reader:
    """Reads one language's files, recording problems with the file and entry they concern."""

    def __init__(self, language: Language, source: str, folder: Path, problems: Problems):
        self.language = language
        self.source = source  # the name of the catalogue's own language
        self.folder = folder
        self.problems = problems
        self.records: list[TextRecord] = []
        self.files: list[Path] = []

    def read(self, relative: str) -> dict[str, Any]:
        path = self.folder / relative
        self.files.append(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problems.add(str(path), f"file is missing: no {self.language.name} text for {relative}")
            return {}
        except yaml.YAMLError as error:
            self.problems.add(str(path), f"not valid YAML: {error}")
            return {}
        if not isinstance(data, dict):
            self.problems.add(str(path), "expected a mapping")
            return {}
        return data

    def add(self, entry: str, owner: str, key: str, part: str, text: Any, position: int = 0) -> None:
        self.records.append(TextRecord(self.language.code, entry, owner, key, part, position, str(text).strip()))

    def missing(self, where: str, what: str = "") -> None:
        self.problems.add(where, f"no {self.language.name} {what or 'text for this entry'}")

    def text(self, where: str, data: Any, key: str) -> str | None:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            self.missing(where, f"'{key}'")
            return None
        return str(value).strip()

    def names(self, where: str, data: Any, entry: str, owner: str, parts: tuple[str, ...]) -> None:
        """Lists of other names (aliases, keywords, demonyms): each must be a list of text."""
        for part in parts:
            values = (data.get(PLURAL[part]) or []) if isinstance(data, dict) else []
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                self.problems.add(where, f"'{PLURAL[part]}' must be a list of text")
                continue
            for position, value in enumerate(values):
                self.add(entry, owner, "", part, value, position)

    def section(self, where: str, data: dict[str, Any], name: str, expected: list[str]) -> dict[str, Any]:
        """A mapping keyed by English ids: every expected id present, no other."""
        raw = data.get(name) or {}
        if not isinstance(raw, dict):
            self.problems.add(where, f"'{name}' must be a mapping keyed by the English ids")
            return {}
        for key in expected:
            if key not in raw or raw[key] in (None, "", [], {}):
                self.missing(f"{where}: {name}[{key!r}]")
        for key in raw:
            if key not in expected:
                self.problems.add(f"{where}: {name}[{key!r}]", f"names no entry of the {self.source} catalogue")
        return {key: raw[key] for key in expected if raw.get(key) not in (None, "", [], {})}

    def facts(self, where: str, data: dict[str, Any], owner: str, facts: list[FactRecord]) -> None:
        section = self.section(where, data, "facts", [fact.topic for fact in facts])
        for fact in facts:
            raw = section.get(fact.topic)
            if raw is None:
                continue
            label = f"{where}: facts[{fact.topic!r}]"
            if not isinstance(raw, dict):
                self.problems.add(label, "expected a mapping with 'topic' and 'text' (or 'versions')")
                continue
            if (topic := self.text(label, raw, "topic")) is not None:
                self.add("fact", owner, fact.topic, "topic", topic)
            if fact.note and (note := self.text(label, raw, "note")) is not None:
                self.add("fact", owner, fact.topic, "note", note)
            self._versions(label, raw, owner, fact)
            self.phrasings(label, raw, owner, fact.topic)

    def phrasings(self, label: str, raw: dict[str, Any], owner: str, topic: str) -> None:
        """`asked_as`: how people ask for the fact in this language (optional; the answer search's words)."""
        values = raw.get("asked_as") or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            self.problems.add(label, "'asked_as' must be a list of text")
            return
        for position, value in enumerate(values):
            self.add("fact", owner, topic, "asked_as", value, position)

    def _versions(self, label: str, raw: dict[str, Any], owner: str, fact: FactRecord) -> None:
        versions = raw.get("versions")
        if versions is None and len(fact.versions) == 1:
            versions = [raw.get("text")]
        if not isinstance(versions, list) or len(versions) != len(fact.versions):
            found = len(versions) if isinstance(versions, list) else 0
            counts = f"{len(fact.versions)} version(s) in {self.source}, {found} in {self.language.name}"
            self.problems.add(label, f"{counts} ('text' or 'versions')")
            return
        for position, text in enumerate(versions):
            if not isinstance(text, str) or not text.strip():
                self.missing(label, f"text for versions[{position}]")
            else:
                self.add("fact", owner, fact.topic, "text", text, position)


def _programme(reader: _Reader, programme: ProgrammeRecord) -> None:
    relative = f"programmes/{programme.id}.yml"
    data = reader.read(relative)
    if not data:
        return
    where = str(reader.folder / relative)
    if data.get("id") != programme.id:
        reader.problems.add(where, f"'id' must be {programme.id!r}, the id of programmes/{programme.id}.yml")
    for part in ("name", "summary"):
        if (text := reader.text(where, data, part)) is not None:
            reader.add("programme", programme.id, "", part, text)
    reader.names(where, data, "programme", programme.id, ("alias", "keyword"))
    reader.facts(where, data, programme.id, programme.facts)
    for gap in GAPS:
        topics = [topic for _, topic in getattr(programme, gap)]
        for topic, text in reader.section(where, data, gap, topics).items():
            reader.add(gap, programme.id, topic, "text", text)
    fields = list(dict.fromkeys(field_id for field_id, _ in programme.coverage))
    for field_id, text in reader.section(where, data, "fields", fields).items():
        reader.add("coverage", programme.id, field_id, "text", text)


def _extra_programme_files(reader: _Reader, records: CatalogueRecords) -> None:
    ids = {programme.id for programme in records.programmes}
    for path in sorted((reader.folder / "programmes").glob("*.yml")):
        if path.stem not in ids:
            reader.problems.add(str(path), f"names no programme: there is no programmes/{path.stem}.yml")


def _contacts(reader: _Reader, records: CatalogueRecords) -> None:
    data = reader.read("contacts.yml")
    where = str(reader.folder / "contacts.yml")
    contacts = {contact["id"]: contact for contact in records.contacts if contact.get("id")}
    for contact_id, raw in reader.section(where, data, "contacts", list(contacts)).items():
        for part in ("name", "hours", "languages", "purpose"):
            if part == "name" or contacts[contact_id].get(part):
                text = reader.text(f"{where}: contacts[{contact_id!r}]", raw, part)
                if text is not None:
                    reader.add("contact", contact_id, "", part, text)


def _countries_and_fields(reader: _Reader, records: CatalogueRecords) -> None:
    data = reader.read("countries.yml")
    where = str(reader.folder / "countries.yml")
    for name, raw in reader.section(where, data, "countries", [c["name"] for c in records.countries]).items():
        if (text := reader.text(f"{where}: countries[{name!r}]", raw, "name")) is not None:
            reader.add("country", name, "", "name", text)
        reader.names(f"{where}: countries[{name!r}]", raw, "country", name, ("alias", "demonym"))
        if raw.get("ambiguous"):
            reader.add("country", name, "", "ambiguous", "true")
    data = reader.read("fields.yml")
    where = str(reader.folder / "fields.yml")
    for field_id, raw in reader.section(where, data, "fields", [f.id for f in records.fields]).items():
        if (text := reader.text(f"{where}: fields[{field_id!r}]", raw, "name")) is not None:
            reader.add("field", field_id, "", "name", text)
        reader.names(f"{where}: fields[{field_id!r}]", raw, "field", field_id, ("alias",))


def _labels(reader: _Reader) -> None:
    data = reader.read("labels.yml")
    where = str(reader.folder / "labels.yml")
    for kind, expected in (("statuses", list(STATUSES)), ("aspects", list(ASPECTS))):
        for key, text in reader.section(where, data, kind, expected).items():
            reader.add("label", kind, key, "text", text)


def _check_aliases_unique(reader: _Reader) -> None:
    owner: dict[str, str] = {}
    for record in reader.records:
        if record.entry == "programme" and record.part in ("name", "alias", "keyword"):
            key = record.text.lower()
            if owner.setdefault(key, record.owner) != record.owner:
                reader.problems.add(
                    str(reader.folder / f"programmes/{record.owner}.yml"),
                    f"alias {record.text!r} is also used by {owner[key]}",
                )


def read_translations(
    directory: Path, languages: tuple[Language, ...], records: CatalogueRecords, problems: Problems
) -> tuple[list[TextRecord], list[Path]]:
    """The text records of every translated language and the files read (for the fingerprint); every entry
    without its text, and every text without an English entry, is added to `problems`."""
    texts: list[TextRecord] = []
    files: list[Path] = []
    source = next(language.name for language in languages if language.source)
    for language in translated(languages):
        folder = language.part_path("catalogue", directory)
        if folder is None:
            problems.add(f"{directory / 'languages.yml'}", f"{language.code}: 'parts: catalogue' is not set")
            continue
        reader = _Reader(language, source, folder, problems)
        for programme in records.programmes:
            _programme(reader, programme)
        _extra_programme_files(reader, records)
        context = reader.read("context.yml")
        reader.facts(str(folder / "context.yml"), context, "", records.context)
        _contacts(reader, records)
        _countries_and_fields(reader, records)
        _labels(reader)
        _check_aliases_unique(reader)
        texts += reader.records
        files += reader.files
    return texts, files
