"""Is a message about visas or immigration at all? Decides between the two out-of-scope answers.

A visa question the catalogue does not cover (changing to E-7, working holiday age limits, renewing an
alien registration card, extending a stay) deserves a pointer to the official help; the weather does not.
No Rasa imports: plain text checks.
"""

from __future__ import annotations

import re

from visa_guide.catalogue.matching import normalise

# Visa codes with no programme in the catalogue (E-7-4R, the regional skilled-worker track, and E-7-M, the
# K-CORE visa, are in it).
OTHER_CODES = r"e ?7(?! ?4 ?r)(?! ?m\b)(?: ?\d)?|e ?9|e ?2|h ?1|h ?2|f ?2 ?7|f ?4|f ?5|f ?6|c ?3|c ?4|d ?4|d ?8"
# Topics the catalogue does not cover: a message about one of these, naming no catalogue programme, is
# answered with the official contacts even when it was understood as an ordinary question.
OUTSIDE_CATALOGUE = re.compile(
    r"\b(?:"
    r"alien registration|registration card|residence card|arc|"
    r"working holiday|work and holiday|"
    r"extend(?:ing|ed)? (?:my |the |a )?(?:visa|stay|d ?\d+)|(?:visa|stay) extension|extension of (?:my )?stay|"
    r"renew(?:ing|al)?|overstay\w*|deport\w*|re ?entry permit|"
    r"permanent residen\w*|pr|naturali[sz]\w*|citizenship|k ?eta|"
    r"married to an? (?:korean|citizen)|marriage (?:visa|migrant\w*)|"
    r"(?:korean|citizen) (?:wife|husband|spouse|fiance\w*)|"
    r"family visit\w*|visit(?:ing)? (?:my )?(?:family|relatives)|tourist visa|"
    f"{OTHER_CODES}"
    r")\b"
)
# What no programme's sources say, whichever programme is named: how long an application takes.
UNCOVERED_FOR_ANY = re.compile(
    r"\b(?:process(?:ing)? (?:time|period)s?|processing|take to (?:process|approve|get approved|be approved)|"
    r"(?:get|be|been|is) approved|approval time|how (?:long|soon|fast)\b.{0,40}\bapprov\w*)\b"
)


def uncovered_for_any(text: str) -> bool:
    """Whether the message asks what none of the catalogue's sources say ("how long does F-2-R processing take?")."""
    return bool(UNCOVERED_FOR_ANY.search(normalise(text)))


# A change of status towards a visa the catalogue does not cover ("change my D-10 to E-7"), even when the
# message names a catalogue programme as the starting point.
CHANGE_TO_OTHER = re.compile(
    r"\b(?:change|changing|switch|switching|convert|converting|move|moving|transfer|transferring)\b"
    rf"(?: \w+){{0,4}} (?:to|into) (?:an? )?(?:{OTHER_CODES})\b"
)
VISA_WORDS = re.compile(
    r"\b(?:visas?|immigration|immigrants?|immigrate|residency|resident|residence|sojourn|"
    r"status of stay|period of stay|stay permit|work permit|passport|embassy|consulate|sponsor\w*|"
    r"hikorea|1345|tourist|[a-h] ?\d{1,2}(?: ?\d{1,2})?)\b"
)

# A visa code as people write it: "G-1", "C-3", "E8", "F-2-T", "H-1B", "D-10-1". Classes C and G only with a
# hyphen, so English levels ("C1 English") and ordinary words ("a 2 year degree") are not codes.
WRITTEN_CODE = re.compile(r"\b(?:[C-Hc-h]-\d{1,2}|[D-Fd-fHh]\d{1,2})(?:-\d{1,2}[A-Za-z]?|-?[A-Za-z])?\b")
# Codes the catalogue's answers use without being programmes: the D-2 student visa, the F-2 residence status.
CONTEXT_CODES = frozenset({"d2", "f2"})


def other_visa_codes(text: str) -> list[str]:
    """Visa codes in the message other than D-2 and F-2 (the caller checks them against the catalogue)."""
    codes = (code.replace("-", "").lower() for code in WRITTEN_CODE.findall(text))
    return [code for code in codes if code not in CONTEXT_CODES]


def is_visa_related(text: str) -> bool:
    """Whether the message talks about visas, immigration or a visa code (E-7, H-1, D-10...)."""
    plain = normalise(text)
    return bool(VISA_WORDS.search(plain) or OUTSIDE_CATALOGUE.search(plain) or other_visa_codes(text))


def outside_catalogue_topic(text: str, names_a_programme: bool = False) -> bool:
    """Whether the message is about a visa topic the catalogue does not cover: a change of status to a visa
    outside it, or (when it names no catalogue programme) one of the OUTSIDE_CATALOGUE topics or a visa
    code other than D-2 and F-2 ("what is G-1?" must not get the overview of the programme discussed last)."""
    plain = normalise(text)
    if CHANGE_TO_OTHER.search(plain):
        return True
    return not names_a_programme and bool(OUTSIDE_CATALOGUE.search(plain) or other_visa_codes(text))


# A group of programmes named without naming one: "the regional visa", "regional visas".
CATEGORY_NAMES = {
    "regional": re.compile(r"\bregion(?:al)? (?:visas?|programmes?|programs?|schemes?)\b"),
}


def named_category(text: str) -> str | None:
    """The programme category the message names as a group ("when does the regional visa start"), if any."""
    plain = normalise(text)
    return next((category for category, pattern in CATEGORY_NAMES.items() if pattern.search(plain)), None)
