"""The lock test of tests/prod/test_concurrency.py with each lock store and tracker store (`make prod-lock-compare`).

    python scripts/compare_lock_stores.py [--conversations 20] [--runs atomic/concurrent,rasa/rasa,...] [--repeat N]

First, at the level of the lock alone: two threads standing for two instances, each with its own lock store,
run 100 short read-modify-write sections under the lock over 5 conversations (`lock_level`). Then each
end-to-end run starts the whole production topology on free ports, sends N conversations x 5 messages at the same
moment through nginx, and counts, per conversation, user messages stored twice or missing, and turns that
overlapped another turn of the same conversation (a user message followed by the next one before any bot
reply). Writes results/prod/lock-comparison.json and prints a table. Rasa's RedisLockStore is expected to
fail: it reads, changes and writes its ticket lock without atomicity (RasaHQ/rasa#9213).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import redis
from rasa.core.lock_store import LockStore, RedisLockStore

from runtime.channels.guard import nothing_came_back
from runtime.prod.lock_store import AtomicRedisLockStore
from runtime.prod.services import Redis
from runtime.stack import free_port
from tests.prod.conftest import (
    CONVERSATION,
    prod_work_dir,
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


def lock_level(store_name: str, instances: int = 2, turns: int = 100, conversations: int = 5) -> dict:
    """Two "instances" (threads, each with its own event loop and lock store) run `turns` short critical sections
    over `conversations` conversations; counts sections entered while another holder was inside, sections that
    never got the lock, and lost updates of a read-modify-write in Redis made under the lock. With Rasa's store a
    ticket lost in a race blocks its conversation until it expires (60 s): a run can take minutes."""
    work = prod_work_dir()
    server = Redis("redis", free_port(), work / "logs", data_dir=work / "redis")
    server.start()
    inside: Counter = Counter()
    guard = threading.Lock()
    overlaps, failed = [0], [0]
    try:
        def make_store() -> LockStore:
            if store_name == "atomic":
                return AtomicRedisLockStore(url=server.url)
            return RedisLockStore(host=server.host, port=server.port, db=1)

        async def section(store: LockStore, counter: redis.Redis, conversation: str) -> None:
            async with store.lock(conversation, wait_time_in_seconds=0.01):
                with guard:
                    overlaps[0] += inside[conversation] > 0
                    inside[conversation] += 1
                value = int(counter.get(f"count:{conversation}") or 0)
                await asyncio.sleep(0.002)
                counter.set(f"count:{conversation}", value + 1)
                with guard:
                    inside[conversation] -= 1

        def instance(index: int) -> None:
            store, counter = make_store(), redis.Redis(host=server.host, port=server.port, db=2)

            async def run() -> None:
                outcomes = await asyncio.gather(*(section(store, counter, f"c{(index + i) % conversations}")
                                                  for i in range(turns // instances)), return_exceptions=True)
                with guard:
                    failed[0] += sum(isinstance(outcome, Exception) for outcome in outcomes)
            asyncio.run(run())

        started = time.monotonic()
        threads = [threading.Thread(target=instance, args=(i,)) for i in range(instances)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        counter = redis.Redis(host=server.host, port=server.port, db=2)
        counted = sum(int(counter.get(f"count:c{i}") or 0) for i in range(conversations))
        return {"lock_store": store_name, "sections": turns, "seconds": round(time.monotonic() - started, 1),
                "overlapping_sections": overlaps[0], "failed_to_lock": failed[0],
                "lost_updates": turns - failed[0] - counted}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--runs", default=DEFAULT_RUNS,
                        help="comma-separated lock_store/tracker_store pairs (atomic|rasa / concurrent|rasa)")
    parser.add_argument("--repeat", type=int, default=1, help="run each pair this many times")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "prod" / "lock-comparison.json")
    args = parser.parse_args(argv)
    locks = [lock_level(name) for name in ("rasa", "atomic") for _ in range(args.repeat)]
    for row in locks:
        print(json.dumps(row), flush=True)
    rows = []
    for run in args.runs.split(",") * args.repeat:
        lock_store, tracker_store = run.split("/")
        rows.append(measure(lock_store, tracker_store, args.conversations))
        print(json.dumps(rows[-1]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"lock_level": locks, "end_to_end": rows}, indent=2) + "\n")
    print(f"\n{'lock store':<10} {'sections':>8} {'overlapping':>11} {'no lock':>7} {'lost updates':>12}")
    for r in locks:
        print(f"{r['lock_store']:<10} {r['sections']:>8} {r['overlapping_sections']:>11} {r['failed_to_lock']:>7} "
              f"{r['lost_updates']:>12}")
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
