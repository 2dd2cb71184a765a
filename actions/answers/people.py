"""Answers about the user: country check, field check, recommendations, contacts."""

from __future__ import annotations

from actions.answers.citations import cite, confirm_line, date_text, sources_line, status_note
from actions.answers.facts import fact_line, gaps_line, statements
from actions.catalogue.recommend import Recommendation
from actions.catalogue.views import (
    ContactView,
    CountryView,
    CoverageView,
    FactView,
    FieldView,
    GapView,
    ProgrammeView,
)

ROLE_TEXT = {"combat": "sent combat troops", "medical": "gave medical support"}


def country_answer(
    country: CountryView,
    participants: int,
    youth_dream: ProgrammeView | None,
    eligibility: list[FactView],
    gaps: list[GapView],
    contacts: list[ContactView],
) -> str:
    """The country against the Korean War participants, then what the catalogue says of Youth Dream's basis."""
    if country.war_role:
        role = ROLE_TEXT.get(country.war_role, country.war_role)
        lines = [
            f"**{country.name}** is one of the {participants} countries that supported South Korea in the "
            f"Korean War (it {role})."
        ]
        if country.note:
            lines.append(country.note)
        if country.sources:
            lines.append("Sources: " + "; ".join(cite(s) for s in country.sources[:2]))
    else:
        lines = [
            f"**{country.name}** is not among the {participants} countries that supported South Korea in "
            "the Korean War."
        ]
    if youth_dream:
        lines.append(f"{youth_dream.name}, who can apply:")
        lines += [fact_line(fact) for fact in eligibility[:1]]
        lines.append(sources_line(statements(eligibility[:1])))
        lines.append(gaps_line(gaps))
    if gaps:
        lines.append("While these rules are not published, I can't say whether you qualify.")
    lines.append(confirm_line(contacts))
    return "\n".join(line for line in lines if line)


def unknown_country_answer(text: str) -> str:
    return (
        f"I don't recognise \"{text}\" as a country. Could you give the country's name in English, "
        "for example 'Colombia' or 'the Philippines'?"
    )


def field_answer(
    field: FieldView, coverage: list[CoverageView], programme: ProgrammeView | None, contacts: list[ContactView]
) -> str:
    if coverage:
        lines = [f"**{field.name.capitalize()}** is named for these programmes:"]
        for item in coverage[:3]:
            lines.append(
                f"- {item.programme.name}: {item.statement.text} ({status_note(item.statement)}; "
                f"{cite(item.statement.sources[0]) if item.statement.sources else 'no source'})"
            )
    else:
        where = programme.name if programme else "any of the programmes I know"
        lines = [
            f"I have no published statement that {where} covers **{field.name}**.",
            "That is not a final no: sector lists can still change.",
        ]
    lines.append(confirm_line(contacts))
    return "\n".join(line for line in lines if line)


def recommendation_answer(ranked: list[Recommendation], contacts: list[ContactView], limit: int = 3) -> str:
    lines = ["Here is how the programmes compare with what you told me (best match first):"]
    for number, rec in enumerate(ranked[:limit], start=1):
        lines.append(f"{number}. **{rec.programme.name}** ({rec.programme.status})")
        if rec.reasons:
            lines.append("   Fits: " + "; ".join(rec.reasons) + ".")
        if rec.mismatches:
            lines.append("   Against: " + "; ".join(rec.mismatches) + ".")
        if rec.unknowns:
            lines.append("   Unknown: " + "; ".join(rec.unknowns) + ".")
    lines.append(
        "This is a first orientation, not a decision: nobody can confirm eligibility where rules are unpublished."
    )
    lines.append(confirm_line(contacts))
    return "\n".join(lines)


def contacts_answer(contacts: list[ContactView], intro: str) -> str:
    lines = [intro]
    for contact in contacts:
        details = [
            d
            for d in (
                contact.phone,
                f"from abroad {contact.phone_abroad}" if contact.phone_abroad else None,
                contact.url,
            )
            if d
        ]
        line = f"- **{contact.name}**" + (f": {', '.join(details)}" if details else "")
        if contact.purpose:
            line += f". {contact.purpose}"
        if contact.hours:
            line += f" Hours: {contact.hours}"
        if contact.languages:
            line += f" Languages: {contact.languages}"
        lines.append(line)
    dated = [c.statement.as_of for c in contacts if c.statement.as_of]
    if dated:
        lines.append(f"(Contact details as published; latest check {date_text(max(dated))}.)")
    return "\n".join(lines)
