"""Loads the catalogue YAML into the database: validate everything first, then replace it all at once."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from visa_guide.catalogue import models as m
from visa_guide.catalogue.schema import (
    ASPECTS,
    CATEGORIES,
    COUNTRY_BASES,
    CURRENT_STATUSES,
    EDUCATION_LEVELS,
    STATUSES,
    WAR_ROLES,
    Checker,
    FactRecord,
    Problems,
    StatementRecord,
    check_fact,
    check_source_ids,
    check_statement,
)
from visa_guide.catalogue.translations import TextRecord, read_translations
from visa_guide.languages import TABLE as LANGUAGE_TABLE
from visa_guide.languages import LanguageTableError, read_languages

# The criteria the recommender judges; each one that is set names its source fact in `criteria_basis`.
CRITERIA = ("statuses", "education", "fields", "named_fields", "countries", "age_max")


class CatalogueError(ValueError):
    """The catalogue YAML is invalid; `problems` lists every error with its file and entry."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid catalogue:\n  " + "\n  ".join(problems))


@dataclass
class ProgrammeRecord:
    order: int
    id: str
    name: str
    category: str
    status: str
    summary: str
    aliases: list[str]
    keywords: list[str]
    facts: list[FactRecord]
    not_published: list[tuple[str, str]]
    coverage: list[tuple[str, StatementRecord]]
    criteria: dict[str, Any]
    not_covered: list[tuple[str, str]] = field(default_factory=list)
    compare_with: str | None = None  # the programme it is most often compared with (the comparison's suggestions)


@dataclass
class FieldRecord:
    id: str
    name: str
    aliases: list[str]
    keywords: list[str]


@dataclass
class CatalogueRecords:
    sources: list[dict[str, Any]] = field(default_factory=list)
    fields: list[FieldRecord] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    programmes: list[ProgrammeRecord] = field(default_factory=list)
    context: list[FactRecord] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    texts: list[TextRecord] = field(default_factory=list)  # the translated languages' text (translations.py)
    fingerprint: str = ""


