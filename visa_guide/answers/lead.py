"""A short answer that leads with the fact asked for: the fact with its status and dated source, then at most
one line pointing to the rest, and the not-legal-advice line.

Sources are named briefly ("talent-link.co.kr, 21 Feb 2026"); where a source has a URL the name is a Markdown
link, which each channel shows as a link (or as plain text on SMS).
"""

from __future__ import annotations

from visa_guide.answers.citations import _newest_first, date_text, not_covered_line, source_name
from visa_guide.answers.facts import period
from visa_guide.catalogue.views import ContactView, FactView, GapView, ProgrammeView, SourceView, Statement

MAX_SOURCES = 2


def linked_source(source: SourceView) -> str:
    """'[talent-link.co.kr](https://...), 21 Feb 2026': the name links to the page when there is one."""
    name = source_name(source)
    shown = f"[{name}]({source.url})" if source.url else name
    return f"{shown}, {date_text(source.date, source.date_precision)}"


def short_sources(sources: tuple[SourceView, ...] | list[SourceView], limit: int = MAX_SOURCES) -> str:
    cited = _newest_first(sources)
    more = f"; +{len(cited) - limit} more" if len(cited) > limit else ""
    return "; ".join(linked_source(s) for s in cited[:limit]) + more


def statement_line(statement: Statement, changed: bool = False) -> str:
    """'<text> (in force; talent-link.co.kr, 21 Feb 2026)': one version with its status and sources."""
    when = f"{period(statement)}: " if changed else ""
    return f"{when}{statement.text} ({statement.status}; {short_sources(statement.sources)})"


def fact_lead_lines(fact: FactView, name: str) -> list[str]:
    """A fact as the answer's first lines: one line, or a short header and every version on its own line."""
    if len(fact.versions) == 1:
        return [statement_line(fact.versions[0])]
    if fact.is_change:
        header = f"{name}: the rule on {fact.topic} changed over time"
    else:
        header = f"{name}: sources differ on {fact.topic}"
    note = f" ({fact.note})" if fact.note else ""
    return [f"{header}{note}:", *(f"- {statement_line(v, fact.is_change)}" for v in fact.versions)]


def gap_line(programme: ProgrammeView, gap: GapView, published: bool, contacts: list[ContactView]) -> str:
    what = f"{gap.topic} for the {programme.name}"
    if not published:
        return f"Nothing has been published yet about {what}."
    return not_covered_line(what, contacts)


def short_contact(contact: ContactView) -> str:
    """'1345' for a phone line, '[HiKorea](https://...)' for a website: how a footer names a contact."""
    if contact.phone:
        return contact.phone
    return f"[{contact.name}]({contact.url})" if contact.url else contact.name


def short_footer(contacts: list[ContactView], contacts_named: bool = False) -> str:
    """'Not legal advice: confirm with 1345 or HiKorea.' (HiKorea a link)."""
    if contacts_named or not contacts:
        return "Not legal advice."
    return f"Not legal advice: confirm with {' or '.join(short_contact(c) for c in contacts[:2])}."


def pointer_line(short_name: str, labels: list[str]) -> str:
    """'More on D-10: who can apply, benefits or how to apply.'"""
    if not labels:
        return ""
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    return f"More on {short_name}: {listed}."
