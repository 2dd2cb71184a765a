"""How fresh the catalogue's facts are: facts older than a year, undated sources, per programme, the contacts.

Used by `make catalogue-check` and by the insights report (demand against freshness). `freshness_note` is the
pure function the answers use to tell the user, once per answer, that what they read may be out of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from visa_guide.catalogue.loader import read_catalogue
from visa_guide.catalogue.views import FactView, Statement

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
    stale_contacts: list[str] = field(default_factory=list)  # "id (as of date)" of contacts older than a year
    undated_contacts: list[str] = field(default_factory=list)  # contacts with no as_of and no dated source


def _add_facts(
    entry: ProgrammeFreshness, facts: list[Any], cutoff: dt.date, source_dates: dict[str, dt.date]
) -> None:
    """Counts the facts; a fact with several versions is as fresh as its newest one. A version without an
    as_of date is dated by its newest dated source."""
    for fact in facts:
        entry.facts += 1
        dates = [d for v in fact.versions if (d := _record_date(v.as_of, v.sources, source_dates))]
        if not dates:
            entry.undated += 1
            continue
        latest = max(dates)
        entry.newest = max(entry.newest or latest, latest)
        if latest < cutoff:
            entry.stale.append(f"{fact.aspect} / {fact.topic} (as of {latest.isoformat()})")


def _record_date(as_of: dt.date | None, sources: list[str], source_dates: dict[str, dt.date]) -> dt.date | None:
    if as_of:
        return as_of
    dated = [source_dates[s] for s in sources if s in source_dates]
    return max(dated) if dated else None


def _check_contacts(freshness: Freshness, contacts: list[dict[str, Any]], cutoff: dt.date,
                    source_dates: dict[str, dt.date]) -> None:
    """contacts.yml: a contact whose hours or languages come from an old source is listed like an old fact."""
    for contact in contacts:
        date = _record_date(contact.get("as_of"), contact.get("sources") or [], source_dates)
        if date is None:
            freshness.undated_contacts.append(contact["id"])
        elif date < cutoff:
            freshness.stale_contacts.append(f"{contact['id']} (as of {date.isoformat()})")


def catalogue_freshness(directory: Path, today: dt.date | None = None, records: Any = None) -> Freshness:
    today = today or dt.date.today()
    records = records or read_catalogue(directory)
    cutoff = today - dt.timedelta(days=STALE_AFTER_DAYS)
    source_dates = {s["id"]: s["date"] for s in records.sources if s.get("date")}
    programmes = []
    for programme in records.programmes:
        entry = ProgrammeFreshness(programme.id, programme.name)
        _add_facts(entry, programme.facts, cutoff, source_dates)
        programmes.append(entry)
    context = ProgrammeFreshness("context", "Background (context.yml)")
    _add_facts(context, records.context, cutoff, source_dates)
    undated = [f"{s['id']} ({s.get('publisher') or s.get('title') or 'no publisher'})"
               for s in records.sources if not s.get("date")]
    freshness = Freshness(programmes, undated, today, context)
    _check_contacts(freshness, records.contacts, cutoff, source_dates)
    return freshness


def freshness_lines(freshness: Freshness) -> list[str]:
    """The text `make catalogue-check` prints."""
    lines = [f"facts with an as_of date more than {STALE_AFTER_DAYS} days before {freshness.today}:"]
    entries = freshness.programmes + ([freshness.context] if freshness.context else [])
    stale = [(p, fact) for p in entries for fact in p.stale]
    lines += [f"  {p.id}: {fact}" for p, fact in stale] or ["  none"]
    undated_facts = sum(p.undated for p in entries)
    lines.append(f"  ({len(stale)} of {sum(p.facts for p in entries)} facts; {undated_facts} without any date)")
    lines.append(f"sources with no date ({len(freshness.undated_sources)}):")
    lines += [f"  {source}" for source in freshness.undated_sources] or ["  none"]
    lines.append(f"contacts (contacts.yml) dated more than {STALE_AFTER_DAYS} days before {freshness.today}:")
    lines += [f"  {contact}" for contact in freshness.stale_contacts] or ["  none"]
    if freshness.undated_contacts:
        lines.append(f"  without any date: {', '.join(freshness.undated_contacts)}")
    return lines


# --- said to the user ------------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _period_end(day: dt.date, precision: str) -> dt.date:
    """The last day a date given to this precision can mean (a source dated '2025' may be from December)."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def newest_date(item: FactView | Statement) -> tuple[dt.date, str] | None:
    """The newest date behind a fact (every version) or one statement: its sources' dates and its as_of date,
    as (day, precision); None when nothing is dated."""
    statements = item.versions if isinstance(item, FactView) else (item,)
    dates = [(_period_end(s.date, s.date_precision), s.date_precision)
             for statement in statements for s in statement.sources if s.date]
    dates += [(statement.as_of, "day") for statement in statements if statement.as_of]
    return max(dates, key=lambda pair: pair[0]) if dates else None


def is_stale(item: FactView | Statement, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> bool:
    """Whether the newest date behind the fact is more than `after_days` before `today` (undated: False)."""
    newest = newest_date(item)
    return newest is not None and newest[0] < today - dt.timedelta(days=after_days)


def _month_year(day: dt.date, precision: str) -> str:
    return str(day.year) if precision == "year" else f"{MONTHS[day.month - 1]} {day.year}"


def freshness_note(
    items: Iterable[FactView | Statement], today: dt.date | None = None, after_days: int = STALE_AFTER_DAYS
) -> str | None:
    """One short line for an answer that shows old facts, or None when nothing in it is old.

    Every dated item old: "As of April 2025; newer rules may exist." Only some: "Some of this is as of
    April 2025 or earlier; newer rules may exist." The date is the newest one among the old items.
    Undated items count neither way. Pure: give `today` for a fixed result.
    """
    today = today or dt.date.today()
    dated = [(item, newest) for item in items if (newest := newest_date(item))]
    old = [newest for item, newest in dated if is_stale(item, today, after_days)]
    if not old:
        return None
    day, precision = max(old, key=lambda pair: pair[0])
    when = _month_year(day, precision)
    if len(old) == len(dated):
        return f"As of {when}; newer rules may exist."
    return f"Some of this is as of {when} or earlier; newer rules may exist."
