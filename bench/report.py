"""The benchmark's table (markdown and JSON) and its latency chart."""

from __future__ import annotations

import json
from pathlib import Path

# measure -> (target ratio, True when higher is better)
TARGETS = {
    "training": (4.0, False),
    "single_user_p50": (1.0, False),  # issue 15 item 8 (was 1.5)
    "saturation_throughput": (1.2, True),  # issue 15 item 8 (was 0.8)
    "rss": (1.1, False),
    # the same two targets in the servers' CPU time per turn (ours: Rasa and the action server), which a shared
    # machine's load barely moves; wall clock penalises ours there, as each of its turns waits for a core five
    # times (Rasa, the action server, its worker thread, the action server, Rasa) where rasa init's stays in one
    # process
    "single_user_cpu": (1.0, False),
    "saturation_cpu": (round(1 / 1.2, 2), False),  # the CPU time of 1.2x the turns
    # ours alone: the servers' CPU time per turn over its last turns against its first turns (bench/long.py). CPU
    # time, not wall clock: the two windows are minutes apart, and a shared machine's load moves in between
    "long_conversation_cpu_growth": (1.5, False),
}


def ratios(ours: dict, base: dict) -> dict[str, float | None]:
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 2) if a is not None and b else None

    return {
        "training": ratio(ours.get("training_s"), base.get("training_s")),
        "single_user_p50": ratio(ours["load"][0]["p50_ms"], base["load"][0]["p50_ms"]),
        "saturation_throughput": ratio(ours["load"][-1]["turns_per_s"], base["load"][-1]["turns_per_s"]),
        "rss": ratio(ours["memory"]["rasa"]["rss_mb"], base["memory"]["rasa"]["rss_mb"]),
        "single_user_cpu": ratio(ours["load"][0].get("cpu_ms_per_turn"), base["load"][0].get("cpu_ms_per_turn")),
        "saturation_cpu": ratio(ours["load"][-1].get("cpu_ms_per_turn"), base["load"][-1].get("cpu_ms_per_turn")),
        "long_conversation_cpu_growth": ours["long"].get("cpu_growth"),
        "long_conversation_wall_growth": ours["long"]["growth"],
        "long_conversation_wall_vs_fresh": ours["long"].get("growth_vs_fresh"),
    }


def verdicts(measured: dict[str, float | None]) -> dict[str, str]:
    out = {}
    for name, (target, higher_is_better) in TARGETS.items():
        value = measured.get(name)
        if value is None:
            out[name] = "not measured"
        else:
            out[name] = "met" if (value >= target if higher_is_better else value <= target) else "missed"
    return out


def _fmt(value: float | None, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:g}{unit}"


