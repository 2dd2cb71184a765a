"""A Rasa 3.6 tokenizer for Korean: Kiwi morphemes for Hangul, so a particle is its own token ("탑티어 비자가" ->
탑티어 / 비자 / 가) and an entity ends on a token boundary; letters, digits and dashes written together stay one
token ("D-10", "F-2-R"); punctuation is dropped. Needs kiwipiepy and kiwipiepy-model (not in requirements*.txt).

Staged here, outside nlu/ (which the model fingerprint reads), until the pipeline takes Korean: only
scripts/measure_korean_diet.py uses it, as `staging.kiwi_tokenizer.KiwiTokenizer`.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

# Letters and digits written together, with the dashes, dots and commas inside them: one token ("D-10", "F-2-R",
# "E-7-4R", "4,986"), whatever Kiwi makes of them.
LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.,\-]*[A-Za-z0-9])?")
KEPT_SYMBOLS = {"SL", "SN", "SH"}  # Kiwi's Latin, number and Hanja tags; its other S* tags are punctuation


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class KiwiTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        from kiwipiepy import Kiwi

        self._kiwi = Kiwi()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KiwiTokenizer:
        return cls(config)

    @staticmethod
    def required_packages() -> list[str]:
        return ["kiwipiepy"]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each token in `text`: the Latin runs, and Kiwi's morphemes elsewhere."""
        runs = [(m.start(), m.end()) for m in LATIN_RUN.finditer(text)]
        spans = list(runs)
        for token in self._kiwi.tokenize(text):
            start, end = token.start, token.start + token.len
            if end <= start or (token.tag.startswith("S") and token.tag not in KEPT_SYMBOLS):
                continue  # a morpheme with no letters of its own ("뭐예요" = 뭐 + 이 + 예요), or punctuation
            if any(start < run_end and run_start < end for run_start, run_end in runs):
                continue
            if spans and start < spans[-1][1] and spans[-1] not in runs:  # a contraction ("해요" = 하 + 어요)
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return sorted(set(spans)) or [(0, len(text))]

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute)
        tokens = [Token(text[start:end], start) for start, end in self.spans(text)]
        return self._apply_token_pattern(tokens)
