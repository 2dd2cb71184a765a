"""Finding names in free text: exact alias matches first, then close matches that tolerate typos."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_TOKENS = 120  # longer messages are searched in their first 120 words only


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation folded to single spaces ("Türkiye" -> "turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


@dataclass(frozen=True)
class Match:
    key: str
    alias: str
    start: int  # token position in the normalised text
    score: float


def _codes_agree(alias: tuple[str, ...], phrase: list[str]) -> bool:
    """A typo is tolerated in words, never in a code: "e 2 visa" is not "d 2 visa"."""
    return all(token in phrase for token in alias if len(token) == 1 or any(c.isdigit() for c in token))


class AliasIndex:
    """Maps aliases to keys (a programme id, a country name...) and finds them in text."""

    def __init__(self, aliases: list[tuple[str, str]], min_fuzzy_length: int = 6, cutoff: float = 0.84):
        self.min_fuzzy_length = min_fuzzy_length
        self.cutoff = cutoff
        self._by_alias: dict[tuple[str, ...], str] = {}
        for key, alias in aliases:
            tokens = tuple(normalise(alias).split())
            if tokens:
                self._by_alias.setdefault(tokens, key)
        self._lengths = sorted({len(t) for t in self._by_alias}, reverse=True)

    def lookup(self, text: str) -> str | None:
        """The key for `text` as a whole (an entity value): exact, else the closest alias."""
        tokens = tuple(normalise(text).split())
        if not tokens:
            return None
        if tokens in self._by_alias:
            return self._by_alias[tokens]
        best = self._closest(" ".join(tokens))
        if best:
            return best[0]
        found = self.find_all(text)
        return found[0].key if found else None

    def find_all(self, text: str) -> list[Match]:
        """Every alias mentioned in `text`, longest first where they overlap, in order of appearance."""
        tokens = normalise(text).split()[:MAX_TOKENS]
        taken = [False] * len(tokens)
        matches: list[Match] = []
        for exact in (True, False):
            for length in self._lengths:
                for start in range(len(tokens) - length + 1):
                    if any(taken[start : start + length]):
                        continue
                    window = tuple(tokens[start : start + length])
                    match = self._match_window(window, exact)
                    if match:
                        matches.append(Match(match[0], match[1], start, match[2]))
                        taken[start : start + length] = [True] * length
        return sorted(matches, key=lambda mt: mt.start)

    def _match_window(self, window: tuple[str, ...], exact: bool) -> tuple[str, str, float] | None:
        if exact:
            key = self._by_alias.get(window)
            if key is None and len(window[-1]) > 3 and window[-1].endswith("s"):
                key = self._by_alias.get((*window[:-1], window[-1][:-1]))  # "Greeks", "Turks", "visas"
            return (key, " ".join(window), 1.0) if key else None
        phrase = " ".join(window)
        if len(phrase) < self.min_fuzzy_length:
            return None
        return self._closest(phrase, same_length=len(window))

    def _closest(self, phrase: str, same_length: int | None = None) -> tuple[str, str, float] | None:
        best: tuple[str, str, float] | None = None
        for tokens, key in self._by_alias.items():
            if same_length is not None and len(tokens) != same_length:
                continue
            alias = " ".join(tokens)
            if len(alias) < self.min_fuzzy_length or abs(len(alias) - len(phrase)) > max(2, len(alias) // 4):
                continue
            if not _codes_agree(tokens, phrase.split()):
                continue
            matcher = SequenceMatcher(None, phrase, alias)
            if matcher.quick_ratio() < self.cutoff:
                continue
            score = matcher.ratio()
            if score >= self.cutoff and (best is None or score > best[2]):
                best = (key, alias, score)
        return best
