"""The lock test of tests/prod/test_concurrency.py with each lock store and tracker store (`make prod-lock-compare`).

    python scripts/compare_lock_stores.py [--conversations 20] [--runs atomic/concurrent,rasa/rasa,...]

Each run starts the whole production topology on free ports, sends N conversations x 5 messages at the same
moment through nginx, and counts, per conversation, user messages stored twice or missing, and turns that
overlapped another turn of the same conversation (a user message followed by the next one before any bot
reply). Writes results/prod/lock-comparison.json and prints a table. Rasa's RedisLockStore is expected to
fail: it reads, changes and writes its ticket lock without atomicity (RasaHQ/rasa#9213).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from runtime.channels.guard import nothing_came_back
from tests.prod.conftest import (
    CONVERSATION,
    remove_prod,
    send_all_at_once,
    start_prod,
    tracker,
    turns_with_replies,
    user_texts,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUNS = "rasa/rasa,atomic/rasa,rasa/concurrent,atomic/concurrent"


def measure(lock_store: str, tracker_store: str, conversations: int) -> dict:
    stack = start_prod(lock_store, tracker_store)
    try:
        started = time.monotonic()
        senders, results = send_all_at_once(stack.config.url, conversations, CONVERSATION)
        elapsed = time.monotonic() - started
        duplicated = missing = overlapping = wrong = 0
        for sender in senders:
            events = tracker(stack, sender)["events"]
            counts = Counter(user_texts(events))
            duplicated += sum(n - 1 for n in counts.values() if n > 1)
            missing += sum(1 for text in CONVERSATION if counts[text] == 0)
            turns = turns_with_replies(events)
            overlapping += sum(1 for _, replies in turns if replies == 0)
            wrong += int(sorted(counts.elements()) != sorted(CONVERSATION) or any(r == 0 for _, r in turns))
        return {
            "lock_store": lock_store,
            "tracker_store": tracker_store,
            "messages": len(results),
            "seconds": round(elapsed, 1),
            "http_errors": sum(1 for _, status, _ in results if status != 200),
            "apologies": sum(1 for _, status, text in results if status == 200 and text == nothing_came_back()),
            "conversations_wrong": wrong,
            "user_messages_duplicated": duplicated,
            "user_messages_missing": missing,
            "turns_overlapping": overlapping,
        }
    finally:
        remove_prod(stack)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--runs", default=DEFAULT_RUNS,
                        help="comma-separated lock_store/tracker_store pairs (atomic|rasa / concurrent|rasa)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "prod" / "lock-comparison.json")
    args = parser.parse_args(argv)
    rows = []
    for run in args.runs.split(","):
        lock_store, tracker_store = run.split("/")
        rows.append(measure(lock_store, tracker_store, args.conversations))
        print(json.dumps(rows[-1]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"\n{'lock store':<10} {'tracker store':<14} {'wrong conv.':>11} {'dup.':>5} {'missing':>7} "
          f"{'overlap':>7} {'apol.':>5} {'s':>6}")
    for r in rows:
        print(f"{r['lock_store']:<10} {r['tracker_store']:<14} {r['conversations_wrong']:>11} "
              f"{r['user_messages_duplicated']:>5} {r['user_messages_missing']:>7} {r['turns_overlapping']:>7} "
              f"{r['apologies']:>5} {r['seconds']:>6}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
