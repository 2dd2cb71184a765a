"""The review inbox: missed messages in Rasa's NLU format, under the model's likeliest intent as a suggestion.

A maintainer checks each example, corrects its intent and moves it into data/nlu/. review/ is never trained
on: training reads data/ only (tests/insights/test_review_not_trained.py checks it).
"""

from __future__ import annotations

import re
from collections import defaultdict

from insights.unanswered import Missed

HEADER = """\
# Review inbox, written by `make review`: messages the assistant did not understand, answered with low
# confidence, or that users typed again after a fallback. Personal data is masked.
# Each intent below is only the model's suggestion. Check every example, move it under the right intent
# in data/nlu/ (in your own words where it holds anything personal), then `make train`.
# Nothing under review/ is trained on.
"""


def _example(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def inbox_yaml(messages: list[Missed]) -> str:
    by_intent: dict[str, dict[str, Missed]] = defaultdict(dict)
    for message in messages:
        text = _example(message.text)
        if text:
            by_intent[message.predicted_intent or "out_of_scope"].setdefault(text, message)
    lines = [HEADER, 'version: "3.1"', "nlu:" if by_intent else "nlu: []"]
    for intent in sorted(by_intent, key=lambda name: (-len(by_intent[name]), name)):
        examples = by_intent[intent]
        reasons = sorted({m.reason for m in examples.values()})
        lines.append(f"# suggested intent: {intent} (the model's guess; {len(examples)} examples: "
                     f"{', '.join(reasons)})")
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines += [f"    - {text}" for text in examples]
    return "\n".join(lines) + "\n"
