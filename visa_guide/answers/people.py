"""Answers about the user: country check, field check, recommendations, contacts."""

from __future__ import annotations

from visa_guide.answers.citations import cite, contact_options, footer_line, sources_line, status_note
from visa_guide.answers.facts import fact_lines, gaps_line
from visa_guide.answers.lead import short_footer, short_sources, statement_line
from visa_guide.catalogue.recommend import Recommendation
from visa_guide.catalogue.views import (
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
        cited = f"; {short_sources(country.sources)}" if country.sources else ""
        lines = [
            f"**{country.name}** is one of the {participants} countries that supported South Korea in the "
            f"Korean War (it {role}{cited})."
        ]
        if country.note:
            lines.append(country.note)
    else:
        lines = [
            f"**{country.name}** is not among the {participants} countries that supported South Korea in "
            "the Korean War."
        ]
    if youth_dream and eligibility and len(eligibility[0].versions) == 1:
        lines.append(f"{youth_dream.name.split(' (')[0]}, who can apply: {statement_line(eligibility[0].versions[0])}")
    if gaps:
        lines.append(gaps_line(gaps) + " Until then I can't say whether you qualify.")
    lines.append(short_footer(contacts))
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
    lines.append(footer_line(contacts))
    return "\n".join(line for line in lines if line)


def _indented(lines: list[str], prefix: str = "   ") -> list[str]:
    return [prefix + line for line in lines]


def _to_check_summary(facts: tuple[FactView, ...] | list[FactView]) -> str:
    """The rules to check, named in one line, each marked where sources differ or the rule changed."""

    def named(fact: FactView) -> str:
        mark = " (sources differ)" if fact.sources_differ else " (changed over time)" if fact.is_change else ""
        return fact.topic + mark

    return "To check: " + ", ".join(named(f) for f in facts) + "."


def recommendation_lines(rec: Recommendation, contacts: list[ContactView], detailed: bool = True) -> list[str]:
    """One suggestion: what matches, what doesn't, what to check, what is unknown.

    Detailed: every rule to check with its versions and sources; otherwise the rules are only named.
    """
    lines = [f"**{rec.programme.name}** ({rec.programme.status})"]
    if rec.reasons:
        lines.append("Fits: " + "; ".join(rec.reasons) + ".")
    if rec.mismatches:
        lines.append("Against: " + "; ".join(rec.mismatches) + ".")
    if rec.to_check and detailed:
        lines.append("To check (published rules I can't judge from your profile):")
        lines += [line for fact in rec.to_check for line in fact_lines(fact, cited=1)]
    elif rec.to_check:
        lines.append(_to_check_summary(rec.to_check))
    else:
        options = contact_options(contacts)
        where = f"; {options} can tell you" if options else ""
        lines.append(f"To check: my sources don't cover who can apply{where}.")
    if rec.unknowns:
        lines.append("Unknown: " + "; ".join(rec.unknowns) + ".")
    return lines


def recommendation_answer(ranked: list[Recommendation], contacts: list[ContactView], limit: int = 3) -> str:
    """The best match with its rules and sources in full; the next ones briefly, with how to ask for more."""
    lines = ["Here is how the programmes compare with what you told me (best match first):"]
    shown = ranked[:limit]
    for number, rec in enumerate(shown, start=1):
        first, *rest = recommendation_lines(rec, contacts, detailed=number == 1)
        lines.append(f"{number}. {first}")
        lines += _indented(rest)
    if any(rec.to_check for rec in shown[1:]):
        lines.append("Ask me who can apply for any of them to see those rules in full, with their sources.")
    lines.append(
        "This is a first orientation, not a decision: it cannot tell you whether you qualify. "
        "Only the immigration authorities decide."
    )
    lines.append(footer_line(contacts))
    return "\n".join(lines)


def contact_line(contact: ContactView) -> str:
    """'**Immigration Contact Center**: 1345, from abroad +82-1345. <purpose> Hours: ... Languages: ...'"""
    details = [
        d
        for d in (
            contact.phone,
            f"from abroad {contact.phone_abroad}" if contact.phone_abroad else None,
            contact.url,
        )
        if d
    ]
    line = f"**{contact.name}**" + (f": {', '.join(details)}" if details else "")
    if contact.purpose:
        line += f". {contact.purpose}"
    if contact.hours:
        line += f" Hours: {contact.hours}."
    if contact.languages:
        line += f" Languages: {contact.languages}."
    return line


def contacts_answer(contacts: list[ContactView], intro: str) -> str:
    lines = [intro, *(f"- {contact_line(contact)}" for contact in contacts)]
    # the details are as the sources give them: cite each source with its own date, never as our check date
    lines.append(sources_line([c.statement for c in contacts if c.phone or c.hours or c.languages], limit=3))
    return "\n".join(line for line in lines if line)


def outside_catalogue_text(contacts: list[ContactView]) -> str:
    """'My sources don't cover that', and where to ask instead, from the catalogue's contacts."""
    parts = []
    for contact in contacts[:2]:
        if contact.phone:
            abroad = f", from abroad {contact.phone_abroad}" if contact.phone_abroad else ""
            parts.append(f"the {contact.name} ({contact.phone}{abroad})")
        elif contact.url:
            parts.append(f"[{contact.name}]({contact.url})")
    where = " or ".join(parts) if parts else "the immigration authorities"
    return (
        "That's a visa question my sources don't cover: I only know South Korea's new visa programmes. "
        f"Please ask {where}; your local immigration office can help too."
    )