def markdown(result: dict) -> str:
    ours, base = result["bots"]["ours"], result["bots"]["rasa init"]
    r, v = result["ratios"], result["verdicts"]
    top = ours["load"][-1]["users"]
    rows = [
        ("training from empty caches", _fmt(ours.get("training_s"), " s"), _fmt(base.get("training_s"), " s"),
         "training", "<= 4x"),
        ("single-user p50", _fmt(ours["load"][0]["p50_ms"], " ms"), _fmt(base["load"][0]["p50_ms"], " ms"),
         "single_user_p50", f"<= {TARGETS['single_user_p50'][0]}x"),
        (f"saturation ({top} users)", _fmt(ours["load"][-1]["turns_per_s"], " turns/s"),
         _fmt(base["load"][-1]["turns_per_s"], " turns/s"), "saturation_throughput",
         f">= {TARGETS['saturation_throughput'][0]}x"),
        ("servers' CPU per turn, 1 user", _fmt(ours["load"][0].get("cpu_ms_per_turn"), " ms"),
         _fmt(base["load"][0].get("cpu_ms_per_turn"), " ms"), "single_user_cpu",
         f"<= {TARGETS['single_user_cpu'][0]}x"),
        (f"servers' CPU per turn, {top} users", _fmt(ours["load"][-1].get("cpu_ms_per_turn"), " ms"),
         _fmt(base["load"][-1].get("cpu_ms_per_turn"), " ms"), "saturation_cpu",
         f"<= {TARGETS['saturation_cpu'][0]}x"),
        ("RSS of the Rasa process", _fmt(ours["memory"]["rasa"]["rss_mb"], " MB"),
         _fmt(base["memory"]["rasa"]["rss_mb"], " MB"), "rss", "<= 1.1x"),
    ]
    lines = [
        f"Benchmark {result['date']} on {result['machine']}",
        "",
        "| measure | ours | `rasa init` | ratio | target | |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {label} | {a} | {b} | {_fmt(r[key], 'x')} | {target} | {v[key]} |"
        for label, a, b, key, target in rows
    ]
    errors = sum(level["errors"] for bot in (ours, base) for level in bot["load"])
    lines += [f"| errors | {sum(x['errors'] for x in ours['load'])} | {sum(x['errors'] for x in base['load'])} "
              f"| | 0 | {'met' if errors == 0 else 'missed'} |", ""]
    lines += ["| bot | users | turns | turns/s | p50 ms | p95 ms | p99 ms | CPU ms/turn | errors | empty replies |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for name, bot in result["bots"].items():
        for level in bot["load"]:
            lines.append(
                f"| {name} | {level['users']} | {level['turns']} | {level['turns_per_s']} | {level['p50_ms']} "
                f"| {level['p95_ms']} | {level['p99_ms']} | {_fmt(level.get('cpu_ms_per_turn'))} | {level['errors']} "
                f"| {level['empty_replies']} |"
            )
    lines.append("")
    lines += long_table(result)
    for name, bot in result["bots"].items():
        memory = ", ".join(f"{proc} {m['rss_mb']} MB (peak {m['peak_rss_mb']})" for proc, m in bot["memory"].items())
        lines.append(f"- {name}: server answered {bot['ready_s']} s after start; model {bot['model_mb']} MB; "
                     f"RSS {memory}")
    return "\n".join(lines) + "\n"


def long_table(result: dict) -> list[str]:
    """The long-conversation level: wall clock (against the first turns, and against a fresh sender in the same
    minute) and the servers' CPU time per turn, which the verdict uses."""
    ours = result["bots"]["ours"]["long"]
    turns, window = ours["turns"], ours["window"]
    first, last = f"1-{window}", f"{turns - window + 1}-{turns}"
    target = f"<= {TARGETS['long_conversation_cpu_growth'][0]}x"
    lines = [f"Long conversation: one sender, {turns} turns cycling six ordinary messages; its turns {last} against "
             f"its turns {first}, and against a fresh sender's turns {first} sent between its turns {last}. Wall "
             "clock is what the user waits; CPU is the servers' CPU time per turn (Rasa and, for ours, the action "
             f"server; from /proc), which other work on the machine barely moves. The verdict ({target}) is on CPU.",
             "", f"| bot | | turns {first} | turns {last} | fresh sender, same minute | growth | vs fresh | target "
             "| | errors | empty replies |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, bot in result["bots"].items():
        long, judged = bot["long"], name == "ours"
        for label, key, growth, vs_fresh, tail in (
            ("wall p50", "p50_ms", "growth", "growth_vs_fresh", f"| | | {long['errors']} | {long['empty_replies']} |"),
            ("CPU per turn", "cpu_ms", "cpu_growth", "cpu_vs_fresh",
             f"| {target if judged else ''} | {result['verdicts']['long_conversation_cpu_growth'] if judged else ''} "
             "| | |"),
        ):
            times = " | ".join(f"{long[when + key]} ms" for when in ("first_", "last_", "fresh_"))
            ratios_ = f"{_fmt(long[growth], 'x')} | {_fmt(long[vs_fresh], 'x')}"
            lines.append(f"| {name} | {label} | {times} | {ratios_} {tail}")
    return [*lines, ""]


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(10, 4))
    for colour, (name, bot) in zip(("tab:blue", "tab:orange"), result["bots"].items(), strict=False):
        users = [level["users"] for level in bot["load"]]
        latency.plot(users, [level["p50_ms"] for level in bot["load"]], marker="o", color=colour, label=f"{name} p50")
        latency.plot(users, [level["p95_ms"] for level in bot["load"]], marker="x", linestyle="--", color=colour,
                     label=f"{name} p95")
        throughput.plot(users, [level["turns_per_s"] for level in bot["load"]], marker="o", color=colour, label=name)
    latency.set(xlabel="closed-loop users", ylabel="latency per turn (ms)", title="Latency")
    throughput.set(xlabel="closed-loop users", ylabel="turns per second", title="Throughput")
    for axes in (latency, throughput):
        axes.set_xscale("log", base=2)
        axes.set_xticks(users, [str(n) for n in users])
        axes.grid(alpha=0.3)
        axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write(result: dict, out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    table = markdown(result)
    (out / "bench.md").write_text(table)
    (out / "bench.json").write_text(json.dumps(result, indent=2))
    chart(result, out / "latency.png")
    return table
