"""The messages worth a maintainer's look, masked and grouped by similarity."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer

from insights.conversations import Conversation, Turn
from insights.masking import conversation_ref, mask

ROOT = Path(__file__).resolve().parent.parent
NOT_UNDERSTOOD = "not understood"
OUT_OF_SCOPE = "out of scope"
LOW_CONFIDENCE = "low confidence"
REPHRASED = "rephrased after a fallback"
LOW_CONFIDENCE_MARGIN = 0.2  # answered, but within this much of the fallback threshold
GROUP_SIMILARITY = 0.5  # cosine of TF-IDF character n-grams


@dataclass
class Missed:
    text: str  # masked
    reason: str
    predicted_intent: str
    confidence: float
    conversation: str  # masked reference


@dataclass
class Group:
    messages: list[Missed] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.messages)

    @property
    def example(self) -> Missed:
        return self.messages[0]

    @property
    def reasons(self) -> list[str]:
        return sorted({m.reason for m in self.messages})


def fallback_threshold(config_path: Path = ROOT / "config.yml") -> float:
    """The FallbackClassifier threshold of config.yml (0.3, Rasa's default, when absent)."""
    try:
        config = yaml.safe_load(config_path.read_text()) or {}
    except (OSError, yaml.YAMLError):
        return 0.3
    for component in config.get("pipeline") or []:
        if isinstance(component, dict) and component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return 0.3


def _reason(turn: Turn, previous: Turn | None, low_confidence: float) -> str | None:
    if turn.is_payload:
        return None  # a button: the user picked a meaning, nothing to learn from the text
    if turn.fell_back:
        return NOT_UNDERSTOOD
    if turn.intent == "out_of_scope":
        return OUT_OF_SCOPE
    if previous is not None and previous.fell_back:
        return REPHRASED
    if turn.confidence < low_confidence:
        return LOW_CONFIDENCE
    return None


def missed_messages(conversations: list[Conversation], threshold: float | None = None) -> list[Missed]:
    """Messages not understood, out of scope, answered with a confidence near or under the fallback threshold,
    or typed again after a fallback; masked."""
    low = (fallback_threshold() if threshold is None else threshold) + LOW_CONFIDENCE_MARGIN
    found: list[Missed] = []
    for conversation in conversations:
        previous: Turn | None = None
        for turn in conversation.questions:
            reason = _reason(turn, previous, low)
            if reason:
                found.append(Missed(mask(turn.text).strip(), reason, turn.predicted_intent,
                                    round(turn.confidence, 3), conversation_ref(conversation.sender_id)))
            previous = turn
    return [m for m in found if m.text]


def group_similar(messages: list[Missed], similarity: float = GROUP_SIMILARITY) -> list[Group]:
    """Greedy grouping: each message joins the first group whose first message is similar enough
    (cosine of TF-IDF character 2-4 grams), else starts a group. Largest groups first."""
    if not messages:
        return []
    texts = [m.text.lower() for m in messages]
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(texts)
    leaders: list[int] = []
    groups: list[Group] = []
    for index, message in enumerate(messages):
        if leaders:
            scores = (vectors[index] @ vectors[leaders].T).toarray()[0]
            best = int(scores.argmax())
            if scores[best] >= similarity:
                groups[best].messages.append(message)
                continue
        leaders.append(index)
        groups.append(Group([message]))
    return sorted(groups, key=lambda g: -g.count)
