"""The answer set (tests/answers/*.yml) and how a reply is judged against it.

A question's `expect` names catalogue entries: `<programme>/<topic>` (a fact), `context/<topic>`,
`country/<Name>` (the Youth Dream country check) and `contacts/<id>`. A reply is right when every expected
entry is in it and the first catalogue fact it shows, within its first two lines, is an expected one. A
not-covered question is right when the reply says my sources don't cover it (or that it is not published)
and gives 1345 and HiKorea, with no programme picker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from visa_guide.catalogue.queries import Catalogue

ROOT = Path(__file__).resolve().parent.parent
ANSWER_DIR = ROOT / "tests" / "answers"
LINK = re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")
NOT_COVERED_MARKERS = ("don't cover", "not published", "nothing has been published")
# replies that ask for everything are left out of the length figures
ASKS_FOR_EVERYTHING = re.compile(r"\b(?:everything|all the (?:rules|requirements|details)|recommend|suggest)\b", re.I)


def visible(text: str) -> str:
    """What a reader sees: links as their names, no Markdown emphasis, single spaces."""
    return re.sub(r"[ \t]+", " ", LINK.sub(r"\1", text).replace("**", ""))


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", visible(text)).strip().lower()


@dataclass(frozen=True)
class Question:
    text: str
    expect: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    not_covered: bool = False
    where: str = ""


@dataclass(frozen=True)
class Chain:
    name: str
    turns: tuple[Question, ...]


@dataclass
class AnswerSet:
    questions: list[Question] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    not_covered: list[Question] = field(default_factory=list)


def _question(item: dict, where: str) -> Question:
    return Question(
        str(item["q"]),
        tuple(item.get("expect") or ()),
        tuple(item.get("before") or ()),
        bool(item.get("not_covered")),
        where,
    )


def load_answer_set(directory: Path = ANSWER_DIR) -> AnswerSet:
    found = AnswerSet()
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text()) or {}
        found.questions += [_question(q, path.name) for q in data.get("questions") or []]
        found.not_covered += [
            Question(str(q["q"]), (), tuple(q.get("before") or ()), True, path.name)
            for q in data.get("not_covered") or []
        ]
        for chain in data.get("chains") or []:
            turns = tuple(_question(t, f"{path.name}: {chain['name']}") for t in chain["turns"])
            found.chains.append(Chain(str(chain["name"]), turns))
    return found


class Judge:
    """Knows every catalogue entry's text, so it can tell which entry a reply leads with."""

    def __init__(self, cat: Catalogue):
        self.facts: dict[str, list[str]] = {}
        for programme in cat.programmes():
            for fact in cat.facts(programme.id):
                self.facts.setdefault(f"{programme.id}/{fact.topic}", []).extend(plain(v.text) for v in fact.versions)
        for fact in cat.context_facts():
            self.facts.setdefault(f"context/{fact.topic}", []).extend(plain(v.text) for v in fact.versions)
        self.contacts = {c.id: [plain(x) for x in (c.phone, c.url, c.name) if x] for c in cat.contacts()}

    def known(self, entry: str) -> bool:
        kind, _, name = entry.partition("/")
        if kind == "country":
            return bool(name)
        if kind == "contacts":
            return name in self.contacts
        return entry in self.facts

    def _first_fact(self, reply: str) -> tuple[int, set[str]]:
        """Where the first catalogue fact starts in the reply, and every entry whose text is found there."""
        best, ids = len(reply) + 1, set()
        for entry, texts in self.facts.items():
            for text in texts:
                at = reply.find(text)
                if at == -1:
                    continue
                if at < best:
                    best, ids = at, {entry}
                elif at == best:
                    ids.add(entry)
        return best, ids

    def _has(self, reply: str, entry: str) -> bool:
        kind, _, name = entry.partition("/")
        if kind == "country":
            return name.lower() in reply
        if kind == "contacts":
            return any(x in reply for x in self.contacts.get(name, []))
        return any(text in reply for text in self.facts.get(entry, []))

    def judge(self, question: Question, reply_text: str, buttons: int = 0) -> str | None:
        """None when the reply is right, else why not."""
        lines = [plain(line) for line in visible(reply_text).splitlines() if line.strip()]
        reply = " ".join(lines)
        if question.not_covered:
            if not any(marker in reply for marker in NOT_COVERED_MARKERS):
                return "does not say my sources don't cover it"
            if "1345" not in reply or "hikorea" not in reply:
                return "does not give 1345 and HiKorea"
            if "which programme" in reply or buttons > 3:
                return "offers a programme picker"
            return None
        missing = [e for e in question.expect if not self._has(reply, e)]
        if missing:
            return f"missing {', '.join(missing)}"
        head = " ".join(lines[:2])
        facts = [e for e in question.expect if e.split("/")[0] not in ("country", "contacts")]
        others = [e for e in question.expect if e not in facts]
        if others and not facts:
            return None if any(self._has(head, e) for e in others) else "the expected entry is not in the first lines"
        at, ids = self._first_fact(reply)
        if at >= len(head) + 1:
            return "no fact in the first two lines"
        if not ids & set(question.expect):
            return f"leads with {', '.join(sorted(ids))}"
        return None


def length_counted(question: Question) -> bool:
    return not ASKS_FOR_EVERYTHING.search(question.text)
