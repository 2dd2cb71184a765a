"""Measures the answer search alone (no NLU, no servers): for each answer-set question, does
`visa_guide.assistant.respond` lead with the expected fact? Once per ranker, so they can be compared.

    python scripts/measure_rankers.py [--ranker bm25 --ranker tfidf] [--misses]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.answer_set import Judge, Question, load_answer_set  # noqa: E402
from visa_guide.assistant import (  # noqa: E402
    Turn,
    decide,  # noqa: E402
    respond,
)
from visa_guide.catalogue import Catalogue, load_catalogue  # noqa: E402
from visa_guide.catalogue.db import make_engine  # noqa: E402


def ask(cat: Catalogue, questions: list[Question]) -> list[tuple[Question, str]]:
    """Each question after its `before` messages, with the slots the replies set carried along."""
    slots: dict = {}
    replies = []
    for question in questions:
        for text in (*question.before, question.text):
            reply = respond(Turn(text, slots=dict(slots)), cat)
            if reply:
                slots.update(reply.slots)
        replies.append((question, reply.messages[0].text if reply else ""))
    return replies


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ranker", action="append", choices=["bm25", "tfidf"])
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/catalogue.db"
        load_catalogue(ROOT / "catalogue", make_engine(url))
        cat = Catalogue.from_url(url)
        judge = Judge(cat)
        answer_set = load_answer_set()
        for ranker in args.ranker or ["bm25", "tfidf"]:
            decide.RANKER = ranker
            results = [r for q in answer_set.questions for r in ask(cat, [q])]
            for chain in answer_set.chains:
                results += ask(cat, list(chain.turns))
            results += [r for q in answer_set.not_covered for r in ask(cat, [q])]
            misses = [(q, text, why) for q, text in results if (why := judge.judge(q, text))]
            right = len(results) - len(misses)
            print(f"{ranker}: {right} of {len(results)} right ({right / len(results):.3f})")
            if args.misses:
                for q, text, why in misses:
                    print(f"  - {q.text!r} [{', '.join(q.expect) or 'not covered'}]: {why} | {text[:150]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
