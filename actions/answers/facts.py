"""Answers about one programme: an aspect, an overview, a topic list, a comparison."""

from __future__ import annotations

import datetime as dt

from actions.answers.citations import confirm_line, date_text, sources_line, status_note
from actions.catalogue.queries import Comparison
from actions.catalogue.views import ContactView, FactView, GapView, ProgrammeView, Statement

ASPECT_LABELS = {
    "overview": "overview",
    "eligibility": "who can apply",
    "fields": "fields and sectors",
    "benefits": "benefits",
    "family": "family",
    "application": "how to apply",
    "documents": "documents",
    "fees": "fees",
    "processing": "processing time",
    "timeline": "timeline and status",
    "numbers": "numbers",
}
MAX_FACTS = 3
MAX_OVERVIEW_FACTS = 1


def latest(fact: FactView) -> Statement:
    return max(fact.versions, key=lambda v: v.as_of or dt.date.min)


def short_fact(fact: FactView) -> str:
    """The most recent version only, flagged when sources differ: for side-by-side comparisons."""
    statement = latest(fact)
    differ = "; sources differ" if fact.sources_differ else ""
    return f"{statement.text} ({status_note(statement)}{differ})"


def fact_line(fact: FactView) -> str:
    if not fact.sources_differ:
        statement = fact.versions[0]
        return f"- {statement.text} ({status_note(statement)})"
    versions = "; ".join(
        f"{v.text} ({v.sources[0].publisher if v.sources else 'unsourced'}, {date_text(v.as_of)})"
        for v in fact.versions
    )
    return f"- Sources differ on {fact.topic}: {versions}"


def statements(facts: list[FactView]) -> list[Statement]:
    return [v for fact in facts for v in fact.versions]


def gaps_line(gaps: list[GapView]) -> str:
    if not gaps:
        return ""
    return "Not published yet: " + ", ".join(dict.fromkeys(g.topic for g in gaps)) + "."


def heading(programme: ProgrammeView, aspect: str) -> str:
    return f"**{programme.name}: {ASPECT_LABELS.get(aspect, aspect)}** (status: {programme.status})"


def aspect_answer(
    programme: ProgrammeView,
    aspect: str,
    facts: list[FactView],
    gaps: list[GapView],
    contacts: list[ContactView],
) -> str:
    """A short answer: up to three facts, what is not published, the sources and where to confirm."""
    limit = MAX_OVERVIEW_FACTS if aspect == "overview" else MAX_FACTS
    shown = facts[:limit]
    lines = [heading(programme, aspect)]
    if aspect == "overview":
        lines.append(programme.summary)
    lines += [fact_line(f) for f in shown]
    if not shown and aspect != "overview":
        lines.append(f"Nothing has been published yet about the {ASPECT_LABELS.get(aspect, aspect)} of this programme.")
    if len(facts) > limit and aspect != "overview":
        lines.append(f"({len(facts) - limit} more points are in my sources; ask about a detail to hear them.)")
    lines += [gaps_line(gaps), sources_line(statements(shown)), confirm_line(contacts)]
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
                lines.append(f"- {programme.name}: " + short_fact(facts[0]))
                shown.append(facts[0])
            else:
                lines.append(f"- {programme.name}: not published yet")
    lines += [sources_line(statements(shown), limit=4), confirm_line(contacts)]
    return "\n".join(line for line in lines if line)
