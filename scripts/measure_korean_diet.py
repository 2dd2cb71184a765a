"""Korean NLU with Rasa's own DIET and CRF: a Korean-only model trained on staging/nlu/ko/ with whitespace
tokens, the same with Kiwi tokens (staging/kiwi_tokenizer.py), and Kiwi with the catalogue's Korean names as
lookup tables (a RegexEntityExtractor, as the spaCy entity ruler gives the English names), each scored on the
Korean held-out and real-wording sets (tests/nlu/ko/) as scripts/eval_nlu.py scores the English ones: intent
macro-F1, entity F1 (exact spans), real-wording accuracy. The rest of the pipeline is the project's
(config.yml) less spaCy, whose blank English model and entity ruler have no Korean yet. Models go to a
temporary folder; nothing in models/ or the cache changes.

    pip install kiwipiepy==0.24.1 kiwipiepy-model==0.24.0    # not in requirements*.txt: the lead decides
    nice -n 10 python scripts/measure_korean_diet.py [--epochs 30]    # about 2 minutes a model on 2 cores
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.eval_nlu import evaluate_all, quiet_structured_logs  # noqa: E402

TRAIN = ROOT / "staging" / "nlu" / "ko"
HELD_OUT = ROOT / "tests" / "nlu" / "ko" / "test_nlu.yml"
REAL_WORDING = ROOT / "tests" / "nlu" / "ko" / "real_wording.yml"
OUT = ROOT / "results" / "nlu" / "korean_diet.json"
WHITESPACE, KIWI = {"name": "WhitespaceTokenizer"}, {"name": "staging.kiwi_tokenizer.KiwiTokenizer"}
# name: (tokenizer, with the catalogue's Korean names as lookup tables and a RegexEntityExtractor)
VARIANTS = {"whitespace": (WHITESPACE, False), "Kiwi": (KIWI, False), "Kiwi + catalogue names": (KIWI, True)}


def pipeline(tokenizer: dict, epochs: int, names: bool) -> list[dict]:
    extractors = [{"name": "RegexEntityExtractor", "use_lookup_tables": True, "use_regexes": False,
                   "use_word_boundaries": False}] if names else []
    return [
        tokenizer,
        {"name": "RegexFeaturizer"},
        {"name": "LexicalSyntacticFeaturizer"},
        {"name": "CountVectorsFeaturizer", "min_ngram": 1, "max_ngram": 2},
        {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
        {
            "name": "DIETClassifier",
            "epochs": epochs,
            "number_of_transformer_layers": 1,
            "entity_recognition": False,
            "constrain_similarities": True,
            "random_seed": 42,
        },
        {"name": "CRFEntityExtractor"},
        *extractors,
        {"name": "FallbackClassifier", "threshold": 0.4, "ambiguity_threshold": 0.05},
    ]


def lookup_tables(folder: Path) -> Path:
    """The catalogue's Korean names of programmes, countries and fields (catalogue/translations/ko/), longest
    first, as Rasa lookup tables."""
    from visa_guide.catalogue import Catalogue, load_catalogue
    from visa_guide.catalogue.db import make_engine
    from visa_guide.settings import catalogue_dir

    engine = make_engine(f"sqlite:///{folder / 'catalogue.db'}")
    load_catalogue(catalogue_dir(), engine)
    korean = Catalogue(engine).texts("ko")
    tables = []
    for entity in ("programme", "country", "field"):
        names = sorted({n for values in korean.aliases(entity).values() for n in values}, key=len, reverse=True)
        tables.append({"lookup": entity, "examples": "".join(f"- {name}\n" for name in names)})
    path = folder / "lookup.yml"
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": tables}, allow_unicode=True))
    return path


def train(folder: Path, name: str, variant: tuple[dict, bool], epochs: int) -> tuple[Path, float]:
    tokenizer, names = variant
    config = folder / f"config-{name}.yml"
    config.write_text(yaml.safe_dump({"recipe": "default.v1", "language": "ko", "assistant_id": "korean-measure",
                                      "pipeline": pipeline(tokenizer, epochs, names), "policies": []}))
    data = folder / f"data-{name}"
    data.mkdir()
    for path in TRAIN.glob("*.yml"):
        (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    if names:
        (data / "lookup.yml").write_text(lookup_tables(folder).read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", str(data),
               "--out", str(folder), "--fixed-model-name", name]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
               RASA_CACHE_DIRECTORY=str(folder / "cache"), PYTHONPATH=str(ROOT))
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return folder / f"{name}.tar.gz", time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--only", choices=list(VARIANTS), action="append", help="measure only these variants")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    quiet_structured_logs()
    results = {}
    with tempfile.TemporaryDirectory(prefix="korean-diet-") as temp:
        for name, variant in VARIANTS.items():
            if args.only and name not in args.only:
                continue
            model, seconds = train(Path(temp), name.lower().replace(" + ", "-").replace(" ", "-"), variant,
                                   args.epochs)
            held_out, real = asyncio.run(evaluate_all(model, HELD_OUT, REAL_WORDING))
            results[name] = {
                "training_seconds": round(seconds, 1),
                "held_out_intent_macro_f1": held_out["intent_macro_f1"],
                "held_out_entity_f1": held_out["entity_f1"],
                "entity_f1_by_type": held_out["entity_f1_by_type"],
                "real_wording_accuracy": real["intent_accuracy"],
                "real_wording_errors": real["intent_errors"],
            }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"epochs": args.epochs, "results": results}, indent=2, ensure_ascii=False))
    print(f"DIET {args.epochs} epochs + CRF, Korean only ({args.out})")
    print("| tokens | held-out intent macro-F1 | held-out entity F1 | real-wording accuracy | training s |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['held_out_intent_macro_f1']} | {r['held_out_entity_f1']} | "
              f"{r['real_wording_accuracy']} | {r['training_seconds']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
