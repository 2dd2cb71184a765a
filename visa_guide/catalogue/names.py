"""Finding a translated language's names in a message: programme, country and field names as
`CatalogueTexts.aliases` gives them.

Korean attaches particles to the word before them (비자가 / 비자를 / 비자는, 콜롬비아에서), so a name is found
where it starts a word, whatever follows it; the longest name wins where names overlap ("인도네시아인" over
"인도네시아"). Case and spacing are folded ("탑티어비자" is "탑티어 비자"). `matching.AliasIndex` stays the
English index: it keeps only Latin letters and digits, so it still reads the codes of a mixed message
("D-10 비자 연장").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACE.sub("", text.lower())


@dataclass(frozen=True)
class NameMatch:
    key: str  # programme id, country (English name) or field id
    name: str  # the name as the catalogue writes it
    start: int  # character offset in the message


class NameIndex:
    """Names by key; `find_all(text)` returns the keys named in `text`, in order."""

    def __init__(self, names: dict[str, list[str]]):
        self._names = sorted(
            ((_fold(name), key, name) for key, values in names.items() for name in values if _fold(name)),
            key=lambda item: -len(item[0]),
        )

    def find_all(self, text: str) -> list[NameMatch]:
        # fold the text, keeping each folded character's offset in the original
        offsets = [i for i, c in enumerate(text) if not c.isspace()]
        folded = _fold(text)
        taken = [False] * len(folded)
        found: list[NameMatch] = []
        for needle, key, name in self._names:
            start = folded.find(needle)
            while start != -1:
                end = start + len(needle)
                word_start = offsets[start] == 0 or not text[offsets[start] - 1].isalnum()
                if word_start and not any(taken[start:end]):
                    taken[start:end] = [True] * len(needle)
                    found.append(NameMatch(key, name, offsets[start]))
                start = folded.find(needle, start + 1)
        return sorted(found, key=lambda match: match.start)

    def keys_in(self, text: str) -> list[str]:
        return list(dict.fromkeys(match.key for match in self.find_all(text)))
