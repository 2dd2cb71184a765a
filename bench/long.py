"""The long-conversation level: one sender sends many turns, cycling a few ordinary messages.

It shows whether a turn costs more the longer the conversation gets, three ways:

- wall clock, last turns against first turns (turns 281-300 against 1-20 at the defaults): what the user
  waits, but on a shared machine the two windows are minutes apart, and the machine's load moves in between;
- wall clock, last turns against a fresh sender's first turns sent in between them (same messages, same
  minute): the long conversation's cost against a short one's under the same load;
- the servers' CPU time per turn (utime + stime from /proc/<pid>/stat, summed over the bot's processes,
  read before and after each turn; the client sends one turn at a time), last turns against first turns.
  A process's CPU seconds barely move with other work on the machine, so this is the measure the bench's
  verdict uses.

The replies are kept, so a change meant to be invisible can be checked to give the same answers
(`python -m bench.long`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

# six ordinary messages per bot, sent in a cycle by one sender
OURS_CYCLE: list[str] = [
    "what is the top tier visa?", "who can apply for it?", "tell me about the youth dream visa",
    "is vietnam eligible?", "what is the F-2-R visa?", "how do I apply?",
]
RASA_INIT_CYCLE: list[str] = [
    "hi", "I am sad", "yes", "are you a bot?", "I am feeling great", "bye",
]
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, all threads) the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / TICKS_PER_S


@dataclass
class Turns:
    """The turns of one sender: each one's latency, the servers' CPU time during it, and its reply."""

    latencies_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    replies: list[list[dict]] = field(default_factory=list)
    errors: int = 0


async def send(session: aiohttp.ClientSession, url: str, sender: str, message: str, pids: list[int],
               into: Turns) -> None:
    cpu_before, started = cpu_seconds(pids), time.monotonic()
    try:
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            body = await response.json(content_type=None) if response.status == 200 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        body = None
    into.latencies_ms.append((time.monotonic() - started) * 1000)
    into.cpu_ms.append((cpu_seconds(pids) - cpu_before) * 1000)
    if body is None:
        into.errors += 1
    into.replies.append(body or [])


async def run_long(rasa_url: str, cycle: list[str], turns: int, window: int, pids: list[int]) -> dict:
    """Sends `turns` messages from one new sender and, after each of the last `window`, the same turn of a
    fresh sender's conversation (its turns 1..window, the messages of the long one's first turns).
    `pids`: the bot's server processes. Returns the summary, the latencies, CPU times and replies."""
    url = f"{rasa_url}/webhooks/rest/webhook"
    tag = uuid.uuid4().hex[:12]
    long, fresh = Turns(), Turns()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for turn in range(turns):
            await send(session, url, f"bench-long-{tag}", cycle[turn % len(cycle)], pids, long)
            fresh_turn = turn - (turns - window)
            if fresh_turn >= 0:
                await send(session, url, f"bench-fresh-{tag}", cycle[fresh_turn % len(cycle)], pids, fresh)
    return summarise(long, fresh, window)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def summarise(long: Turns, fresh: Turns, window: int) -> dict:
    first, last = statistics.median(long.latencies_ms[:window]), statistics.median(long.latencies_ms[-window:])
    fresh_p50 = statistics.median(fresh.latencies_ms) if fresh.latencies_ms else 0.0
    # CPU: the mean (a sum over the window), as each turn's reading is in clock ticks (10 ms)
    first_cpu, last_cpu = statistics.mean(long.cpu_ms[:window]), statistics.mean(long.cpu_ms[-window:])
    fresh_cpu = statistics.mean(fresh.cpu_ms) if fresh.cpu_ms else 0.0
    return {
        "turns": len(long.latencies_ms),
        "window": window,
        "first_p50_ms": round(first, 1),
        "last_p50_ms": round(last, 1),
        "fresh_p50_ms": round(fresh_p50, 1),
        "growth": _ratio(last, first),
        "growth_vs_fresh": _ratio(last, fresh_p50),
        "first_cpu_ms": round(first_cpu, 1),
        "last_cpu_ms": round(last_cpu, 1),
        "fresh_cpu_ms": round(fresh_cpu, 1),
        "cpu_growth": _ratio(last_cpu, first_cpu),
        "cpu_vs_fresh": _ratio(last_cpu, fresh_cpu),
        "errors": long.errors + fresh.errors,
        "empty_replies": sum(1 for reply in long.replies + fresh.replies if not reply),
        "latencies_ms": [round(x, 1) for x in long.latencies_ms],
        "cpu_ms": [round(x, 1) for x in long.cpu_ms],
        "replies": [[message.get("text", "") for message in reply] for reply in long.replies],
        "fresh_replies": [[message.get("text", "") for message in reply] for reply in fresh.replies],
    }


def main() -> int:
    """Runs the level against an already running server, e.g. to compare replies before and after a change."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="Rasa's base URL, e.g. http://127.0.0.1:5105")
    parser.add_argument("--pids", default="", help="the server processes' ids, comma-separated (for CPU time)")
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--window", type=int, default=20)
    parser.add_argument("--rasa-init", action="store_true", help="use the rasa init bot's messages")
    parser.add_argument("--out", type=Path, help="write the whole result (latencies, replies) as JSON here")
    args = parser.parse_args()
    cycle = RASA_INIT_CYCLE if args.rasa_init else OURS_CYCLE
    pids = [int(pid) for pid in args.pids.split(",") if pid]
    result = asyncio.run(run_long(args.url, cycle, args.turns, args.window, pids))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    print({k: v for k, v in result.items() if not isinstance(v, list)})
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
