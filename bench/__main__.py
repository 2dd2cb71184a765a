"""`make bench`: trains our assistant and a `rasa init` bot from empty caches, serves both, loads both.

    python -m bench                       # the full run (about 5 minutes on 2 cores)
    python -m bench --smoke               # tiny durations, reuses models/current.tar.gz (a harness check)

Both bots are served at once, and each load level alternates between them in slices (--rounds), so that
a drift in the shared machine's load hits both alike. Then each gets the long-conversation level
(bench/long.py): one sender, 300 turns, with a fresh sender's turns beside its last 20, and the servers'
CPU time per turn. Writes results/bench/bench.md, bench.json, latency.png and
long-conversation.json (every turn's latency, CPU time and replies), and prints the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import bots, report
from bench.conversations import OURS, RASA_INIT
from bench.load import LoadResult, run_load
from bench.long import OURS_CYCLE, RASA_INIT_CYCLE, run_long

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor() or "unknown CPU",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"


def load_levels(
    runs: list[tuple[str, str, list[list[str]], list[int]]], users: list[int], seconds: float, warmup: float,
    rounds: int,
) -> dict[str, list[dict]]:
    """Each level of closed-loop users for every bot, interleaved: `rounds` slices of seconds/rounds per bot,
    the bots' order alternating, so that both see the same machine (it is shared, and its load drifts)."""
    levels: dict[str, list[dict]] = {name: [] for name, *_ in runs}
    for n in users:
        parts: dict[str, list[LoadResult]] = {name: [] for name, *_ in runs}
        for round_ in range(rounds):
            order = runs if round_ % 2 == 0 else runs[::-1]
            for name, url, conversations, pids in order:
                slice_warmup = warmup if round_ == 0 else min(warmup, 0.5)
                parts[name].append(asyncio.run(run_load(url, conversations, n, seconds / rounds, slice_warmup, pids)))
        for name in levels:
            levels[name].append(LoadResult.merged(parts[name]).summary())
    return levels


def long_level(url: str, cycle: list[str], turns: int, window: int, pids: list[int]) -> tuple[dict, dict]:
    """The long conversation's summary, and the whole run (every turn's latency, CPU time and replies)."""
    long = asyncio.run(run_long(url, cycle, turns, window, pids))
    return {k: v for k, v in long.items() if not isinstance(v, list)}, long


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=12, help="measured seconds per load level")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--users", default="1,4,16", help="closed-loop users per level, comma-separated")
    parser.add_argument("--rounds", type=int, default=4, help="slices per level, alternating between the bots")
    parser.add_argument("--long-turns", type=int, default=300, help="turns of the long-conversation level")
    parser.add_argument("--long-window", type=int, default=20, help="first and last turns compared in it")
    parser.add_argument("--reuse-model", type=Path, help="serve this model of ours instead of training one")
    parser.add_argument("--smoke", action="store_true", help="a quick check of the harness: 1 s levels of 1 and "
                        "2 users, our current model reused")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "bench")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.warmup, args.users, args.rounds = 1.0, 0.5, "1,2", 2
        args.long_turns, args.long_window = 24, 5
        args.reuse_model = args.reuse_model or ROOT / "models" / "current.tar.gz"
        args.out = args.out / "smoke"
    users = [int(n) for n in args.users.split(",")]
    started = time.monotonic()
    result: dict = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": {"seconds_per_level": args.seconds, "warmup_s": args.warmup, "users": users,
                     "rounds": args.rounds, "long_turns": args.long_turns, "long_window": args.long_window,
                     "reused_model": str(args.reuse_model) if args.reuse_model else None},
        "bots": {},
    }
    long_runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kvg-bench-") as tmp:
        work = Path(tmp)
        project = bots.make_rasa_init_project(work / "rasa-init")
        # With a reused model of ours there is no training to compare: Rasa's cache may then speed up rasa init's.
        init_cache = ROOT / "var" / "bench-rasa-init-cache" if args.reuse_model else work / "cache-rasa-init"
        print("training the rasa init bot" + ("" if args.reuse_model else " from an empty cache") + "...", flush=True)
        init_model, init_training = bots.train_rasa_init(project, work, init_cache)
        if args.reuse_model:
            our_model, our_training = args.reuse_model, None
        else:
            print("training our assistant from empty caches...", flush=True)
            our_model, our_training = bots.train_ours(work, work / "cache-ours")
        (work / "ours").mkdir()
        ours = bots.OurBot(our_model, work / "ours")
        base = bots.RasaInitBot(project, init_model, work, init_cache)
        try:
            ready = {}
            for name, bot in (("ours", ours), ("rasa init", base)):
                print(f"serving {name}...", flush=True)
                ready[name] = bot.start()
            print("loading both, interleaved...", flush=True)
            levels = load_levels(
                [("ours", ours.url, OURS, ours.pids()), ("rasa init", base.url, RASA_INIT, base.pids())],
                users, args.seconds, args.warmup, args.rounds,
            )
            for name, bot, cycle, training in (
                ("ours", ours, OURS_CYCLE, our_training), ("rasa init", base, RASA_INIT_CYCLE, init_training)
            ):
                memory = bot.memory()  # after the load levels
                print(f"long conversation with {name}...", flush=True)
                long, long_runs[name] = long_level(bot.url, cycle, args.long_turns, args.long_window, bot.pids())
                result["bots"][name] = {
                    "training_s": round(training, 1) if training is not None and not args.reuse_model else None,
                    "ready_s": round(ready[name], 1),
                    "model_mb": round(bot.model.stat().st_size / 1e6, 1),
                    "memory": memory,
                    "load": levels[name],
                    "long": long,
                }
                bot.stop()
        finally:
            ours.stop()
            base.stop()
    result["ratios"] = report.ratios(result["bots"]["ours"], result["bots"]["rasa init"])
    result["verdicts"] = report.verdicts(result["ratios"])
    result["bench_seconds"] = round(time.monotonic() - started, 1)
    table = report.write(result, args.out)
    (args.out / "long-conversation.json").write_text(json.dumps(long_runs, indent=1))
    print(table)
    print(f"took {result['bench_seconds']} s; written to {args.out}/ (bench.md, bench.json, latency.png, "
          "long-conversation.json)")
    errors = sum(level["errors"] for bot in result["bots"].values() for level in bot["load"])
    errors += sum(bot["long"]["errors"] for bot in result["bots"].values())
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
