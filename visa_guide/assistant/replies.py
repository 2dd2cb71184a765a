"""How the assistant's replies read: the fact first, then one pointer line and the footer; a whole aspect; a
country check; what is not covered. The decisions (decide.py) choose what goes in them."""

from __future__ import annotations

import datetime as dt
import json

from visa_guide.answers.citations import not_covered_line
from visa_guide.answers.lead import fact_lead_lines, gap_line, pointer_line, short_footer
from visa_guide.answers.people import country_answer, outside_catalogue_text
from visa_guide.assistant.fact_index import CONTEXT, Entry
from visa_guide.assistant.thread import COUNTRY_TOPIC
from visa_guide.assistant.turn import Button, Reply
from visa_guide.catalogue.freshness import freshness_note
from visa_guide.catalogue.queries import Catalogue
from visa_guide.catalogue.views import CountryView, FactView, GapView, ProgrammeView
from visa_guide.vocabulary import ASPECT_IN_SENTENCE, ASPECT_LABELS, FOLLOW_UP_ORDER, FOLLOW_UPS, INTENT_BY_ASPECT

MAX_POINTERS = 3


def button(title: str, intent: str, **entities: str) -> Button:
    return Button(title, f"/{intent}" + (json.dumps(entities) if entities else ""))


def short_name(programme: ProgrammeView) -> str:
    return programme.name.split(" (")[0]


def not_covered_reply(cat: Catalogue) -> Reply:
    buttons = [button("Show the programmes", "list_programmes")]
    return Reply.say(outside_catalogue_text(cat.contacts()), buttons, kind="not_covered")


def country_reply(cat: Catalogue, country: CountryView) -> Reply:
    programme = cat.country_check_programme()
    pid = programme.id if programme else None
    text = country_answer(
        country,
        len(cat.war_participants()),
        programme,
        cat.facts(pid, ("eligibility",)) if pid else [],
        cat.gaps(pid, ("eligibility",)) if pid else [],
        cat.contacts(),
    )
    buttons = [button("Who can apply for it?", "ask_eligibility", programme=pid)] if pid else []
    slots = {"country": country.name, "topic": COUNTRY_TOPIC}
    if pid:
        slots["programme"] = pid
    return Reply.say(text, [*buttons, button("Which visa fits me?", "recommend_visa")], kind="country", **slots)


def pointers(cat: Catalogue, programme: ProgrammeView, answered: set[str]) -> tuple[str, list[Button]]:
    """'More on D-10: who can apply, benefits or how to apply', with a button for each."""
    present = {f.aspect for f in cat.facts(programme.id)}
    aspects = [a for a in FOLLOW_UP_ORDER if a in present and a not in answered][:MAX_POINTERS]
    labels = [ASPECT_LABELS[a] for a in aspects]
    titles = {aspect: title for title, aspect in FOLLOW_UPS}  # the same buttons as after a block answer
    buttons = [
        button(titles.get(a, ASPECT_LABELS[a].capitalize()), INTENT_BY_ASPECT[a], programme=programme.id)
        for a in aspects
    ]
    return pointer_line(short_name(programme), labels), buttons


def lead_reply(
    cat: Catalogue, entries: list[Entry], kind: str = "fact", today: dt.date | None = None, label: str = ""
) -> Reply:
    """The answer's first lines are the entries found; then one pointer line to the rest, and the footer."""
    first = entries[0]
    contacts = cat.contacts()
    facts = [e.fact for e in entries if e.fact]
    stale = freshness_note(facts, today) or ""
    if first.programme_id == CONTEXT:
        lines = [line for fact in facts for line in fact_lead_lines(fact, "Background")]
        text = "\n".join(line for line in [*lines, stale, short_footer(contacts)] if line)
        return Reply.say(text, kind=kind, topic=first.id)
    programme = cat.programme(first.programme_id)
    assert programme is not None
    name = short_name(programme)
    slots = {"programme": programme.id, "aspect": first.aspect, "topic": first.id}
    if first.gap:
        named = first.published and bool(contacts)
        text = "\n".join([gap_line(programme, first.gap, first.published, contacts), short_footer(contacts, named)])
        return Reply.say(text, kind="gap", **slots)
    lines = []
    named = False
    for i, entry in enumerate(entries):
        if entry.gap:  # "has it started?": the status, then that no start date is published
            lines.append(gap_line(programme, entry.gap, entry.published, contacts))
            named = named or entry.published
            continue
        fact_lines = fact_lead_lines(entry.fact, f"{name}{label}" if i == 0 else name)
        if i == 0 and len(entry.fact.versions) == 1:
            fact_lines[0] = f"**{name}**{label}: {fact_lines[0]}"
        lines += fact_lines
    pointer, buttons = pointers(cat, programme, {e.aspect for e in entries})
    lines += [stale, pointer, short_footer(contacts, named)]
    return Reply.say("\n".join(line for line in lines if line), buttons, kind=kind, **slots)


def newest_date(fact: FactView) -> dt.date:
    return max((v.as_of or dt.date.min for v in fact.versions), default=dt.date.min)


def block_reply(cat: Catalogue, programme_id: str, aspect: str) -> Reply:
    """A question that asks for a whole aspect ("who can apply for F-2-R?"): every fact of it, or for the
    overview the facts the summary gives; what is not published or not covered when there is no fact."""
    programme = cat.programme(programme_id)
    assert programme is not None
    facts = cat.facts(programme_id, (aspect,))
    if aspect == "overview":
        facts = [f for f in facts if f.in_summary] or facts[:2]
    if aspect == "timeline":  # "is it open now?": the latest state first
        facts = sorted(facts, key=newest_date, reverse=True)
    entries = [Entry(programme_id, f.aspect, f.topic, fact=f) for f in facts]
    gaps = cat.gaps(programme_id, (aspect,))
    if entries and gaps:  # what is not published yet, after the facts: "Not published yet: launch date."
        entries += [Entry(programme_id, g.aspect, g.topic, gap=g, published=False) for g in gaps[:1]]
    uncovered = [g for g in programme.not_covered if g.aspect == aspect]
    if entries and uncovered and not gaps:  # and what my sources lack ("who can apply" for the E-7-4R)
        entries += [Entry(programme_id, g.aspect, g.topic, gap=g) for g in uncovered[:1]]
    if not entries:
        entries = [Entry(programme_id, g.aspect, g.topic, gap=g, published=False) for g in gaps]
        entries += [Entry(programme_id, g.aspect, g.topic, gap=g) for g in programme.not_covered if g.aspect == aspect]
    if not entries:
        label = ASPECT_IN_SENTENCE.get(aspect, aspect)
        entries = [Entry(programme_id, aspect, label, gap=GapView(aspect, label))]
    named = aspect != "overview" and aspect in ASPECT_LABELS
    label = f", {ASPECT_LABELS[aspect]}" if named else f" ({programme.status})"
    return lead_reply(cat, entries, kind="block", label=label)


def uncovered_reply(cat: Catalogue, programme_id: str) -> Reply:
    """A question about a programme that none of its facts answers: my sources don't cover it."""
    programme = cat.programme(programme_id)
    assert programme is not None
    contacts = cat.contacts()
    pointer, buttons = pointers(cat, programme, set())
    lines = [not_covered_line(f"that for the {programme.name}", contacts), pointer, short_footer(contacts, True)]
    return Reply.say("\n".join(line for line in lines if line), buttons, kind="gap", programme=programme.id)
