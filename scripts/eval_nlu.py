"""Scores the trained model on the NLU test sets (tests/nlu/), never used for training.

Held-out set (test_nlu.yml): intent macro-F1 (over the test set's intents; a fallback counts as a miss)
and entity F1 (exact spans, all extractors merged as the actions see them), into results/nlu/report.json.
Real-wording set (real_wording.yml, questions phrased as people write them): intent accuracy (a fallback
counts as a miss), into results/nlu/real_wording.json, with the misclassified examples listed in
results/nlu/real_wording_errors.txt. Fails when a score is below the given minimum.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the model's custom components (nlu/) must be importable


TRAINED_EXTRACTORS = {"CRFEntityExtractor", "DIETClassifier"}


def merge_entities(entities: list[dict]) -> set[tuple[str, int, int]]:
    """One span per mention: where extractors overlap on the same entity type, the trained extractor's span wins."""
    ordered = sorted(entities, key=lambda e: e.get("extractor") not in TRAINED_EXTRACTORS)
    kept: list[dict] = []
    for entity in ordered:
        if not any(
            k["entity"] == entity["entity"] and entity["start"] < k["end"] and k["start"] < entity["end"] for k in kept
        ):
            kept.append(entity)
    return {(e["entity"], e["start"], e["end"]) for e in kept}


def f1(true_positive: int, false_positive: int, false_negative: int) -> float:
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


async def evaluate(agent, test_file: Path) -> dict:
    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import f1_score

    examples = load_data(str(test_file)).intent_examples
    gold_intents, predicted_intents, intent_errors = [], [], []
    counts: Counter = Counter()
    per_type: dict[str, Counter] = {}
    for example in examples:
        text, intent = example.get("text"), example.get("intent")
        parsed = await agent.parse_message(text)
        predicted = parsed["intent"]["name"]
        gold_intents.append(intent)
        predicted_intents.append(predicted)
        if predicted != intent:
            intent_errors.append({"text": text, "intent": intent, "predicted": predicted})
        gold = {(e["entity"], e["start"], e["end"]) for e in example.get("entities") or []}
        found = merge_entities(parsed.get("entities", []))
        for outcome, spans in (("tp", gold & found), ("fp", found - gold), ("fn", gold - found)):
            counts[outcome] += len(spans)
            for entity_type, _, _ in spans:
                per_type.setdefault(entity_type, Counter())[outcome] += 1
    return {
        "examples": len(examples),
        # averaged over the test set's intents: a fallback prediction is a miss, not an extra class
        "intent_macro_f1": round(
            f1_score(gold_intents, predicted_intents, labels=sorted(set(gold_intents)), average="macro",
                     zero_division=0),
            4,
        ),
        "intent_accuracy": round(sum(map(str.__eq__, gold_intents, predicted_intents)) / len(examples), 4),
        "entity_f1": round(f1(counts["tp"], counts["fp"], counts["fn"]), 4),
        "entity_f1_by_type": {t: round(f1(c["tp"], c["fp"], c["fn"]), 4) for t, c in sorted(per_type.items())},
        "intent_errors": intent_errors,
    }


async def evaluate_all(model: Path, test_file: Path, real_file: Path | None) -> tuple[dict, dict | None]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    held_out = await evaluate(agent, test_file)
    real = await evaluate(agent, real_file) if real_file else None
    return held_out, real


def quiet_structured_logs() -> None:
    """Rasa logs every parsed message through structlog at debug level: keep the report readable."""
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def error_list(report: dict) -> str:
    """One line per misclassified example, grouped by the expected intent."""
    errors = sorted(report["intent_errors"], key=lambda e: (e["intent"], e["predicted"], e["text"]))
    lines = [f"{len(errors)} of {report['examples']} real-wording examples misclassified "
             f"(intent accuracy {report['intent_accuracy']:.3f})", ""]
    lines += [f"{e['intent']} -> {e['predicted']}: {e['text']}" for e in errors]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--test-file", type=Path, default=ROOT / "tests" / "nlu" / "test_nlu.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "nlu")
    parser.add_argument("--min-intent-f1", type=float, default=0.0)
    parser.add_argument("--min-entity-f1", type=float, default=0.0)
    parser.add_argument("--real-wording-file", type=Path, default=ROOT / "tests" / "nlu" / "real_wording.yml")
    parser.add_argument("--min-real-accuracy", type=float, default=0.0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    quiet_structured_logs()
    real_file = args.real_wording_file if args.real_wording_file.exists() else None
    report, real = asyncio.run(evaluate_all(args.model, args.test_file, real_file))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2))
    print(
        f"NLU on {report['examples']} held-out examples: intent macro-F1 {report['intent_macro_f1']:.3f}, "
        f"entity F1 {report['entity_f1']:.3f} {report['entity_f1_by_type']} -> {args.out / 'report.json'}"
    )
    for error in report["intent_errors"][:15]:
        print(f"  intent error: {error['text']!r}: expected {error['intent']}, got {error['predicted']}")
    ok = report["intent_macro_f1"] >= args.min_intent_f1 and report["entity_f1"] >= args.min_entity_f1
    if not ok:
        print(f"below target (intent >= {args.min_intent_f1}, entity >= {args.min_entity_f1})", file=sys.stderr)
    if real is None:
        print(f"no real-wording set at {args.real_wording_file}", file=sys.stderr)
        return 1 if args.min_real_accuracy > 0 else (0 if ok else 1)
    (args.out / "real_wording.json").write_text(json.dumps(real, indent=2))
    (args.out / "real_wording_errors.txt").write_text(error_list(real))
    print(
        f"NLU on {real['examples']} real-wording examples: intent accuracy {real['intent_accuracy']:.3f} "
        f"({len(real['intent_errors'])} misclassified -> {args.out / 'real_wording_errors.txt'})"
    )
    for error in real["intent_errors"][:15]:
        print(f"  real-wording error: {error['text']!r}: expected {error['intent']}, got {error['predicted']}")
    if real["intent_accuracy"] < args.min_real_accuracy:
        print(f"real-wording intent accuracy below target ({args.min_real_accuracy})", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
