"""Dates, statuses, sources and the official contacts as the assistant shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from visa_guide.catalogue.views import ContactView, SourceView, Statement

DATE_FORMATS = {"day": "{d.day} {d:%b %Y}", "month": "{d:%b %Y}", "year": "{d:%Y}"}
MAX_CITED = 2  # sources named inline for one version; the rest are counted


def date_text(value: dt.date | None, precision: str = "day") -> str:
    """'5 Mar 2025', 'Apr 2021' or '2026' (as much as the source gives), or 'undated'."""
    if value is None:
        return "undated"
    return DATE_FORMATS.get(precision, DATE_FORMATS["day"]).format(d=value)


def source_name(source: SourceView) -> str:
    """The publisher, or its own reference when that is the publisher plus an id ('korea.net 266947')."""
    reference = source.reference or ""
    if reference.lower().startswith(source.publisher.lower()):
        rest = reference[len(source.publisher) :].strip()
        if rest and " " not in rest:
            return reference
    return source.publisher


def cite_short(source: SourceView) -> str:
    """'korea.net 266947, 20 Feb 2025' or 'bangduty.com, undated': the name once, then its own date."""
    return f"{source_name(source)}, {date_text(source.date, source.date_precision)}"


def cite(source: SourceView) -> str:
    """The short citation plus 'official', then the URL or, when it adds something, the reference."""
    text = cite_short(source)
    if source.official:
        text += ", official"
    reference = source.reference or ""
    if source.url:
        text += f": {source.url}"
    elif reference and reference != source_name(source) and reference.lower() != source.publisher.lower():
        text += f" ({reference})"
    return text


def _newest_first(sources: Iterable[SourceView]) -> list[SourceView]:
    unique: dict[tuple, SourceView] = {}
    for source in sources:
        unique.setdefault((source.publisher, source.date, source.url, source.reference), source)
    return sorted(unique.values(), key=lambda s: s.date or dt.date.min, reverse=True)


def cites_short(sources: Iterable[SourceView], limit: int = MAX_CITED) -> str:
    """'anews.com.tr, 6 Mar 2025; Korea Times US, undated; +1 more': dated sources first."""
    cited = _newest_first(sources)
    more = f"; +{len(cited) - limit} more" if len(cited) > limit else ""
    return "; ".join(cite_short(s) for s in cited[:limit]) + more


def status_note(statement: Statement) -> str:
    """'in force, 2 Apr 2025', or 'pilot, undated' when the source gives no date (none is ever guessed)."""
    return f"{statement.status}, {date_text(statement.as_of)}"


def sources_line(statements: Iterable[Statement], limit: int = 2) -> str:
    cited = _newest_first(source for statement in statements for source in statement.sources)
    if not cited:
        return ""
    more = f" (+{len(cited) - limit} more)" if len(cited) > limit else ""
    return "Sources: " + "; ".join(cite(s) for s in cited[:limit]) + more


def contact_options(contacts: list[ContactView]) -> str:
    """'the Immigration Contact Center (1345) or HiKorea (https://...)': the first two official contacts."""
    parts = []
    for contact in contacts[:2]:
        detail = contact.phone or contact.url or ""
        parts.append(f"{contact.name} ({detail})" if detail else contact.name)
    return " or ".join(parts)


def confirm_line(contacts: list[ContactView]) -> str:
    """Where to check before acting on an answer, with the reminder that this is not legal advice."""
    return footer_line(contacts) if contacts else ""


def footer_line(contacts: list[ContactView], contacts_named: bool = False) -> str:
    """The end of every factual answer: not legal advice, and where to confirm (unless already said)."""
    if contacts_named or not contacts:
        return "This is not legal advice."
    return f"Not legal advice: please confirm with {contact_options(contacts)} before you act."


def not_covered_line(what: str, contacts: list[ContactView]) -> str:
    """'My sources don't cover fees; the Immigration Contact Center (1345) or HiKorea can tell you.'"""
    options = contact_options(contacts)
    tail = f"; {options} can tell you." if options else "."
    return f"My sources don't cover {what}{tail}"
