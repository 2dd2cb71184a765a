"""The long-conversation level: one sender sends many turns, cycling a few ordinary messages.

It shows whether a turn costs more the longer the conversation gets: the median of the last turns against
the median of the first ones (both in the same run, against the same server). The replies are kept, so a
change meant to be invisible can be checked to give the same answers (`python -m bench.long`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
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


async def run_long(rasa_url: str, cycle: list[str], turns: int, window: int) -> dict:
    """Sends `turns` messages from one new sender; returns the latencies, the replies and the two medians."""
    url = f"{rasa_url}/webhooks/rest/webhook"
    sender = f"bench-long-{uuid.uuid4().hex[:12]}"
    latencies: list[float] = []
    replies: list[list[dict]] = []
    errors = 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for turn in range(turns):
            message = cycle[turn % len(cycle)]
            started = time.monotonic()
            try:
                async with session.post(url, json={"sender": sender, "message": message}) as response:
                    body = await response.json(content_type=None) if response.status == 200 else None
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                body = None
            latencies.append((time.monotonic() - started) * 1000)
            if body is None:
                errors += 1
            replies.append(body or [])
    return summarise(latencies, replies, errors, window)


def summarise(latencies: list[float], replies: list[list[dict]], errors: int, window: int) -> dict:
    first = statistics.median(latencies[:window])
    last = statistics.median(latencies[-window:])
    return {
        "turns": len(latencies),
        "window": window,
        "first_p50_ms": round(first, 1),
        "last_p50_ms": round(last, 1),
        "growth": round(last / first, 2) if first else None,
        "errors": errors,
        "empty_replies": sum(1 for reply in replies if not reply),
        "latencies_ms": [round(x, 1) for x in latencies],
        "replies": [[message.get("text", "") for message in reply] for reply in replies],
    }


def main() -> int:
    """Runs the level against an already running server, e.g. to compare replies before and after a change."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", help="Rasa's base URL, e.g. http://127.0.0.1:5105")
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--window", type=int, default=20)
    parser.add_argument("--rasa-init", action="store_true", help="use the rasa init bot's messages")
    parser.add_argument("--out", type=Path, help="write the whole result (latencies, replies) as JSON here")
    args = parser.parse_args()
    cycle = RASA_INIT_CYCLE if args.rasa_init else OURS_CYCLE
    result = asyncio.run(run_long(args.url, cycle, args.turns, args.window))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    print({k: v for k, v in result.items() if k not in ("latencies_ms", "replies")})
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
