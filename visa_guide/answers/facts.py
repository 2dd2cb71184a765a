"""Answers about one programme: an aspect, an overview, a topic list, a comparison."""

from __future__ import annotations

import datetime as dt

from visa_guide.answers.citations import (
    MAX_CITED,
    cites_short,
    date_text,
    footer_line,
    not_covered_line,
    sources_line,
    status_note,
)
from visa_guide.catalogue.queries import Catalogue, Comparison
from visa_guide.catalogue.schema import parse_partial_date
from visa_guide.catalogue.views import ContactView, FactView, GapView, ProgrammeView, Statement
from visa_guide.vocabulary import ASPECT_IN_SENTENCE, ASPECT_LABELS

VERSION_BULLET = "  · "


def _bound(value: str) -> str:
    parsed = parse_partial_date(value)
    return date_text(*parsed) if parsed else value


def period(statement: Statement) -> str:
    """'until 2024', 'from 2025', '2024 to 2025': when one version of a changed rule applies."""
    start, end = statement.valid_from, statement.valid_until
    if start and end:
        return f"{_bound(start)} to {_bound(end)}"
    return f"from {_bound(start)}" if start else f"until {_bound(end)}" if end else "undated"


def _period_key(statement: Statement) -> dt.date:
    bound = statement.valid_from or statement.valid_until
    parsed = parse_partial_date(bound) if bound else None
    return parsed[0] if parsed else dt.date.min


def latest(fact: FactView) -> Statement:
    if fact.is_change:
        return max(fact.versions, key=_period_key)
    return max(fact.versions, key=lambda v: v.as_of or dt.date.min)


def side_by_side_lines(name: str, fact: FactView) -> list[str]:
    """One programme's fact in a comparison: a changed rule as its current version; where sources differ,
    every version with its own source; otherwise the one statement."""
    statement = latest(fact)
    if fact.is_change:
        return [f"- {name}: {statement.text} ({statement.status}, {period(statement)}; the rule changed over time)"]
    if fact.sources_differ:
        return [f"- {name}: sources differ on {fact.topic}:", *(version_line(v, cited=1) for v in fact.versions)]
    return [f"- {name}: {statement.text} ({status_note(statement)})"]


def version_line(statement: Statement, changed: bool = False, cited: int = MAX_CITED) -> str:
    """One version on its own short line, with its own sources."""
    when = f"{period(statement)}: " if changed else ""
    sources = cites_short(statement.sources, cited)
    return f"{VERSION_BULLET}{when}{statement.text} ({statement.status}; {sources})"


def fact_lines(fact: FactView, cited: int = MAX_CITED) -> list[str]:
    """A fact as short lines: one line, or a header and one line per version (each with its sources)."""
    if len(fact.versions) == 1:
        statement = fact.versions[0]
        return [f"- {statement.text} ({status_note(statement)})"]
    note = f" ({fact.note})" if fact.note else ""
    if fact.is_change:
        header = f"- {fact.topic[:1].upper()}{fact.topic[1:]}: the rule changed over time{note}:"
    else:
        header = f"- Sources differ on {fact.topic}{note}:"
    return [header, *(version_line(v, fact.is_change, cited) for v in fact.versions)]


def fact_line(fact: FactView) -> str:
    return "\n".join(fact_lines(fact))


def statements(facts: list[FactView]) -> list[Statement]:
    return [v for fact in facts for v in fact.versions]


def single_statements(facts: list[FactView]) -> list[Statement]:
    """Statements whose sources are not already named inline (versions cite their own)."""
    return [fact.versions[0] for fact in facts if len(fact.versions) == 1]


def gaps_line(gaps: list[GapView]) -> str:
    if not gaps:
        return ""
    return "Not published yet: " + ", ".join(dict.fromkeys(g.topic for g in gaps)) + "."


def heading(programme: ProgrammeView, aspect: str) -> str:
    return f"**{programme.name}: {ASPECT_LABELS.get(aspect, aspect)}** (status: {programme.status})"


def spoken_list(items: list[str], conjunction: str = "or") -> str:
    """'a', 'a or b', 'a, b or c' (or with 'and')."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _topic_names(gaps: list[GapView]) -> list[str]:
    return list(dict.fromkeys(g.topic for g in gaps))


def _topics(gaps: list[GapView]) -> str:
    return ", ".join(_topic_names(gaps))


def aspect_answer(
    programme: ProgrammeView,
    aspect: str,
    facts: list[FactView],
    gaps: list[GapView],
    contacts: list[ContactView],
) -> str:
    """Every fact of the aspect, what is not published, what my sources don't cover, sources, footer (a
    button's answer; a typed question gets the fact it asks for, from visa_guide.assistant).

    The overview leads with the programme summary and leaves out the fact the summary restates.
    """
    return _answer_all(programme, aspect, facts, gaps, contacts)


def programme_aspect_answer(cat: Catalogue, programme_id: str, aspect: str, contacts: list[ContactView]) -> str:
    """`aspect_answer` for a programme of the catalogue: a button's whole block."""
    facts, gaps = cat.facts(programme_id, (aspect,)), cat.gaps(programme_id, (aspect,))
    return aspect_answer(cat.programme(programme_id), aspect, facts, gaps, contacts)


def _answer_all(
    programme: ProgrammeView,
    aspect: str,
    facts: list[FactView],
    gaps: list[GapView],
    contacts: list[ContactView],
    pointer: str = "",
) -> str:
    lines = [heading(programme, aspect)]
    shown = facts
    if aspect == "overview":
        lines.append(programme.summary)
        shown = [f for f in facts if not f.in_summary]
    for fact in shown:
        lines += fact_lines(fact)
    uncovered = [g for g in programme.not_covered if g.aspect == aspect]
    label = ASPECT_LABELS.get(aspect, aspect)
    named = False
    if gaps:
        lines.append(f"Nothing has been published yet about {_topics(gaps)}." if not shown else gaps_line(gaps))
    if uncovered or (not shown and not gaps and aspect != "overview"):
        topics = spoken_list(_topic_names(uncovered)) if uncovered else None
        what = f"{topics or ASPECT_IN_SENTENCE.get(aspect, label)} for the {programme.name}"
        lines.append(not_covered_line(what, contacts))
        named = bool(contacts)
    lines += [pointer, sources_line(single_statements(facts)), footer_line(contacts, contacts_named=named)]
    return "\n".join(line for line in lines if line)


def programme_list(programmes: list[ProgrammeView], title: str) -> str:
    lines = [title]
    lines += [f"- **{p.name}** ({p.status}): {p.summary}" for p in programmes]
    return "\n".join(lines)


def comparison_answer(comparison: Comparison, contacts: list[ContactView]) -> str:
    left, right = comparison.left, comparison.right
    lines = [f"**{left.name}** ({left.status}) vs **{right.name}** ({right.status})"]
    shown: list[FactView] = []
    for aspect, left_facts, right_facts in comparison.rows:
        label = ASPECT_LABELS.get(aspect, aspect).capitalize()
        lines.append(f"{label}:")
        for programme, facts in ((left, left_facts), (right, right_facts)):
            if facts:
                lines += side_by_side_lines(programme.name, facts[0])
                shown.append(facts[0])
            else:
                lines.append(f"- {programme.name}: not in my sources")
    # versions of a fact whose sources differ name their own sources; the other lines are cited here
    cited = [latest(fact) for fact in shown if not fact.sources_differ]
    lines += [sources_line(cited, limit=4), footer_line(contacts)]
    return "\n".join(line for line in lines if line)
