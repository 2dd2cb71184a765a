"""Plain, read-only views of catalogue rows, handed to answer formatting (no database session needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceView:
    title: str
    publisher: str
    url: str | None
    reference: str | None
    date: dt.date | None
    official: bool


@dataclass(frozen=True)
class Statement:
    text: str
    status: str
    as_of: dt.date | None
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class FactView:
    aspect: str
    topic: str
    versions: tuple[Statement, ...]

    @property
    def sources_differ(self) -> bool:
        return len(self.versions) > 1


@dataclass(frozen=True)
class ProgrammeView:
    id: str
    name: str
    category: str
    status: str
    summary: str
    criteria: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class GapView:
    """Something people ask about that has not been published."""

    aspect: str
    topic: str


@dataclass(frozen=True)
class FieldView:
    id: str
    name: str


@dataclass(frozen=True)
class CoverageView:
    programme: ProgrammeView
    field: FieldView
    statement: Statement


@dataclass(frozen=True)
class CountryView:
    name: str
    war_role: str | None
    note: str | None
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class ContactView:
    id: str
    name: str
    phone: str | None
    phone_abroad: str | None
    url: str | None
    hours: str | None
    languages: str | None
    purpose: str | None
    statement: Statement
