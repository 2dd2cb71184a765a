"""Words of a question or a fact, reduced to what matters for finding one in the other.

Lower case, accents folded, stop words dropped, English endings stripped ("applying", "applied" -> "appli"),
and a few spellings people use for one thing folded together ("d10" and "d-10", "masters" and "master's").
"""

from __future__ import annotations

import re

from visa_guide.catalogue.matching import normalise

STOP_WORDS = frozenset(
    """
    a an the and or but if then so of to in on at by for with from into about as is are was were be been being
    am do does did doing have has had having i me my mine we us our you your yours he him his she her they them
    their it its this that these those there here what which who whom whose when where how can could would
    should shall will may might must just also too very really please tell know want wanted like get got gets
    any some much more most other such than only own same s t don doesn didn isn aren wasn im ive id youre
    thats whats m re ve ll d hi hello hey thanks thank ok okay yes no not visa visas korea korean south
    programme program
    programmes programs scheme
    need needs needed exactly actually still new supposed currently right one ones
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# the same thing written in different ways: folded to one word before stemming
SPELLINGS = {
    "masters": "master",
    "bachelors": "bachelor",
    "phds": "phd",
    "doctorate": "phd",
    "doctoral": "phd",
    "uni": "university",
    "univ": "university",
    "kids": "children",
    "kid": "children",
    "child": "children",
    "wife": "spouse",
    "husband": "spouse",
    "partner": "spouse",
    "mom": "parents",
    "mum": "parents",
    "dad": "parents",
    "mother": "parents",
    "father": "parents",
    "parent": "parents",
    "hrs": "hours",
    "hr": "hours",
    "wk": "week",
    "yrs": "years",
    "yr": "years",
    "mos": "months",
    "krw": "won",
    "pr": "f5",
    "announcement": "announce",
    "announcements": "announce",
    "unveiled": "announce",
    "revealed": "announce",
    "residency": "residence",
    "trial": "pilot",
    "trials": "pilot",
    "lists": "list",
    "usd": "dollars",
    "pts": "points",
    "fees": "fee",
    "cost": "fee",
    "costs": "fee",
    "price": "fee",
    "charge": "fee",
    "pt": "points",
    "earn": "income",
    "earns": "income",
    "earning": "income",
    "earnings": "income",
    "salary": "income",
    "salaries": "income",
    "wage": "income",
    "wages": "income",
    "pay": "income",
    "paid": "income",
    "sector": "industry",
    "sectors": "industry",
    "industries": "industry",
    "fields": "industry",
    "field": "industry",
    "valid": "stay",
    "validity": "stay",
    "expire": "stay",
    "expires": "stay",
    "duration": "stay",
    "intern": "internship",
    "interning": "internship",
    "internships": "internship",
    "began": "start",
    "begin": "start",
    "starts": "start",
    "started": "start",
    "launch": "start",
    "launched": "start",
    "launches": "start",
}
_CODE = re.compile(r"\b([a-h]) (\d{1,2})(?: (\d{1,2}[a-z]?))?(?: ([a-z]))?\b")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A light English stemmer: enough to match 'applying', 'applies' and 'apply' ('appli'), or 'workers'
    and 'worker'."""
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("y"):
        return word[:-1] + "i"
    return word[:-1] if word.endswith("e") and len(word) > 4 else word  # "spouse" and "spouses" meet


def _join_codes(plain: str) -> str:
    """'d 10 1' -> 'd10 1' style codes kept as one word: 'e 7 4 r' -> 'e74r'."""
    return _CODE.sub(lambda m: "".join(g for g in m.groups() if g), plain)


# words that also say something more general: a bachelor's is a degree
BROADER = {"bachelor": "degree", "master": "degree", "phd": "degree", "associate": "degree", "diploma": "degree"}


def terms(text: str) -> list[str]:
    """The searchable words of a text, in order (repeats kept, as BM25 counts them)."""
    plain = _join_codes(normalise(text.replace("'s", "")))
    words = [SPELLINGS.get(w, w) for w in plain.split()]
    words = [x for w in words for x in ((w, BROADER[w]) if w in BROADER else (w,))]
    return [stem(w) for w in words if w not in STOP_WORDS]
