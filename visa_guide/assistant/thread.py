"""What the conversation is about now: the programmes named in the message or remembered from before, the
programmes just compared, the country just checked, and what the question's own words are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches

from visa_guide.assistant.fact_index import CONTEXT
from visa_guide.assistant.library import fact_index
from visa_guide.assistant.turn import Turn
from visa_guide.assistant.words import terms
from visa_guide.catalogue.matching import normalise
from visa_guide.catalogue.queries import Catalogue
from visa_guide.catalogue.views import CountryView
from visa_guide.scope import named_category, other_visa_codes

COUNTRY_TOPIC = "country check"  # the `topic` slot after a country check: "and Norway?" continues it
# intents a bare country name is often understood as; after a country check, or about the country-check
# programme, such a message asks for another check
COUNTRY_INTENTS = frozenset({"check_country", "inform", "nlu_fallback", "out_of_scope", "ask_eligibility"})
# words that ask for a whole aspect, not one fact ("who can apply?", "tell me about it", "how do I apply?"),
# with the aspect they ask for when the intent does not say
GENERIC_BY_ASPECT = {
    "eligibility": "apply applying applicant eligible eligibility requirement requirements require required "
    "criteria criterion qualify qualifying conditions condition who",
    "application": "application process procedure steps",
    "benefits": "benefit benefits perks advantages",
    "family": "family families",
    "timeline": "timeline status",
    "overview": "overview explain explanation details detail information info everything rules rule summary "
    "basics mean means compare comparison them",
}
GENERIC = {word: aspect for aspect, words in GENERIC_BY_ASPECT.items() for word in terms(words)}
# intents that ask about a group of programmes: where to look when the message names none
CLAUSE_END = "zzend"  # stands for a question mark or a full stop in a normalised text
SURE_OF_GROUP = 0.8  # below this, an intent about a group or the background does not leave the programme
INTENT_GROUPS = {"ask_after_graduation": "student", "ask_nonspecialized_jobs": "student", "ask_regional": "regional"}
SELF = re.compile(
    r"\b(?:eligible|qualify|qualifies|count|counts|for me|for us|can i (?:apply|get|join|go)|am i|"
    r"my country|my nationality|people like me)\b"
)


QUESTION = re.compile(
    r"^(?:and|so|ok|okay|but|then)?\s*(?:what|which|when|where|who|whom|how|why|can|could|do|does|did|is|are|"
    r"was|were|will|would|may|might|should|must|any|about)\b"
)


def looks_like_question(text: str) -> bool:
    """'ireland?', 'and can we get permanent residence later?': a question, whatever intent it was given."""
    return text.strip().endswith("?") or bool(QUESTION.search(normalise(text)))


def asks_about_self(text: str) -> bool:
    """'does it work for me?', 'can I apply?': a question about the user's own case (not "when can I
    apply?", which asks about the timeline)."""
    plain = normalise(text)
    return bool(SELF.search(plain)) and not re.search(r"\b(?:when|how long|how much|how many)\b", plain)


def question_terms(text: str, names: list[str], kept: set[str] = frozenset()) -> list[str]:
    """The question's searchable words without the names of the programmes it names (they pick the
    programme, not the fact), except a one-word name that is also what a fact is about (`kept`:
    "internship" names a programme, and is a topic of the D-10; "top talent visa" names one only)."""
    plain = f" {normalise(text)} "
    stemmed = f" {' '.join(terms(text))} "
    dropped: set[str] = set()
    # a name as written, or with other endings ("post-graduation internships")
    used = [name for name in names if f" {normalise(name)} " in plain or _in_words(terms(name), stemmed)]
    for name in used:  # only the words of a name the message uses ("regional work visa", not its full title)
        words = terms(name)
        dropped |= set(words) - kept if len(words) == 1 else set(words)
    question = terms(text)
    if names and not used:  # a name with a typo ("top teir visa"): the words close to the names' words
        name_words = {word for name in names for word in terms(name)}
        dropped |= {w for w in question if get_close_matches(w, name_words, n=1, cutoff=0.75)} - kept
    return [word for word in question if word not in dropped]


