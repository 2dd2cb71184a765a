"""Dates, statuses and sources as the assistant shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from actions.catalogue.views import ContactView, SourceView, Statement


def date_text(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "undated"


def cite(source: SourceView) -> str:
    """'Publisher, 5 Mar 2025: https://...': the publisher's own reference replaces its name when it has one."""
    label = source.publisher
    if source.reference and source.reference.lower().startswith(source.publisher.lower()):
        label = source.reference
    when = date_text(source.date)
    text = label if source.date and when in label else f"{label}, {when}"
    if source.official:
        text += ", official"
    if source.url:
        text += f": {source.url}"
    elif source.reference and label != source.reference:
        text += f" ({source.reference})"
    return text


def status_note(statement: Statement) -> str:
    """'in force, 2 Apr 2025', or 'pilot, undated' when the source gives no date (none is ever guessed)."""
    return f"{statement.status}, {date_text(statement.as_of)}"


def sources_line(statements: Iterable[Statement], limit: int = 2) -> str:
    unique: dict[tuple, SourceView] = {}
    for statement in statements:
        for source in statement.sources:
            unique.setdefault((source.publisher, source.date, source.url, source.reference), source)
    if not unique:
        return ""
    cited = sorted(unique.values(), key=lambda s: s.date or dt.date.min, reverse=True)
    more = f" (+{len(cited) - limit} more)" if len(cited) > limit else ""
    return "Sources: " + "; ".join(cite(s) for s in cited[:limit]) + more


def contact_options(contacts: list[ContactView]) -> str:
    """'Immigration Contact Center (1345) or HiKorea (https://...)': the first two official contacts."""
    parts = []
    for contact in contacts[:2]:
        detail = contact.phone or contact.url or ""
        parts.append(f"{contact.name} ({detail})" if detail else contact.name)
    return " or ".join(parts)


def confirm_line(contacts: list[ContactView]) -> str:
    """Where to check before acting on an answer: the hotline and the portal from the catalogue."""
    options = contact_options(contacts)
    return f"Please confirm with {options} before you act." if options else ""
