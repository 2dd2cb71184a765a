"""Korean tokenisation, measured offline: Kiwi morphemes against character n-grams (and plain whitespace words)
on the Korean NLU sets (staging/nlu/ko/ for training; tests/nlu/ko/test_nlu.yml held out and
tests/nlu/ko/real_wording.yml, real wording, for scoring). No Rasa model is
trained: each tokenisation feeds the same linear classifier (scikit-learn's logistic regression on TF-IDF
counts), a cheap stand-in for DIET that ranks tokenisations, not the final scores. It also counts how many
annotated entities start and end on a token boundary: the CRF entity extractor can only tag whole tokens, so
"[탑티어 비자](programme)가" needs a tokenizer that splits the particle off.

    pip install kiwipiepy==0.24.1 kiwipiepy-model==0.24.0     # not in requirements*.txt: the lead decides
    nice -n 10 python scripts/measure_korean_tokenisation.py  # a table; results/nlu/korean_tokenisation.json
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "staging" / "nlu" / "ko"
HELD_OUT = ROOT / "tests" / "nlu" / "ko" / "test_nlu.yml"
REAL_WORDING = ROOT / "tests" / "nlu" / "ko" / "real_wording.yml"
OUT = ROOT / "results" / "nlu" / "korean_tokenisation.json"


def kiwi_tokens() -> Callable[[str], list[tuple[str, int, int]]]:
    from kiwipiepy import Kiwi

    kiwi = Kiwi()

    def tokens(text: str) -> list[tuple[str, int, int]]:
        return [(t.form, t.start, t.start + t.len) for t in kiwi.tokenize(text)]

    return tokens


def whitespace_tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]


def _ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def featurisers(tokenize: Callable[[str], list[tuple[str, int, int]]]) -> dict[str, object]:
    """As Rasa's CountVectorsFeaturizers see a message: word 1-2 grams of the tokens, and character 1-4 grams
    within each token (char_wb over the tokens joined by spaces), alone and together."""

    def joined(text: str) -> str:
        return " ".join(t for t, _, _ in tokenize(text.lower()))

    def words() -> TfidfVectorizer:
        return TfidfVectorizer(analyzer=lambda text: _ngrams([t for t, _, _ in tokenize(text.lower())]))

    def chars() -> TfidfVectorizer:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), preprocessor=joined)

    return {
        "word 1-2 grams": words(),
        "char 1-4 grams": chars(),
        "word 1-2 + char 1-4 grams": FeatureUnion([("words", words()), ("chars", chars())]),
    }


def score(features, train, test, real) -> dict[str, float]:
    model = make_pipeline(features, LogisticRegression(C=10, max_iter=2000))
    started = time.perf_counter()
    model.fit([t for t, _ in train], [i for _, i in train])
    seconds = time.perf_counter() - started
    predicted = model.predict([t for t, _ in test])
    gold = [i for _, i in test]
    real_predicted = model.predict([t for t, _ in real])
    return {
        "intent_macro_f1": round(f1_score(gold, predicted, average="macro"), 3),
        "accuracy": round(accuracy_score(gold, predicted), 3),
        "real_wording_accuracy": round(accuracy_score([i for _, i in real], real_predicted), 3),
        "fit_seconds": round(seconds, 2),
    }


def aligned(examples, tokenize) -> float:
    """Share of annotated entities whose start and end fall on token boundaries."""
    total = hits = 0
    for example in examples:
        spans = tokenize(example.get("text"))
        starts, ends = {s for _, s, _ in spans}, {e for _, _, e in spans}
        for entity in example.get("entities") or []:
            total += 1
            hits += entity["start"] in starts and entity["end"] in ends
    return round(hits / total, 3) if total else 1.0


def main() -> int:
    train_examples = load_data(str(TRAIN)).intent_examples
    test_examples = load_data(str(HELD_OUT)).intent_examples
    train = [(e.get("text"), e.get("intent")) for e in train_examples]
    test = [(e.get("text"), e.get("intent")) for e in test_examples]
    real = [(e.get("text"), e.get("intent")) for e in load_data(str(REAL_WORDING)).intent_examples]
    tokenizers = {"whitespace": whitespace_tokens, "Kiwi": kiwi_tokens()}
    results = {}
    for tokenizer, tokenize in tokenizers.items():
        boundaries = aligned(train_examples + test_examples, tokenize)
        for features, featuriser in featurisers(tokenize).items():
            name = f"{tokenizer} tokens, {features}"
            results[name] = {**score(featuriser, train, test, real), "entities_on_token_boundaries": boundaries}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    summary = {"training": len(train), "held_out": len(test), "real_wording": len(real), "results": results}
    OUT.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print(f"{len(train)} training, {len(test)} held-out, {len(real)} real-wording Korean examples; logistic "
          "regression on TF-IDF")
    print("| tokens, features | held-out intent macro-F1 | held-out accuracy | real-wording accuracy | "
          "entities on token boundaries | fit s |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['intent_macro_f1']} | {r['accuracy']} | {r['real_wording_accuracy']} | "
              f"{r['entities_on_token_boundaries']} | {r['fit_seconds']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