def _in_words(name: list[str], stemmed: str) -> bool:
    return len(name) > 1 and f" {' '.join(name)} " in stemmed


def is_generic(words: list[str]) -> bool:
    return all(word in GENERIC for word in words)


HOW_TO_APPLY = re.compile(r"\bhow (?:do|can|to|would|should) (?:i |we |you |one )?(?:\w+ )?apply\b")


def generic_aspect(words: list[str], text: str = "") -> str:
    """The aspect a question of generic words asks for: 'requirements?' -> eligibility, 'how do I apply?' ->
    the application; none -> overview."""
    if HOW_TO_APPLY.search(normalise(text)):
        return "application"
    aspects = [GENERIC[word] for word in words if GENERIC[word] != "overview"]
    return aspects[0] if aspects else "overview"


def specific(words: list[str]) -> list[str]:
    """The words that say what the question is about (not "apply", "requirements", "tell me")."""
    return [word for word in words if word not in GENERIC]


def programmes_named(turn: Turn, cat: Catalogue) -> list[str]:
    """Programme ids the message names: entity values first, then a search of the text."""
    found: list[str] = []
    for value in turn.entity("programme"):
        found += cat.programmes_in_text(value) or [pid for pid in [cat.find_programme(value)] if pid]
    if turn.typed:
        found += cat.programmes_in_text(turn.text)
    return list(dict.fromkeys(found))


def country_named(turn: Turn, cat: Catalogue) -> CountryView | None:
    for value in turn.entity("country"):
        if found := cat.find_country(value):
            return found
    names = cat.countries_in_text(turn.text) if turn.typed else []
    return cat.find_country(names[0]) if names else None


