"""The bench's CPU measures: the servers' CPU time per turn of a load level and of the long conversation, and
the long conversation's verdict taken on it."""

from __future__ import annotations

import os
import time

from bench import report
from bench.load import LoadResult
from bench.long import Turns, cpu_seconds, summarise


def test_cpu_seconds_counts_the_processes_cpu_time_not_the_time_waited() -> None:
    before = cpu_seconds([os.getpid()])
    time.sleep(0.3)
    slept = cpu_seconds([os.getpid()]) - before
    started = time.process_time()
    while time.process_time() - started < 0.3:
        pass
    busy = cpu_seconds([os.getpid()]) - before - slept
    assert slept < 0.1 and 0.25 <= busy <= 0.5, (slept, busy)
    assert cpu_seconds([]) == 0


def turns(latencies: list[float], cpu: list[float]) -> Turns:
    return Turns(latencies_ms=latencies, cpu_ms=cpu, replies=[[{"text": "ok"}]] * len(latencies))


def test_a_busier_machine_late_in_the_run_is_not_taken_for_growth() -> None:
    # the last turns wait 3x as long as the first, as the fresh sender's in the same minute do; CPU is flat
    long = summarise(turns([30.0] * 4 + [90.0] * 4, [20.0] * 8), turns([88.0] * 4, [20.0] * 4), window=4)
    assert (long["growth"], long["growth_vs_fresh"], long["cpu_growth"], long["cpu_vs_fresh"]) == (3.0, 1.02, 1.0, 1.0)
    ours = {"load": [{"p50_ms": 1, "turns_per_s": 1}], "memory": {"rasa": {"rss_mb": 1}}, "long": long}
    measured = report.ratios(ours, ours)
    assert measured["long_conversation_wall_growth"] == 3.0
    assert report.verdicts(measured)["long_conversation_cpu_growth"] == "met"


def test_cpu_that_grows_with_the_conversation_misses_the_target() -> None:
    long = summarise(turns([30.0] * 8, [20.0] * 4 + [40.0] * 4), turns([30.0] * 4, [20.0] * 4), window=4)
    assert (long["cpu_growth"], long["cpu_vs_fresh"], long["growth"]) == (2.0, 2.0, 1.0)
    ours = {"load": [{"p50_ms": 1, "turns_per_s": 1}], "memory": {"rasa": {"rss_mb": 1}}, "long": long}
    assert report.verdicts(report.ratios(ours, ours))["long_conversation_cpu_growth"] == "missed"


def test_a_load_levels_cpu_per_turn_is_over_the_turns_that_ended_in_its_slices() -> None:
    parts = [
        LoadResult(users=4, seconds=3, cpu_s=1.2, finished=40),
        LoadResult(users=4, seconds=3, cpu_s=0.6, finished=20),
    ]
    assert LoadResult.merged(parts).summary()["cpu_ms_per_turn"] == 30.0
    assert LoadResult(users=1, seconds=3).summary()["cpu_ms_per_turn"] is None  # no processes given
