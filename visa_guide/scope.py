"""Is a message about visas or immigration at all? Decides between the two out-of-scope answers.

A visa question the catalogue does not cover (changing to E-7, working holiday age limits, renewing an
alien registration card, extending a stay) deserves a pointer to the official help; the weather does not.
No Rasa imports: plain text checks.
"""

from __future__ import annotations

import re

from visa_guide.catalogue.matching import normalise

# Visa codes with no programme in the catalogue (E-7-4R, the regional skilled-worker track, is in it).
OTHER_CODES = r"e ?7(?! ?4 ?r)(?: ?\d)?|e ?9|e ?2|h ?1|h ?2|f ?2 ?7|f ?4|f ?5|f ?6|c ?3|c ?4|d ?4|d ?8"
# Topics the catalogue does not cover: a message about one of these, naming no catalogue programme, is
# answered with the official contacts even when it was understood as an ordinary question.
OUTSIDE_CATALOGUE = re.compile(
    r"\b(?:"
    r"alien registration|registration card|residence card|arc|"
    r"working holiday|work and holiday|"
    r"extend(?:ing|ed)? (?:my |the |a )?(?:visa|stay|d ?\d+)|(?:visa|stay) extension|extension of (?:my )?stay|"
    r"renew(?:ing|al)?|overstay\w*|deport\w*|re ?entry permit|"
    r"permanent residen\w*|naturali[sz]\w*|citizenship|k ?eta|"
    f"{OTHER_CODES}"
    r")\b"
)
# A change of status towards a visa the catalogue does not cover ("change my D-10 to E-7"), even when the
# message names a catalogue programme as the starting point.
CHANGE_TO_OTHER = re.compile(
    r"\b(?:change|changing|switch|switching|convert|converting|move|moving|transfer|transferring)\b"
    rf"(?: \w+){{0,4}} (?:to|into) (?:an? )?(?:{OTHER_CODES})\b"
)
VISA_WORDS = re.compile(
    r"\b(?:visas?|immigration|immigrants?|immigrate|residency|resident|residence|sojourn|"
    r"status of stay|period of stay|stay permit|work permit|passport|embassy|consulate|sponsor\w*|"
    r"hikorea|1345|(?:c|d|e|f|h) ?\d{1,2}(?: ?\d{1,2})?)\b"
)


def is_visa_related(text: str) -> bool:
    """Whether the message talks about visas, immigration or a visa code (E-7, H-1, D-10...)."""
    plain = normalise(text)
    return bool(VISA_WORDS.search(plain) or OUTSIDE_CATALOGUE.search(plain))


def outside_catalogue_topic(text: str, names_a_programme: bool = False) -> bool:
    """Whether the message is about a visa topic the catalogue does not cover: a change of status to a visa
    outside it, or (when it names no catalogue programme) one of the OUTSIDE_CATALOGUE topics."""
    plain = normalise(text)
    return bool(CHANGE_TO_OTHER.search(plain) or (not names_a_programme and OUTSIDE_CATALOGUE.search(plain)))