@dataclass(frozen=True)
class Thread:
    named: list[str]
    group: str | None  # a category named as a group ("the regional visa")
    remembered: str | None  # the programme discussed last
    topic: str | None  # the entry answered last
    compared: list[str] = field(default_factory=list)  # the two programmes compared last
    country_named: CountryView | None = None
    remembered_country: str | None = None
    about_context: bool = False  # the question is about the policy's background (intent ask_context)
    text: str = ""
    by_entity: tuple[str, ...] = ()  # programmes the NLU tagged as entities

    @classmethod
    def of(cls, turn: Turn, cat: Catalogue) -> Thread:
        compared = [p for p in str(turn.slot("compared") or "").split(",") if p]
        named = programmes_named(turn, cat)
        # a group the intent asks about ("what can I do after graduating?"), unless the NLU is unsure and a
        # programme is being discussed ("when was that reported?" is about it)
        unsure = turn.slot("programme") and turn.confidence < SURE_OF_GROUP
        group = named_category(turn.text) or (None if named or unsure else INTENT_GROUPS.get(turn.intent or ""))
        return cls(
            named=named,
            group=group,
            remembered=turn.slot("programme"),
            topic=turn.slot("topic"),
            compared=compared if len(compared) == 2 else [],
            country_named=country_named(turn, cat),
            remembered_country=turn.slot("country"),
            about_context=turn.intent == "ask_context" and not unsure,  # "when was that announced?" is about it
            text=turn.text if turn.typed else "",
            by_entity=tuple(pid for value in turn.entity("programme") for pid in [cat.find_programme(value)] if pid),
        )

    def programme(self, cat: Catalogue) -> str | None:
        """The programme meant now: one named, else the one discussed last unless the message names a group
        it is not in ("when does the regional visa start" after Youth Dream) or asks about the background."""
        if self.named:
            return self.named[0]
        last = cat.programme(self.remembered) if self.remembered else None
        return last.id if last and self.group in (None, last.category) else None

    def strongly_named(self, cat: Catalogue) -> list[str]:
        """Programmes named by one of their names (or tagged by the NLU), not only by a keyword such as
        "D-2" or "part-time job", which other programmes' facts use too."""
        plain = f" {normalise(self.text)} "
        stemmed = f" {' '.join(terms(self.text))} "
        names = cat.programme_aliases(kind="alias")
        return [
            pid
            for pid in self.named
            if pid in self.by_entity
            or any(f" {normalise(a)} " in plain or _in_words(terms(a), stemmed) for a in names.get(pid, []))
        ]

    def asks_what_it_is(self, cat: Catalogue) -> bool:
        """'I'm still job hunting. What is the D-10 visa?': whatever else the message says, it asks what the
        one programme it names is."""
        if len(self.named) != 1:
            return False
        plain = normalise(re.sub(r"[?.!,;]", f" {CLAUSE_END} ", self.text))  # not "what's the F-2-R quota?"
        names = [normalise(alias) for alias in cat.programme_aliases().get(self.named[0], [])]
        return any(
            re.search(rf"\bwhat (?:is|s|are) (?:the |this |a |an )?{re.escape(n)}(?: visa)?(?: {CLAUSE_END}|$)", plain)
            for n in names
        )

    def weakly_named(self, cat: Catalogue) -> bool:
        return bool(self.named) and not self.strongly_named(cat)

    def programmes_in_scope(self, cat: Catalogue) -> list[str]:
        """Where to look for the answer: every programme named ("switch from D-2 to D-10" names two; one named
        only by a keyword shares the thread's programme: "and if I'm coming off a D-2?" after the D-10), else
        the one discussed last, the group named, or the background (with the programme discussed last)."""
        if self.weakly_named(cat):
            last = cat.programme(self.remembered) if self.remembered else None
            return list(dict.fromkeys([*([last.id] if last else []), *self.named]))
        if self.named:
            return list(self.named)
        current = self.programme(cat)
        if current:
            return [current]
        if self.group:
            return [p.id for p in cat.programmes() if p.category == self.group]
        return [CONTEXT] if self.about_context else []

    def previous_topic(self) -> str | None:
        """The topic answered last ("income threshold"), for "and for the Top-Tier?" asking it of another."""
        if not self.topic or "/" not in self.topic or self.topic.startswith("contacts/"):
            return None
        return self.topic.split("/", 1)[1]

    def context_scope(self, cat: Catalogue) -> list[str]:
        last = cat.programme(self.remembered) if self.remembered else None
        return [CONTEXT, *([last.id] if last else [])]

    def named_aliases(self, cat: Catalogue) -> list[str]:
        aliases = cat.programme_aliases()
        names = [alias for pid in self.named for alias in aliases.get(pid, [])]
        names += [p.name for p in cat.programmes() if p.id in self.named]
        return names

    def foreign_codes(self, cat: Catalogue) -> list[str]:
        """Visa codes in the message that no catalogue programme has ("E-2", "D-4"), when it names none
        of the catalogue's own codes."""
        ours = {
            normalise(alias).replace(" ", "")
            for names in cat.programme_aliases().values()
            for alias in names
            if any(c.isdigit() for c in alias)
        }
        codes = other_visa_codes(self.text)
        if any(code in ours for code in codes) or self.strongly_named(cat):
            return []
        ours |= fact_index(cat).codes(self.programmes_in_scope(cat))
        return [code for code in codes if code not in ours]

    def is_country_programme(self, cat: Catalogue) -> bool:
        checked = cat.country_check_programme()
        return checked is not None and self.programme(cat) == checked.id

    def wants_country_check(self, turn: Turn, cat: Catalogue) -> bool:
        """A country named in a check, in a follow-up to one ("and Norway?"), or about the country-check
        programme ("I'm from Colombia, does that count?" after Youth Dream)."""
        if turn.intent == "check_country":
            return True
        if self.asks_what_it_is(cat):
            return False  # "I'm from Kenya. What's this Youth Dream visa?": what it is, the country kept
        if turn.intent not in COUNTRY_INTENTS and not self.is_country_programme(cat):
            return False
        return self.topic == COUNTRY_TOPIC or self.is_country_programme(cat)

