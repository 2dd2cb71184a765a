"""How fresh the catalogue's facts are: facts older than a year, undated sources, per programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def _records(directory: Path) -> Any:
    from visa_guide.catalogue.loader import read_catalogue  # the catalogue's own validating reader

    return read_catalogue(directory)


def catalogue_freshness(directory: Path, today: dt.date | None = None, records: Any = None) -> Freshness:
    today = today or dt.date.today()
    records = records or _records(directory)
    cutoff = today - dt.timedelta(days=STALE_AFTER_DAYS)
    programmes = []
    for programme in records.programmes:
        entry = ProgrammeFreshness(programme.id, programme.name)
        for fact in programme.facts:
            entry.facts += 1
            dates = [v.as_of for v in fact.versions if v.as_of]
            if not dates:
                entry.undated += 1
                continue
            latest = max(dates)
            entry.newest = max(entry.newest or latest, latest)
            if latest < cutoff:
                entry.stale.append(f"{fact.aspect} / {fact.topic} (as of {latest.isoformat()})")
        programmes.append(entry)
    undated = [f"{s['id']} ({s.get('publisher') or s.get('title') or 'no publisher'})"
               for s in records.sources if not s.get("date")]
    return Freshness(programmes, undated, today)


def freshness_lines(freshness: Freshness) -> list[str]:
    """The text `make catalogue-check` prints."""
    lines = [f"facts with an as_of date more than {STALE_AFTER_DAYS} days before {freshness.today}:"]
    stale = [(p, fact) for p in freshness.programmes for fact in p.stale]
    lines += [f"  {p.id}: {fact}" for p, fact in stale] or ["  none"]
    lines.append(f"sources with no date ({len(freshness.undated_sources)}):")
    lines += [f"  {source}" for source in freshness.undated_sources] or ["  none"]
    return lines
