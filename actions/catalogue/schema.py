"""Validation of the catalogue YAML into plain records.

Every problem is reported with the file and the entry it was found in, and all problems of a load
are reported together, so a broken catalogue can be fixed in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("announced", "pilot", "in force")
ASPECTS = (
    "overview",
    "eligibility",
    "fields",
    "benefits",
    "family",
    "application",
    "documents",
    "fees",
    "processing",
    "timeline",
    "numbers",
)
CATEGORIES = ("work", "student", "youth", "regional")
WAR_ROLES = ("combat", "medical")
CURRENT_STATUSES = ("student", "graduate", "worker")
EDUCATION_LEVELS = ("none", "high_school", "associate", "bachelor", "master", "phd")
COUNTRY_BASES = ("korean_war_participants",)


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


@dataclass
class StatementRecord:
    """A sourced statement: text, status, as-of date and the ids of its sources."""

    text: str
    status: str
    as_of: dt.date | None
    sources: list[str]


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
    if text is None or status is None or not sources:
        return None
    return StatementRecord(text, status, as_of, sources)


@dataclass
class FactRecord:
    aspect: str
    topic: str
    versions: list[StatementRecord]


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
    if aspect is None or topic is None or any(v is None for v in versions):
        return None
    return FactRecord(aspect, topic, [v for v in versions if v is not None])
