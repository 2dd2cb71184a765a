"""A question about one official contact ("is 1345 open on weekends?", "what is HiKorea for?") gets that
contact first, and the others in one line."""

from __future__ import annotations

from visa_guide.answers.citations import contact_options
from visa_guide.answers.lead import short_sources
from visa_guide.answers.people import contact_line
from visa_guide.assistant.turn import Reply, Turn
from visa_guide.assistant.words import terms
from visa_guide.catalogue.queries import Catalogue
from visa_guide.catalogue.views import ContactView

# what people call each kind of contact, beside the words of its own entry
PHONE_WORDS = terms("call phone number hotline ring talk person speak someone hours open weekend evening line")
GENERAL = set(terms("contact contacts official service services immigration"))  # every contact is these
WEB_WORDS = terms("website site online portal web page link url book booking appointment apply")


def _words(contact: ContactView) -> set[str]:
    own = " ".join(x for x in (contact.name, contact.phone, contact.url, contact.purpose, contact.languages) if x)
    words = set(terms(own))
    words |= set(PHONE_WORDS) if contact.phone else set(WEB_WORDS)
    return words


def contact_reply(turn: Turn, cat: Catalogue, default: str | None = None, min_score: int = 1) -> Reply | None:
    """The contact the question is about first, then the others briefly; None when none stands out (unless
    a `default` contact, the one just talked about, is given for a question that names none)."""
    contacts = cat.contacts()
    asked = set(terms(turn.text)) - GENERAL if turn.typed else set()
    scored = sorted(((len(asked & _words(c)), i, c) for i, c in enumerate(contacts)), key=lambda t: (-t[0], t[1]))
    clear = scored and scored[0][0] >= min_score and (len(scored) == 1 or scored[0][0] > scored[1][0])
    fallback = next((c for c in contacts if c.id == default), None)
    if not clear and fallback is None:
        return None
    best = scored[0][2] if clear else fallback
    others = [c for c in contacts if c.id != best.id]
    lines = [f"{contact_line(best)} ({short_sources(best.statement.sources)})"]
    if others:
        lines.append(f"Also: {contact_options(others)}.")
    return Reply.say("\n".join(lines), kind="contact", topic=f"contacts/{best.id}")
