"""`make eval-answers`: the answer set (tests/answers/) asked over REST of the real servers, judged by the
answers, not by intent labels.

Prints the fact-correct, chain-correct and not-covered-correct rates and the median and 90th-percentile
reply length (what a reader sees: links count as their names; replies to requests for everything are left
out), writes results/answers/summary.json and misses.txt, and fails below the given targets.

    python scripts/eval_answers.py [--url http://localhost:5005] [--min-rate 0.95 --max-median 400 --max-p90 900]

Without --url it starts its own action server and Rasa on free ports, on a fresh catalogue and tracker store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runtime.stack import Stack, StackConfig, reserved_ports  # noqa: E402
from scripts.answer_set import (  # noqa: E402
    ANSWER_DIR,
    Judge,
    Question,
    length_counted,
    load_answer_set,
    visible,
)
from visa_guide.catalogue import Catalogue, load_catalogue  # noqa: E402
from visa_guide.catalogue.db import make_engine  # noqa: E402

RESULTS = ROOT / "results" / "answers"
WORKERS = 4


class Conversation:
    def __init__(self, rasa_url: str):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"answers-{uuid.uuid4().hex[:12]}"
        self.http = requests.Session()

    def say(self, text: str) -> tuple[str, int]:
        response = self.http.post(self.url, json={"sender": self.sender, "message": text}, timeout=60)
        response.raise_for_status()
        messages = response.json()
        return "\n".join(m.get("text") or "" for m in messages), sum(len(m.get("buttons") or []) for m in messages)


def ask_in_turn(rasa_url: str, questions: list[Question]) -> list[tuple[Question, str, int]]:
    """The questions in one conversation, each after its `before` messages."""
    conversation = Conversation(rasa_url)
    replies = []
    for question in questions:
        for text in question.before:
            conversation.say(text)
        replies.append((question, *conversation.say(question.text)))
    return replies


def percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))]) if ordered else 0.0


def evaluate(rasa_url: str, judge: Judge, folder: Path = ANSWER_DIR) -> dict:
    answer_set = load_answer_set(folder)
    jobs = [("questions", [q]) for q in answer_set.questions]
    jobs += [("chains", list(chain.turns)) for chain in answer_set.chains]
    jobs += [("not_covered", [q]) for q in answer_set.not_covered]
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(lambda job: (job[0], ask_in_turn(rasa_url, job[1])), jobs))
    counts = {kind: [0, 0] for kind in ("questions", "chains", "not_covered")}
    lengths: list[int] = []
    misses: list[str] = []
    for kind, replies in outcomes:
        wrong = [(q, text, why) for q, text, buttons in replies if (why := judge.judge(q, text, buttons))]
        counts[kind][0] += not wrong
        counts[kind][1] += 1
        lengths += [len(visible(text)) for q, text, _ in replies if length_counted(q)]
        for q, text, why in wrong:
            expected = ", ".join(q.expect) or "not covered"
            misses.append(f"[{kind}] {q.where}\n  Q: {q.text}\n  expected: {expected}\n  {why}\n  A: {text!r}\n")
    rates = {kind: right / total if total else 1.0 for kind, (right, total) in counts.items()}
    return {
        "fact_correct": rates["questions"],
        "chain_correct": rates["chains"],
        "not_covered_correct": rates["not_covered"],
        "counts": {kind: {"right": right, "total": total} for kind, (right, total) in counts.items()},
        "reply_length_median": statistics.median(lengths) if lengths else 0,
        "reply_length_p90": percentile(lengths, 0.9),
        "reply_length_max": max(lengths, default=0),
        "replies_measured": len(lengths),
        "misses": misses,
    }


# the fresh set (tests/answers/fresh/) is written apart and never tuned against: it is reported, not enforced
FRESH_DIR = ANSWER_DIR / "fresh"


def evaluate_sets(rasa_url: str, judge: Judge) -> dict[str, dict]:
    summaries = {"main": evaluate(rasa_url, judge)}
    if FRESH_DIR.is_dir():
        summaries["fresh"] = evaluate(rasa_url, judge, FRESH_DIR)
    return summaries


def report(summary: dict, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    misses = summary.pop("misses")
    (folder / "misses.txt").write_text("\n".join(misses))
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{name} answer set ({'the headline measure' if name == 'main' else 'written apart, never tuned on'}):")
    for kind, label in (("questions", "fact-correct"), ("chains", "chain-correct"), ("not_covered", "not-covered")):
        c = summary["counts"][kind]
        print(f"  {label:14} {c['right'] / max(c['total'], 1):.3f}  ({c['right']} of {c['total']})")
    print(
        f"  reply length   median {summary['reply_length_median']:.0f}, 90th percentile "
        f"{summary['reply_length_p90']:.0f}, longest {summary['reply_length_max']} characters "
        f"({summary['replies_measured']} replies)"
    )
    print(f"  misses: {folder / 'misses.txt'} ({len(misses)})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a running Rasa server (default: start one)")
    parser.add_argument("--min-rate", type=float, default=0.0, help="the least for each of the three rates")
    parser.add_argument("--min-fact", type=float, default=0.0)
    parser.add_argument("--min-chain", type=float, default=0.0)
    parser.add_argument("--min-not-covered", type=float, default=0.0)
    parser.add_argument("--max-median", type=float, default=float("inf"))
    parser.add_argument("--max-p90", type=float, default=float("inf"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kvg-answers-") as folder:
        work = Path(folder)
        database_url = f"sqlite:///{work / 'catalogue.db'}"
        load_catalogue(ROOT / "catalogue", make_engine(database_url))
        judge = Judge(Catalogue.from_url(database_url))
        if args.url:
            summaries = evaluate_sets(args.url, judge)
        else:
            with reserved_ports(2) as (rasa_port, action_port):
                stack = Stack(
                    StackConfig(
                        rasa_port=rasa_port,
                        action_port=action_port,
                        work_dir=work,
                        database_url=database_url,
                        tracker_url=f"sqlite:///{work / 'tracker.db'}",
                    )
                )
                stack.start()
            try:
                summaries = evaluate_sets(stack.config.rasa_url, judge)
            finally:
                stack.stop()
    for name, summary in summaries.items():
        report(summary, RESULTS / name if name != "main" else RESULTS, name)
    summary = summaries["main"]
    failed = [
        name
        for name, bad in (
            ("fact-correct", summary["fact_correct"] < max(args.min_rate, args.min_fact)),
            ("chain-correct", summary["chain_correct"] < max(args.min_rate, args.min_chain)),
            ("not-covered", summary["not_covered_correct"] < max(args.min_rate, args.min_not_covered)),
            ("median length", summary["reply_length_median"] > args.max_median),
            ("90th-percentile length", summary["reply_length_p90"] > args.max_p90),
        )
        if bad
    ]
    if failed:
        print("below target: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
