"""How fresh the catalogue's facts are: facts older than a year, undated sources, per programme.

Used by `make catalogue-check` and by the insights report (demand against freshness)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from visa_guide.catalogue.loader import read_catalogue

STALE_AFTER_DAYS = 365


@dataclass
class ProgrammeFreshness:
    id: str
    name: str
    facts: int = 0
    stale: list[str] = field(default_factory=list)  # "aspect / topic (as_of)" of facts older than a year
    undated: int = 0  # facts without an as_of date
    newest: dt.date | None = None


@dataclass
class Freshness:
    programmes: list[ProgrammeFreshness]
    undated_sources: list[str]
    today: dt.date
    context: ProgrammeFreshness | None = None  # the background facts, which belong to no programme


def _add_facts(entry: ProgrammeFreshness, facts: list[Any], cutoff: dt.date) -> None:
    """Counts the facts; a fact with several versions is as fresh as its newest one."""
    for fact in facts:
        entry.facts += 1
        dates = [v.as_of for v in fact.versions if v.as_of]
        if not dates:
            entry.undated += 1
            continue
        latest = max(dates)
        entry.newest = max(entry.newest or latest, latest)
        if latest < cutoff:
            entry.stale.append(f"{fact.aspect} / {fact.topic} (as of {latest.isoformat()})")


def catalogue_freshness(directory: Path, today: dt.date | None = None, records: Any = None) -> Freshness:
    today = today or dt.date.today()
    records = records or read_catalogue(directory)
    cutoff = today - dt.timedelta(days=STALE_AFTER_DAYS)
    programmes = []
    for programme in records.programmes:
        entry = ProgrammeFreshness(programme.id, programme.name)
        _add_facts(entry, programme.facts, cutoff)
        programmes.append(entry)
    context = ProgrammeFreshness("context", "Background (context.yml)")
    _add_facts(context, records.context, cutoff)
    undated = [f"{s['id']} ({s.get('publisher') or s.get('title') or 'no publisher'})"
               for s in records.sources if not s.get("date")]
    return Freshness(programmes, undated, today, context)


def freshness_lines(freshness: Freshness) -> list[str]:
    """The text `make catalogue-check` prints."""
    lines = [f"facts with an as_of date more than {STALE_AFTER_DAYS} days before {freshness.today}:"]
    entries = freshness.programmes + ([freshness.context] if freshness.context else [])
    stale = [(p, fact) for p in entries for fact in p.stale]
    lines += [f"  {p.id}: {fact}" for p, fact in stale] or ["  none"]
    lines.append(f"sources with no date ({len(freshness.undated_sources)}):")
    lines += [f"  {source}" for source in freshness.undated_sources] or ["  none"]
    return lines
