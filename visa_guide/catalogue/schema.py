"""Validation of the catalogue YAML into plain records.

Every problem is reported with the file and the entry it was found in, and all problems of a load
are reported together, so a broken catalogue can be fixed in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from visa_guide.vocabulary import ASPECTS

STATUSES = ("announced", "pilot", "in force")
CATEGORIES = ("work", "student", "youth", "regional")
WAR_ROLES = ("combat", "medical")
CURRENT_STATUSES = ("student", "graduate", "worker")
EDUCATION_LEVELS = ("none", "high_school", "associate", "bachelor", "master", "phd")
COUNTRY_BASES = ("korean_war_participants",)
FACT_KINDS = ("differ", "change")  # several versions: sources disagree, or a rule changed on a date
DATE_PRECISIONS = ("day", "month", "year")


@dataclass
class Problems:
    """Collects validation errors, each prefixed with where it was found."""

    messages: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")


class Checker:
    """Reads typed values out of one YAML mapping, recording problems instead of raising."""

    def __init__(self, problems: Problems, where: str, data: Any):
        self.problems = problems
        self.where = where
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            problems.add(where, "expected a mapping of keys to values")

    def _get(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            if required:
                self.problems.add(self.where, f"'{key}' is missing")
            return None
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problems.add(self.where, f"'{key}' must be text")
            return None
        return str(value).strip()

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and value not in allowed:
            self.problems.add(self.where, f"'{key}' is {value!r}; expected one of {', '.join(allowed)}")
            return None
        return value

    def date(self, key: str, required: bool = True) -> dt.date | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problems.add(self.where, f"'{key}' is {value!r}; expected a date YYYY-MM-DD")
            return None

    def partial_date(self, key: str, required: bool = True) -> tuple[dt.date | None, str]:
        """A date given as YYYY-MM-DD, YYYY-MM or YYYY: the first day it names and its precision."""
        value = self._get(key, required)
        if value is None:
            return None, "day"
        parsed = parse_partial_date(value)
        if parsed is None:
            self.problems.add(self.where, f"'{key}' is {value!r}; expected YYYY-MM-DD, YYYY-MM or YYYY")
            return None, "day"
        return parsed

    def text_list(self, key: str, required: bool = False) -> list[str]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problems.add(self.where, f"'{key}' must be a list of text")
            return []
        return [str(v).strip() for v in value if str(v).strip()]

    def mapping_list(self, key: str, required: bool = False) -> list[Any]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(self.where, f"'{key}' must be a list")
            return []
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problems.add(self.where, f"'{key}' must be true or false")
            return False
        return value


def parse_partial_date(value: Any) -> tuple[dt.date, str] | None:
    """(first day, precision) for a date, 'YYYY-MM-DD', 'YYYY-MM' or a year; None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 1, 1), "year"
        if len(text) == 7 and text[4] == "-":
            return dt.date(int(text[:4]), int(text[5:]), 1), "month"
        return dt.date.fromisoformat(text), "day"
    except ValueError:
        return None


def period_text(value: Any) -> str | None:
    """A validity bound as written in the YAML, normalised: '2025', '2025-03' or '2025-03-05'; None if invalid."""
    parsed = parse_partial_date(value)
    if parsed is None:
        return None
    day, precision = parsed
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


@dataclass
class StatementRecord:
    """A sourced statement: text, status, as-of date and the ids of its sources.

    valid_from / valid_until ('2025', '2025-03' or '2025-03-05') date the versions of a rule that changed.
    """

    text: str
    status: str
    as_of: dt.date | None
    sources: list[str]
    valid_from: str | None = None
    valid_until: str | None = None


def check_source_ids(problems: Problems, where: str, ids: list[str], source_ids: set[str]) -> None:
    for source in ids:
        if source not in source_ids:
            problems.add(where, f"unknown source {source!r} (not in sources.yml)")


def check_statement(problems: Problems, where: str, data: Any, source_ids: set[str]) -> StatementRecord | None:
    check = Checker(problems, where, data)
    text = check.text("text")
    status = check.choice("status", STATUSES)
    as_of = check.date("as_of", required=False)
    sources = check.text_list("sources")
    if not sources:
        problems.add(where, "a fact without a source: 'sources' is missing or empty")
    check_source_ids(problems, where, sources, source_ids)
    bounds = {}
    for key in ("valid_from", "valid_until"):
        raw = check.data.get(key)
        bounds[key] = None if raw is None else period_text(raw)
        if raw is not None and bounds[key] is None:
            problems.add(where, f"'{key}' is {raw!r}; expected YYYY-MM-DD, YYYY-MM or YYYY")
    if text is None or status is None or not sources:
        return None
    return StatementRecord(text, status, as_of, sources, **bounds)


@dataclass
class FactRecord:
    aspect: str
    topic: str
    versions: list[StatementRecord]
    kind: str = "single"  # single | differ (sources disagree) | change (a rule changed on a date)
    note: str | None = None  # one own-words line said before the versions
    also: list[str] = field(default_factory=list)  # other aspects whose answers show this fact too
    in_summary: bool = False  # the programme summary says this: the overview shows the summary, cites the fact
    asked_as: list[str] = field(default_factory=list)  # ways people ask for it: words the answer search matches


def _fact_kind(problems: Problems, label: str, check: Checker, versions: list[StatementRecord | None]) -> str:
    kind = check.choice("kind", FACT_KINDS, required=False)
    if len(versions) < 2:
        if kind:
            problems.add(label, f"'kind: {kind}' needs at least two versions")
        return "single"
    if kind == "change":
        for i, version in enumerate(versions):
            if version and not (version.valid_from or version.valid_until):
                problems.add(f"{label} versions[{i}]", "a dated change needs 'valid_from' or 'valid_until'")
        return "change"
    return "differ"


def check_fact(problems: Problems, where: str, data: Any, source_ids: set[str]) -> FactRecord | None:
    check = Checker(problems, where, data)
    aspect = check.choice("aspect", ASPECTS)
    topic = check.text("topic")
    label = f"{where} ({aspect or '?'} / {topic or '?'})"
    raw_versions = check.mapping_list("versions")
    if raw_versions:
        versions = [
            check_statement(problems, f"{label} versions[{i}]", v, source_ids) for i, v in enumerate(raw_versions)
        ]
    else:
        versions = [check_statement(problems, label, data, source_ids)]
    kind = _fact_kind(problems, label, check, versions)
    also = check.text_list("also")
    for extra in also:
        if extra not in ASPECTS:
            problems.add(label, f"'also' names {extra!r}; expected aspects among {', '.join(ASPECTS)}")
    if aspect is None or topic is None or any(v is None for v in versions):
        return None
    note = check.text("note", required=False)
    versions = [v for v in versions if v is not None]
    asked_as = check.text_list("asked_as")
    return FactRecord(aspect, topic, versions, kind, note, also, check.boolean("in_summary"), asked_as)
