"""The query API of the catalogue: every read the assistant makes goes through `Catalogue`."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload

from visa_guide.catalogue import models as m
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.matching import AliasIndex
from visa_guide.catalogue.texts import CatalogueTexts
from visa_guide.catalogue.views import (
    ContactView,
    CountryView,
    CoverageView,
    FactView,
    FieldView,
    GapView,
    ProgrammeView,
    SourceView,
    Statement,
)


def _source(row: m.Source) -> SourceView:
    return SourceView(
        row.title, row.publisher, row.url, row.reference, row.date, bool(row.official), row.date_precision or "day"
    )


def _statement(text: str, status: str, as_of, sources, valid_from=None, valid_until=None) -> Statement:
    return Statement(text, status, as_of, tuple(_source(s) for s in sources), valid_from, valid_until)


def _fact(row: m.Fact) -> FactView:
    versions = tuple(
        _statement(v.text, v.status, v.as_of, v.sources, v.valid_from, v.valid_until) for v in row.versions
    )
    asked_as = tuple(json.loads(row.asked_as_json or "[]"))
    return FactView(row.aspect, row.topic, versions, row.kind or "single", row.note, bool(row.in_summary), asked_as)


def _programme(row: m.Programme, checks: tuple[FactView, ...] = ()) -> ProgrammeView:
    return ProgrammeView(
        row.id,
        row.name,
        row.category,
        row.status,
        row.summary,
        json.loads(row.criteria_json or "{}"),
        tuple(GapView(aspect, topic) for aspect, topic in json.loads(row.not_covered_json or "[]")),
        checks,
        row.compare_with,
    )


def _fact_query():
    return select(m.Fact).options(selectinload(m.Fact.versions).selectinload(m.FactVersion.sources))


def _country(row: m.Country) -> CountryView:
    return CountryView(row.name, row.war_role, row.note, tuple(_source(s) for s in row.sources))


@dataclass(frozen=True)
class Comparison:
    left: ProgrammeView
    right: ProgrammeView
    rows: tuple[tuple[str, tuple[FactView, ...], tuple[FactView, ...]], ...]


@dataclass
class _Indexes:
    fingerprint: str
    programmes: AliasIndex
    countries: AliasIndex
    fields: AliasIndex


Read = TypeVar("Read", bound=Callable[..., Any])


def _per_version(method: Read) -> Read:
    """Keeps a read's result until the catalogue is reloaded: one small query (the catalogue's
    fingerprint) instead of several per call. Results are frozen views; lists are handed out as copies."""

    @functools.wraps(method)
    def cached(self: Catalogue, *args: Any, **kwargs: Any) -> Any:
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        version = self.version()
        with self._lock:
            if self._cache_version != version:
                self._cache, self._cache_version = {}, version
            if key in self._cache:
                found = self._cache[key]
                return list(found) if isinstance(found, list) else found
        value = method(self, *args, **kwargs)
        with self._lock:
            if self._cache_version == version:
                self._cache[key] = value
        return list(value) if isinstance(value, list) else value

    return cached  # type: ignore[return-value]


class Catalogue:
    """Read access to the catalogue. Safe to share between threads; notices a reload of the YAML at once."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._indexes: _Indexes | None = None
        self._lock = threading.Lock()
        self._cache: dict[tuple, Any] = {}
        self._cache_version: str | None = None

    def version(self) -> str:
        """The fingerprint of the loaded catalogue; it changes with every load that changes the YAML."""
        with self.engine.connect() as connection:
            return connection.execute(select(m.CatalogueMeta.fingerprint)).scalar() or ""

    @classmethod
    def from_url(cls, url: str) -> Catalogue:
        return cls(make_engine(url))

    # -- name lookup -------------------------------------------------------------------------

    def _current_indexes(self) -> _Indexes:
        fingerprint = self.version()
        if self._indexes and self._indexes.fingerprint == fingerprint:
            return self._indexes
        with Session(self.engine) as session:
            programme_aliases = session.execute(select(m.ProgrammeAlias.programme_id, m.ProgrammeAlias.alias)).all()
            country_aliases = session.execute(
                select(m.Country.name, m.CountryAlias.alias).join(
                    m.CountryAlias, m.Country.id == m.CountryAlias.country_id
                )
            ).all()
            field_aliases = session.execute(select(m.FieldAlias.field_id, m.FieldAlias.alias)).all()
        indexes = _Indexes(
            fingerprint,
            AliasIndex([tuple(r) for r in programme_aliases]),
            AliasIndex([tuple(r) for r in country_aliases]),
            AliasIndex([tuple(r) for r in field_aliases]),
        )
        with self._lock:
            self._indexes = indexes
        return indexes

    @_per_version
    def programme_aliases(self, kind: str | None = None) -> dict[str, list[str]]:
        """Every programme's names as people write them, by programme id: aliases and keywords, or only one
        `kind` ("alias" or "keyword")."""
        query = select(m.ProgrammeAlias.programme_id, m.ProgrammeAlias.alias)
        if kind:
            query = query.where(m.ProgrammeAlias.kind == kind)
        with Session(self.engine) as session:
            rows = session.execute(query).all()
        found: dict[str, list[str]] = {}
        for programme_id, alias in rows:
            found.setdefault(programme_id, []).append(alias)
        return found

    def find_programme(self, text: str) -> str | None:
        """The programme id for an entity value or a message, tolerant of typos ("top teir")."""
        return self._current_indexes().programmes.lookup(text)

    def programmes_in_text(self, text: str) -> list[str]:
        """Programme ids mentioned in a message, in order, without repeats."""
        found = self._current_indexes().programmes.find_all(text)
        return list(dict.fromkeys(match.key for match in found))

    @_per_version
    def find_country(self, text: str) -> CountryView | None:
        name = self._current_indexes().countries.lookup(text)
        if name is None:
            return None
        with Session(self.engine) as session:
            row = session.execute(
                select(m.Country).where(m.Country.name == name).options(selectinload(m.Country.sources))
            ).scalar_one_or_none()
            return _country(row) if row else None

    def countries_in_text(self, text: str) -> list[str]:
        return list(dict.fromkeys(match.key for match in self._current_indexes().countries.find_all(text)))

    @_per_version
    def find_field(self, text: str) -> FieldView | None:
        field_id = self._current_indexes().fields.lookup(text)
        if field_id is None:
            return None
        with Session(self.engine) as session:
            row = session.get(m.Field, field_id)
            return FieldView(row.id, row.name) if row else None

    def fields_in_text(self, text: str) -> list[str]:
        return list(dict.fromkeys(match.key for match in self._current_indexes().fields.find_all(text)))

    # -- programmes and facts ----------------------------------------------------------------

    def _checks(self, session: Session, programme_id: str | None = None) -> dict[str, tuple[FactView, ...]]:
        """The published rules each programme's recommendation shows "to check", by programme id."""
        query = _fact_query().where(m.Fact.to_check.is_(True)).order_by(m.Fact.programme_id, m.Fact.position)
        if programme_id:
            query = query.where(m.Fact.programme_id == programme_id)
        found: dict[str, list[FactView]] = {}
        for row in session.execute(query).scalars().all():
            found.setdefault(row.programme_id, []).append(_fact(row))
        return {key: tuple(value) for key, value in found.items()}

    @_per_version
    def programmes(self) -> list[ProgrammeView]:
        with Session(self.engine) as session:
            rows = session.execute(select(m.Programme).order_by(m.Programme.position)).scalars().all()
            checks = self._checks(session)
            return [_programme(r, checks.get(r.id, ())) for r in rows]

    def country_check_programme(self) -> ProgrammeView | None:
        """The programme a nationality is checked against: the first whose criteria restrict countries."""
        return next((p for p in self.programmes() if p.criteria.get("countries")), None)

    def comparison_pairs(self) -> list[tuple[ProgrammeView, ProgrammeView]]:
        """Programmes often compared, as the YAML's `compare_with` pairs them, in catalogue order."""
        programmes = {p.id: p for p in self.programmes()}
        return [(p, programmes[p.compare_with]) for p in programmes.values() if p.compare_with in programmes]

    @_per_version
    def programme(self, programme_id: str) -> ProgrammeView | None:
        with Session(self.engine) as session:
            row = session.get(m.Programme, programme_id)
            return _programme(row, self._checks(session, programme_id).get(programme_id, ())) if row else None

    @_per_version
    def facts(self, programme_id: str | None, aspects: tuple[str, ...] | None = None) -> list[FactView]:
        """Facts about a programme (or the policy context when `programme_id` is None), in catalogue order.

        A fact marked `also: [overview]` in the YAML is returned for those aspects too.
        """
        query = _fact_query().where(
            m.Fact.programme_id.is_(None) if programme_id is None else m.Fact.programme_id == programme_id
        )
        query = query.order_by(m.Fact.position)
        if aspects:
            also = [m.Fact.also_aspects.contains(f",{aspect},") for aspect in aspects]
            query = query.where(or_(m.Fact.aspect.in_(aspects), *also))
        with Session(self.engine) as session:
            return [_fact(r) for r in session.execute(query).scalars().all()]

    def context_facts(self, topics: tuple[str, ...] | None = None) -> list[FactView]:
        facts = self.facts(None)
        return [f for f in facts if topics is None or f.topic in topics]

    @_per_version
    def gaps(self, programme_id: str, aspects: tuple[str, ...] | None = None) -> list[GapView]:
        query = select(m.NotPublished).where(m.NotPublished.programme_id == programme_id).order_by(m.NotPublished.id)
        if aspects:
            query = query.where(m.NotPublished.aspect.in_(aspects))
        with Session(self.engine) as session:
            return [GapView(r.aspect, r.topic) for r in session.execute(query).scalars().all()]

    @_per_version
    def coverage(self, field_id: str, programme_id: str | None = None) -> list[CoverageView]:
        """How programmes cover a field: the statements that name it, with their sources."""
        query = (
            select(m.FieldCoverage, m.Programme)
            .join(m.Programme, m.Programme.id == m.FieldCoverage.programme_id)
            .where(m.FieldCoverage.field_id == field_id)
            .options(selectinload(m.FieldCoverage.sources), selectinload(m.FieldCoverage.field))
            .order_by(m.Programme.position, m.FieldCoverage.id)
        )
        if programme_id:
            query = query.where(m.FieldCoverage.programme_id == programme_id)
        with Session(self.engine) as session:
            return [
                CoverageView(
                    _programme(p), FieldView(c.field.id, c.field.name), _statement(c.text, c.status, c.as_of, c.sources)
                )
                for c, p in session.execute(query).all()
            ]

    def compare(self, left_id: str, right_id: str, aspects: tuple[str, ...]) -> Comparison | None:
        left, right = self.programme(left_id), self.programme(right_id)
        if left is None or right is None:
            return None
        left_facts, right_facts = self.facts(left_id, aspects), self.facts(right_id, aspects)
        rows = tuple(
            (
                aspect,
                tuple(f for f in left_facts if f.aspect == aspect),
                tuple(f for f in right_facts if f.aspect == aspect),
            )
            for aspect in aspects
        )
        return Comparison(left, right, rows)

    # -- text in other languages ---------------------------------------------------------------

    @_per_version
    def texts(self, language: str) -> CatalogueTexts:
        """The catalogue's text in a translated language (empty for the source language or an unknown one):
        every lookup of the view returns None where there is no text."""
        t = m.CatalogueText
        query = select(t.entry, t.owner, t.key, t.part, t.position, t.text).where(t.language == language)
        with Session(self.engine) as session:
            return CatalogueTexts.from_rows(language, [tuple(row) for row in session.execute(query).all()])

    # -- countries and contacts --------------------------------------------------------------

    @_per_version
    def war_participants(self) -> list[CountryView]:
        query = (
            select(m.Country)
            .where(m.Country.war_role.is_not(None))
            .options(selectinload(m.Country.sources))
            .order_by(m.Country.name)
        )
        with Session(self.engine) as session:
            return [_country(r) for r in session.execute(query).scalars().all()]

    @_per_version
    def contacts(self) -> list[ContactView]:
        query = select(m.Contact).options(selectinload(m.Contact.sources)).order_by(m.Contact.position)
        with Session(self.engine) as session:
            return [
                ContactView(
                    r.id,
                    r.name,
                    r.phone,
                    r.phone_abroad,
                    r.url,
                    r.hours,
                    r.languages,
                    r.purpose,
                    _statement(r.purpose or r.name, r.status, r.as_of, r.sources),
                )
                for r in session.execute(query).scalars().all()
            ]
