"""Closed-loop load over REST: N users, each sends a conversation's messages one after another."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

from bench.long import cpu_seconds


@dataclass
class LoadResult:
    users: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    empty_replies: int = 0
    cpu_s: float = 0.0  # the servers' CPU time over the measured seconds (0 when no processes were given)
    finished: int = 0  # turns that ended within the measured seconds, whenever they started

    @classmethod
    def merged(cls, parts: list[LoadResult]) -> LoadResult:
        """One result from slices of the same level (their seconds and turns added up)."""
        return cls(
            users=parts[0].users, seconds=sum(p.seconds for p in parts),
            latencies_ms=[x for p in parts for x in p.latencies_ms],
            errors=sum(p.errors for p in parts), empty_replies=sum(p.empty_replies for p in parts),
            cpu_s=sum(p.cpu_s for p in parts), finished=sum(p.finished for p in parts),
        )

    @property
    def turns_per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_turn(self) -> float | None:
        """The servers' CPU time per turn: over the measured seconds, by the turns that ended in them (turns in
        flight at either end balance out)."""
        return self.cpu_s * 1000 / self.finished if self.cpu_s and self.finished else None

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(q) - 1]

    def summary(self) -> dict:
        return {
            "users": self.users,
            "turns": len(self.latencies_ms),
            "turns_per_s": round(self.turns_per_second, 2),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "errors": self.errors,
            "empty_replies": self.empty_replies,
            "cpu_ms_per_turn": round(self.cpu_ms_per_turn, 1) if self.cpu_ms_per_turn else None,
        }


async def _user(
    session: aiohttp.ClientSession, url: str, conversations: list[list[str]], offset: int,
    warmup_end: float, end: float, result: LoadResult,
) -> None:
    for conversation in itertools.islice(itertools.cycle(conversations), offset, None):
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        for message in conversation:
            if time.monotonic() >= end:
                return
            started = time.monotonic()
            try:
                async with session.post(url, json={"sender": sender, "message": message}) as response:
                    body = await response.json(content_type=None) if response.status == 200 else None
                    ok = response.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok, body = False, None
            finished = time.monotonic()
            if warmup_end <= finished <= end:
                result.finished += 1
            if started < warmup_end or finished > end:
                continue
            if not ok:
                result.errors += 1
                continue
            result.latencies_ms.append((finished - started) * 1000)
            if not body:
                result.empty_replies += 1


async def _cpu_over(pids: list[int], warmup_end: float, end: float, result: LoadResult) -> None:
    """The servers' CPU time from the end of the warm-up to the end of the measured seconds."""
    await asyncio.sleep(max(0.0, warmup_end - time.monotonic()))
    before = cpu_seconds(pids)
    await asyncio.sleep(max(0.0, end - time.monotonic()))
    result.cpu_s = cpu_seconds(pids) - before


async def run_load(
    rasa_url: str, conversations: list[list[str]], users: int, seconds: float, warmup: float = 2.0,
    pids: list[int] | None = None,
) -> LoadResult:
    """`users` closed-loop users for `seconds` after `warmup`; `pids`: the bot's server processes (CPU time)."""
    url = f"{rasa_url}/webhooks/rest/webhook"
    result = LoadResult(users=users, seconds=seconds)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=users)) as session:
        start = time.monotonic()
        warmup_end, end = start + warmup, start + warmup + seconds
        await asyncio.gather(
            _cpu_over(pids or [], warmup_end, end, result),
            *(_user(session, url, conversations, i, warmup_end, end, result) for i in range(users)),
        )
    return result