def _read_yaml(path: Path, problems: Problems, key: str | None) -> Any:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(str(path), "file is missing")
        return None
    except yaml.YAMLError as error:
        problems.add(str(path), f"not valid YAML: {error}")
        return None
    if key is None:
        return data
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.add(str(path), f"expected a top-level '{key}:' list")
        return None
    return data[key]


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _check_unique(problems: Problems, where: str, ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            problems.add(where, f"duplicate {what} {item!r}")
        seen.add(item)


def _read_sources(path: Path, problems: Problems) -> list[dict[str, Any]]:
    records = []
    for i, raw in enumerate(_read_yaml(path, problems, "sources") or []):
        check = Checker(problems, f"{path}: sources[{i}]", raw)
        record = {
            "id": check.text("id"),
            "title": check.text("title"),
            "publisher": check.text("publisher"),
            "url": check.text("url", required=False),
            "reference": check.text("reference", required=False),
            "official": check.boolean("official"),
        }
        record["date"], record["date_precision"] = check.partial_date("date", required=False)
        if "date" not in check.data:
            problems.add(check.where, "'date' is missing (write 'date: null' for an undated source)")
        if not record["url"] and not record["reference"]:
            problems.add(check.where, "needs a 'url' or a 'reference'")
        if record["url"] and not record["url"].startswith(("https://", "http://")):
            problems.add(check.where, f"'url' {record['url']!r} must start with https:// or http://")
        records.append(record)
    _check_unique(problems, str(path), [r["id"] for r in records if r["id"]], "source id")
    return records


def _read_fields(path: Path, problems: Problems) -> list[FieldRecord]:
    records = []
    for i, raw in enumerate(_read_yaml(path, problems, "fields") or []):
        check = Checker(problems, f"{path}: fields[{i}]", raw)
        field_id, name = check.text("id"), check.text("name")
        if field_id and name:
            records.append(FieldRecord(field_id, name, check.text_list("aliases"), check.text_list("keywords")))
    _check_unique(problems, str(path), [r.id for r in records], "field id")
    return records


def _read_countries(path: Path, problems: Problems, source_ids: set[str]) -> list[dict[str, Any]]:
    records = []
    for i, raw in enumerate(_read_yaml(path, problems, "countries") or []):
        check = Checker(problems, f"{path}: countries[{i}] ({(raw or {}).get('name', '?')})", raw)
        record = {
            "name": check.text("name"),
            "aliases": check.text_list("aliases"),
            "demonyms": check.text_list("demonyms"),
            "war_role": check.choice("war_role", WAR_ROLES, required=False),
            "note": check.text("note", required=False),
            "sources": check.text_list("sources"),
        }
        if record["war_role"] and not record["sources"]:
            problems.add(check.where, "a war role without a source: 'sources' is missing")
        check_source_ids(problems, check.where, record["sources"], source_ids)
        if record["name"]:
            records.append(record)
    _check_unique(problems, str(path), [r["name"] for r in records], "country")
    return records


def _read_criteria(check: Checker, field_ids: set[str], facts: list[FactRecord]) -> dict[str, Any]:
    raw = check.data.get("criteria") or {}
    where = f"{check.where} criteria"
    criteria = Checker(check.problems, where, raw)
    statuses = criteria.text_list("statuses") or None
    education = criteria.text_list("education") or None
    fields = criteria.text_list("fields") or None
    named_fields = criteria.text_list("named_fields") or None  # named by a source, the full list unpublished
    countries = criteria.choice("countries", COUNTRY_BASES, required=False)
    age_max = raw.get("age_max") if isinstance(raw, dict) else None
    for value in statuses or []:
        if value not in CURRENT_STATUSES:
            check.problems.add(where, f"unknown status {value!r}; expected one of {', '.join(CURRENT_STATUSES)}")
    for value in education or []:
        if value not in EDUCATION_LEVELS:
            check.problems.add(where, f"unknown education {value!r}; expected one of {', '.join(EDUCATION_LEVELS)}")
    for value in [*(fields or []), *(named_fields or [])]:
        if value not in field_ids:
            check.problems.add(where, f"unknown field {value!r} (not in fields.yml)")
    if age_max is not None and not isinstance(age_max, int):
        check.problems.add(where, "'age_max' must be a whole number or null")
    topics = {fact.topic for fact in facts}
    # published rules the recommender cannot judge; by default every eligibility fact
    explicit = isinstance(raw, dict) and "to_check" in raw
    to_check = criteria.text_list("to_check") if explicit else [f.topic for f in facts if f.aspect == "eligibility"]
    for topic in to_check:
        if topic not in topics:
            check.problems.add(where, f"'to_check' names {topic!r}, which is not a fact topic of this programme")
    judged = {
        "statuses": statuses,
        "education": education,
        "fields": fields,
        "named_fields": named_fields,
        "countries": countries,
        "age_max": age_max,
    }
    basis = _read_criteria_basis(check, judged, topics)
    return {**judged, "to_check": to_check, "basis": basis}


def _read_criteria_basis(check: Checker, judged: dict[str, Any], topics: set[str]) -> dict[str, str]:
    """`criteria_basis: {criterion: fact topic}`: the fact each judged criterion comes from. Every criterion
    that is set must name one, and the topic must be a fact of this programme."""
    where = f"{check.where} criteria_basis"
    raw = check.data.get("criteria_basis")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        check.problems.add(where, "expected a mapping of criterion to fact topic")
        raw = {}
    basis: dict[str, str] = {}
    for key, topic in raw.items():
        if key not in CRITERIA:
            check.problems.add(where, f"{key!r} is not a criterion; expected one of {', '.join(CRITERIA)}")
        elif judged.get(key) is None:
            check.problems.add(where, f"names a fact for {key!r}, which is not set in criteria")
        elif not isinstance(topic, str) or topic not in topics:
            check.problems.add(where, f"{key}: {topic!r} is not a fact topic of this programme")
        else:
            basis[key] = topic
    for key, value in judged.items():
        if value is not None and key not in raw:
            check.problems.add(where, f"criterion {key!r} names no source fact (add '{key}: <fact topic>')")
    return basis


def _read_gaps(check: Checker, key: str) -> list[tuple[str, str]]:
    """`not_published` / `not_covered`: [{aspect, topic}] entries."""
    gaps = []
    for i, raw in enumerate(check.mapping_list(key)):
        item = Checker(check.problems, f"{check.where}: {key}[{i}]", raw)
        aspect, topic = item.choice("aspect", ASPECTS), item.text("topic")
        if aspect and topic:
            gaps.append((aspect, topic))
    return gaps


def _read_programme(
    path: Path, problems: Problems, source_ids: set[str], field_ids: set[str]
) -> ProgrammeRecord | None:
    data = _read_yaml(path, problems, None)
    check = Checker(problems, str(path), data)
    if not isinstance(data, dict):
        return None
    where = str(path)
    facts = [
        check_fact(problems, f"{where}: facts[{i}]", f, source_ids)
        for i, f in enumerate(check.mapping_list("facts", required=True))
    ]
    _check_unique(problems, where, [f.topic for f in facts if f], "fact topic")
    coverage = []
    for i, raw in enumerate(check.mapping_list("fields")):
        label = f"{where}: fields[{i}]"
        field_id = Checker(problems, label, raw).text("field")
        if field_id and field_id not in field_ids:
            problems.add(label, f"unknown field {field_id!r} (not in fields.yml)")
        statement = check_statement(problems, label, raw, source_ids)
        if field_id and statement:
            coverage.append((field_id, statement))
    order = data.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        problems.add(where, "'order' must be a whole number")
        order = 100
    record = ProgrammeRecord(
        order=order,
        id=check.text("id") or "",
        name=check.text("name") or "",
        category=check.choice("category", CATEGORIES) or "",
        status=check.choice("status", STATUSES) or "",
        summary=check.text("summary") or "",
        aliases=check.text_list("aliases"),
        keywords=check.text_list("keywords"),
        facts=[f for f in facts if f],
        not_published=_read_gaps(check, "not_published"),
        coverage=coverage,
        criteria=_read_criteria(check, field_ids, [f for f in facts if f]),
        not_covered=_read_gaps(check, "not_covered"),
        compare_with=check.text("compare_with", required=False),
    )
    if record.id and path.stem != record.id:
        problems.add(where, f"id {record.id!r} should match the file name {path.stem!r}")
    return record


def _read_contacts(path: Path, problems: Problems, source_ids: set[str]) -> list[dict[str, Any]]:
    records = []
    for i, raw in enumerate(_read_yaml(path, problems, "contacts") or []):
        where = f"{path}: contacts[{i}]"
        check = Checker(problems, where, raw)
        record = {
            key: check.text(key, required=key in ("id", "name"))
            for key in ("id", "name", "phone", "phone_abroad", "url", "hours", "languages", "purpose")
        }
        record["status"] = check.choice("status", STATUSES)
        record["as_of"] = check.date("as_of", required=False)
        record["sources"] = check.text_list("sources")
        if not record["sources"]:
            problems.add(where, "a contact without a source: 'sources' is missing")
        check_source_ids(problems, where, record["sources"], source_ids)
        records.append(record)
    return records


def read_contact_records(directory: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """contacts.yml validated as read_catalogue validates it, with the sources.yml entries by id; raises
    CatalogueError listing the problems of either file. The one reader of contacts.yml besides the full load."""
    problems = Problems()
    sources = {s["id"]: s for s in _read_sources(directory / "sources.yml", problems) if s["id"]}
    contacts = _read_contacts(directory / "contacts.yml", problems, set(sources))
    if problems.messages:
        raise CatalogueError(problems.messages)
    return contacts, sources


def read_catalogue(directory: Path) -> CatalogueRecords:
    """Read and validate every catalogue file; raise CatalogueError listing all problems."""
    directory = Path(directory)
    problems = Problems()
    records = CatalogueRecords()
    records.sources = _read_sources(directory / "sources.yml", problems)
    source_ids = {s["id"] for s in records.sources if s["id"]}
    records.fields = _read_fields(directory / "fields.yml", problems)
    field_ids = {f.id for f in records.fields}
    records.countries = _read_countries(directory / "countries.yml", problems, source_ids)
    programme_files = sorted((directory / "programmes").glob("*.yml"))
    if not programme_files:
        problems.add(str(directory / "programmes"), "no programme files (*.yml)")
    for path in programme_files:
        programme = _read_programme(path, problems, source_ids, field_ids)
        if programme:
            records.programmes.append(programme)
    context_path = directory / "context.yml"
    records.context = [
        fact
        for i, raw in enumerate(_read_yaml(context_path, problems, "facts") or [])
        if (fact := check_fact(problems, f"{context_path}: facts[{i}]", raw, source_ids))
    ]
    records.contacts = _read_contacts(directory / "contacts.yml", problems, source_ids)
    records.programmes.sort(key=lambda p: (p.order, p.id))
    _check_aliases_unique(records, problems)
    _check_roles(records, problems)
    translation_files = _read_texts(directory, records, problems)
    if problems.messages:
        raise CatalogueError(problems.messages)
    files = [directory / n for n in ("sources.yml", "fields.yml", "countries.yml", "context.yml", "contacts.yml")]
    if (directory / LANGUAGE_TABLE).exists():
        files.append(directory / LANGUAGE_TABLE)
    records.fingerprint = _fingerprint(files + programme_files + translation_files)
    return records


def _read_texts(directory: Path, records: CatalogueRecords, problems: Problems) -> list[Path]:
    """The translated languages' text into `records.texts`; returns the files read. Only when the English
    catalogue is valid: a translation is checked against its entries."""
    if problems.messages:
        return []
    try:
        languages = read_languages(directory)
    except LanguageTableError as error:
        problems.messages.append(str(error))
        return []
    records.texts, files = read_translations(directory, languages, records, problems)
    return files


def _check_roles(records: CatalogueRecords, problems: Problems) -> None:
    """What the actions look programmes up by: the programme a comparison pairs one with, and the programme a
    country is checked against (the one whose criteria use the Korean War participants of countries.yml)."""
    ids = {p.id for p in records.programmes}
    for programme in records.programmes:
        if programme.compare_with is not None and (
            programme.compare_with not in ids or programme.compare_with == programme.id
        ):
            problems.add(
                f"programmes/{programme.id}.yml",
                f"'compare_with' names {programme.compare_with!r}; expected the id of another programme",
            )
    participants = any(c.get("war_role") for c in records.countries)
    if participants and not any(p.criteria.get("countries") for p in records.programmes):
        problems.add(
            "countries.yml",
            "lists Korean War participants, but no programme's criteria use them (countries: korean_war_participants)",
        )


def _check_aliases_unique(records: CatalogueRecords, problems: Problems) -> None:
    owner: dict[str, str] = {}
    for programme in records.programmes:
        for alias in [programme.name, programme.id, *programme.aliases, *programme.keywords]:
            key = alias.lower()
            if owner.setdefault(key, programme.id) != programme.id:
                problems.add(f"programmes/{programme.id}.yml", f"alias {alias!r} is also used by {owner[key]}")


def _statement_sources(session: Session, ids: list[str]) -> list[m.Source]:
    return [session.get(m.Source, source_id) for source_id in ids]


def _statement_columns(session: Session, statement: StatementRecord) -> dict[str, Any]:
    """The columns every sourced statement row has: text, status, as-of date and its sources."""
    return {
        "text": statement.text,
        "status": statement.status,
        "as_of": statement.as_of,
        "sources": _statement_sources(session, statement.sources),
    }


def _version_row(session: Session, position: int, statement: StatementRecord) -> m.FactVersion:
    return m.FactVersion(
        position=position,
        valid_from=statement.valid_from,
        valid_until=statement.valid_until,
        **_statement_columns(session, statement),
    )


def _fact_rows(
    session: Session, facts: list[FactRecord], programme_id: str | None, to_check: tuple[str, ...] = ()
) -> list[m.Fact]:
    return [
        m.Fact(
            programme_id=programme_id,
            aspect=fact.aspect,
            topic=fact.topic,
            position=position,
            kind=fact.kind,
            note=fact.note,
            also_aspects="".join(f",{aspect}" for aspect in fact.also) + ("," if fact.also else ""),
            to_check=fact.topic in to_check,
            in_summary=fact.in_summary,
            asked_as_json=json.dumps(fact.asked_as),
            versions=[_version_row(session, i, v) for i, v in enumerate(fact.versions)],
        )
        for position, fact in enumerate(facts)
    ]


def _write(session: Session, records: CatalogueRecords) -> None:
    for table in reversed(m.Base.metadata.sorted_tables):
        session.execute(delete(table))
    session.add_all(m.Source(**source) for source in records.sources)
    session.flush()
    for f in records.fields:
        aliases = [m.FieldAlias(alias=a) for a in dict.fromkeys([f.name, *f.aliases])]
        aliases += [m.FieldAlias(alias=a, kind="keyword") for a in f.keywords]
        session.add(m.Field(id=f.id, name=f.name, aliases=aliases))
    for country in records.countries:
        aliases = [m.CountryAlias(alias=country["name"], kind="name")]
        aliases += [m.CountryAlias(alias=a, kind="alias") for a in country["aliases"]]
        aliases += [m.CountryAlias(alias=a, kind="demonym") for a in country["demonyms"]]
        session.add(
            m.Country(
                name=country["name"],
                war_role=country["war_role"],
                note=country["note"],
                aliases=aliases,
                sources=_statement_sources(session, country["sources"]),
            )
        )
    session.flush()
    for position, p in enumerate(records.programmes):
        session.add(
            m.Programme(
                id=p.id,
                name=p.name,
                category=p.category,
                status=p.status,
                summary=p.summary,
                position=position,
                criteria_json=json.dumps(p.criteria),
                aliases=[m.ProgrammeAlias(alias=a) for a in dict.fromkeys([p.name, p.id, *p.aliases])]
                + [m.ProgrammeAlias(alias=a, kind="keyword") for a in p.keywords],
                not_covered_json=json.dumps(p.not_covered),
                compare_with=p.compare_with,
                facts=_fact_rows(session, p.facts, p.id, tuple(p.criteria["to_check"])),
                not_published=[m.NotPublished(aspect=a, topic=t) for a, t in p.not_published],
                coverage=[m.FieldCoverage(field_id=f, **_statement_columns(session, s)) for f, s in p.coverage],
            )
        )
    session.add_all(_fact_rows(session, records.context, None))
    for position, contact in enumerate(records.contacts):
        sources = _statement_sources(session, contact.pop("sources"))
        session.add(m.Contact(position=position, sources=sources, **contact))
    session.add_all(m.CatalogueText(**vars(text)) for text in records.texts)
    session.add(m.CatalogueMeta(id=1, fingerprint=records.fingerprint))


def ensure_schema(engine: Engine) -> None:
    """Creates the tables; recreates them all when an older layout is found (the data comes from the YAML)."""
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    outdated = any(
        table.name in existing and {c["name"] for c in inspector.get_columns(table.name)} != set(table.columns.keys())
        for table in m.Base.metadata.sorted_tables
    )
    if outdated:
        m.Base.metadata.drop_all(engine)
    m.Base.metadata.create_all(engine)


def load_catalogue(directory: Path, engine: Engine, force: bool = False) -> bool:
    """Validate the YAML in `directory` and load it into `engine`'s database.

    Idempotent: returns False without writing when the same YAML is already loaded (unless `force`).
    The replacement happens in one transaction, so readers see the old or the new catalogue, never half.
    """
    records = read_catalogue(directory)
    ensure_schema(engine)
    with Session(engine) as session, session.begin():
        current = session.execute(select(m.CatalogueMeta.fingerprint)).scalar()
        if current == records.fingerprint and not force:
            return False
        _write(session, records)
    return True
