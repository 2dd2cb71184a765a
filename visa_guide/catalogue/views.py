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
    date_precision: str = "day"  # day | month | year: how much of `date` the source gives


@dataclass(frozen=True)
class Statement:
    text: str
    status: str
    as_of: dt.date | None
    sources: tuple[SourceView, ...]
    valid_from: str | None = None  # '2025', '2025-03' or '2025-03-05': when a changed rule applies
    valid_until: str | None = None


@dataclass(frozen=True)
class FactView:
    aspect: str
    topic: str
    versions: tuple[Statement, ...]
    kind: str = "single"  # single | differ (sources disagree) | change (a rule changed on a date)
    note: str | None = None
    in_summary: bool = False  # the programme summary says this (the overview shows the summary, cites this)
    asked_as: tuple[str, ...] = ()  # ways people ask for it, written in the catalogue (the answer search)

    @property
    def sources_differ(self) -> bool:
        return len(self.versions) > 1 and self.kind != "change"

    @property
    def is_change(self) -> bool:
        return len(self.versions) > 1 and self.kind == "change"


@dataclass(frozen=True)
class ProgrammeView:
    id: str
    name: str
    category: str
    status: str
    summary: str
    criteria: dict[str, Any] = field(default_factory=dict, hash=False)
    not_covered: tuple[GapView, ...] = ()  # asked about, but my sources don't cover it (not "unpublished")
    checks: tuple[FactView, ...] = ()  # published rules the recommender cannot judge: shown "to check"
    compare_with: str | None = None  # the id of the programme it is most often compared with


@dataclass(frozen=True)
class GapView:
    """Something people ask about that has not been published (or, in `not_covered`, that my sources lack)."""

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
