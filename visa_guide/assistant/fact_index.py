"""Which catalogue entry answers a question: a search index over each programme's facts and gaps.

Every fact is a document made of its topic, its text (all versions) and its `asked_as` phrasings; every gap
(not published, or not in my sources) is a document made of its topic. The index is built from the catalogue
at answer time, so an edited or new fact needs no retraining, and rebuilt when the catalogue version changes.

Two rankers are kept behind one interface so they can be measured against each other
(`python -m visa_guide.assistant.measure`): BM25 (rank-bm25) and TF-IDF with cosine similarity (scikit-learn).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from visa_guide.assistant.words import terms
from visa_guide.catalogue.views import FactView, GapView, ProgrammeView
from visa_guide.scope import other_visa_codes
from visa_guide.vocabulary import ASPECT_LABELS

CONTEXT = "context"  # the programme id under which the policy's background facts are indexed


@dataclass(frozen=True)
class Entry:
    """One thing an answer can lead with: a fact, or a gap (not published / not in my sources)."""

    programme_id: str
    aspect: str
    topic: str
    fact: FactView | None = None
    gap: GapView | None = None
    published: bool = True  # for a gap: False when the reference says it is not published yet

    @property
    def id(self) -> str:
        return f"{self.programme_id}/{self.topic}"


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # the ranker's score, comparable within one question
    coverage: float  # share of the question's word weight that the entry contains (0..1)
    matched: int = 0  # how many of the question's (counted) words the entry contains
    missing: frozenset[str] = frozenset()  # the question's (counted) words the entry does not contain


def _document(entry: Entry) -> list[str]:
    """The topic's words twice, then each other word of the aspect's label, the versions' texts and the
    `asked_as` phrasings once (a long fact or many phrasings must not outweigh a short one)."""
    topic = terms(entry.topic)
    words = terms(ASPECT_LABELS.get(entry.aspect, entry.aspect))
    if entry.fact:
        for version in entry.fact.versions:
            words += terms(version.text)
        words += [word for phrasing in entry.fact.asked_as for word in terms(phrasing)]
    return topic * 2 + [word for word in dict.fromkeys(words) if word not in topic]


def _phrasings(entry: Entry) -> list[str]:
    return list(entry.fact.asked_as) if entry.fact else []


PHRASING_WEIGHT = 0.2  # the nearest single phrasing's score, added to the whole entry's
UNSEEN_SHARE = 4  # a word no entry has weighs the rarest word's weight divided by this

Ranker = Callable[[list[list[str]]], Callable[[list[str]], list[float]]]


def bm25_ranker(documents: list[list[str]]) -> Callable[[list[str]], list[float]]:
    from rank_bm25 import BM25Okapi

    model = BM25Okapi(documents, k1=1.2, b=0.6)
    return lambda query: list(model.get_scores(query))


def tfidf_ranker(documents: list[list[str]]) -> Callable[[list[str]], list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    matrix = vectoriser.fit_transform(documents)
    return lambda query: list((matrix @ vectoriser.transform([query]).T).toarray().ravel())


RANKERS: dict[str, Ranker] = {"bm25": bm25_ranker, "tfidf": tfidf_ranker}


class FactIndex:
    def __init__(self, entries: Sequence[Entry], ranker: str = "bm25"):
        self.entries = list(entries)
        self._documents = [_document(e) for e in self.entries]
        self._vocabulary = [set(d) for d in self._documents]
        self._score = RANKERS[ranker](self._documents)
        # each phrasing (the topic, every `asked_as`) also on its own: a question close to one phrasing of a
        # long fact is not outweighed by a short fact that shares a word with it
        phrasings = [(i, terms(p)) for i, e in enumerate(self.entries) for p in _phrasings(e)]
        self._phrasing_owner = [i for i, words in phrasings if words]
        self._phrasing_score = RANKERS[ranker]([words for _, words in phrasings if words])
        count = len(self._documents)
        frequency: dict[str, int] = {}
        for words in self._vocabulary:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self._idf = {w: math.log(1 + count / n) for w, n in frequency.items()}
        # a word no entry has ("lined up") counts less than the rarest one: it may be noise or a sign
        # that the catalogue does not cover the question
        self._unseen_idf = math.log(1 + count) / UNSEEN_SHARE
        self._codes: dict[str, set[str]] = {}
        for entry in self.entries:
            if entry.fact:
                texts = [entry.topic, *(v.text for v in entry.fact.versions), *entry.fact.asked_as]
                self._codes.setdefault(entry.programme_id, set()).update(c for t in texts for c in other_visa_codes(t))

    def codes(self, programmes: Sequence[str]) -> set[str]:
        """The visa codes these programmes' facts mention ("F-5" in K-STAR's permanent residence)."""
        return {code for pid in programmes for code in self._codes.get(pid, ())}

    def topic_words(self, programmes: Sequence[str]) -> set[str]:
        """The words of the topics of these programmes' entries."""
        return {w for e in self.entries if e.programme_id in programmes for w in terms(e.topic)}

    def weight(self, word: str) -> float:
        return self._idf.get(word, self._unseen_idf)

    def search(
        self,
        question_terms: list[str],
        programmes: Sequence[str] | None = None,
        counted: list[str] | None = None,
        context: Sequence[str] = (),
        context_weight: float = 0.0,
        answered: str | None = None,
    ) -> list[Hit]:
        """Entries of `programmes` (all, when None) ranked for the question's words, best first; a hit's
        coverage counts the weight of the `counted` words only (all of them by default). The `context` words
        (what was answered last) add to the ranking, at most `context_weight` of the best score, never to
        the coverage: "when was that reported?" after the spouse rule. The entry `answered` last gets none of
        it: a follow-up asks for something else."""
        if not question_terms:
            return []
        scores = self._score(question_terms)
        if PHRASING_WEIGHT:
            nearest = [0.0] * len(self.entries)
            for owner, score in zip(self._phrasing_owner, self._phrasing_score(question_terms), strict=True):
                nearest[owner] = max(nearest[owner], float(score))
            scores = [s + PHRASING_WEIGHT * n for s, n in zip(scores, nearest, strict=True)]
        if context and context_weight:
            extra = self._score(list(context))
            top, top_extra = max(scores), max(extra)
            if top > 0 and top_extra > 0:
                scores = [
                    s + (0.0 if entry.id == answered else context_weight * top * e / top_extra)
                    for s, e, entry in zip(scores, extra, self.entries, strict=True)
                ]
        wanted = set(programmes) if programmes is not None else None
        unique = set(counted or question_terms)
        total = sum(self.weight(w) for w in unique)
        hits = [
            Hit(
                entry,
                float(score),
                sum(self.weight(w) for w in unique & vocabulary) / total,
                len(unique & vocabulary),
                frozenset(unique - vocabulary),
            )
            for entry, score, vocabulary in zip(self.entries, scores, self._vocabulary, strict=True)
            if wanted is None or entry.programme_id in wanted
        ]
        return sorted(hits, key=lambda h: (h.score, h.coverage), reverse=True)


def entries_of(
    programme: ProgrammeView, facts: list[FactView], unpublished: list[GapView]
) -> list[Entry]:
    """A programme's facts, what is not published yet, and what my sources don't cover."""
    found = [Entry(programme.id, f.aspect, f.topic, fact=f) for f in facts]
    found += [Entry(programme.id, g.aspect, g.topic, gap=g, published=False) for g in unpublished]
    found += [Entry(programme.id, g.aspect, g.topic, gap=g) for g in programme.not_covered]
    return found


def context_entries(facts: list[FactView]) -> list[Entry]:
    return [Entry(CONTEXT, f.aspect, f.topic, fact=f) for f in facts]
