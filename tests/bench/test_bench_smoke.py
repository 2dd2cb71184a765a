"""The benchmark harness runs end to end at a tiny duration and writes its table, JSON and chart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_smoke_run_writes_a_complete_report(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    out = tmp_path / "smoke"
    result = json.loads((out / "bench.json").read_text())
    assert set(result["bots"]) == {"ours", "rasa init"}
    for name, bot in result["bots"].items():
        assert [level["users"] for level in bot["load"]] == [1, 2], name
        assert all(level["turns"] > 0 and level["errors"] == 0 for level in bot["load"]), bot["load"]
        assert all(level["cpu_ms_per_turn"] > 0 for level in bot["load"]), bot["load"]
        assert bot["memory"]["rasa"]["rss_mb"] > 100, bot["memory"]
        assert bot["model_mb"] > 0
    # the smoke run reuses the current model: no training time to compare, so no training ratio
    assert result["bots"]["ours"]["training_s"] is None and result["ratios"]["training"] is None
    assert set(result["ratios"]) == {
        "training", "single_user_p50", "saturation_throughput", "rss", "single_user_cpu", "saturation_cpu",
        "long_conversation_cpu_growth",
        "long_conversation_wall_growth", "long_conversation_wall_vs_fresh",
    }
    # the long-conversation level: one sender and a fresh one beside its last turns, every turn answered, both
    # bots, with wall clock and the servers' CPU time per turn; the verdict is on CPU
    for name, bot in result["bots"].items():
        long = bot["long"]
        assert (long["turns"], long["window"], long["errors"], long["empty_replies"]) == (24, 5, 0, 0), (name, long)
        times = [long[f"{when}_{measure}_ms"] for when in ("first", "last", "fresh") for measure in ("p50", "cpu")]
        assert min(times) > 0, long
        assert long["cpu_growth"] == round(long["last_cpu_ms"] / long["first_cpu_ms"], 2), long
    assert result["ratios"]["long_conversation_cpu_growth"] == result["bots"]["ours"]["long"]["cpu_growth"]
    assert result["verdicts"]["long_conversation_cpu_growth"] in ("met", "missed")
    runs = json.loads((out / "long-conversation.json").read_text())
    assert [len(runs[name]["replies"]) for name in ("ours", "rasa init")] == [24, 24]
    assert [len(runs[name]["fresh_replies"]) for name in ("ours", "rasa init")] == [5, 5]
    assert len(runs["ours"]["cpu_ms"]) == 24
    table = (out / "bench.md").read_text()
    assert "| single-user p50 |" in table and "rasa init" in table
    assert "| ours | CPU per turn | " in table and "Long conversation: one sender, 24 turns" in table
    assert (out / "latency.png").read_bytes().startswith(b"\x89PNG")
