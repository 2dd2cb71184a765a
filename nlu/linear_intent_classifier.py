"""A fast linear intent classifier: logistic regression on length-normalised, log-scaled n-gram counts.

Rasa's LogisticRegressionClassifier fits raw counts with a fixed C=1; on this data that under-weights
rare but telling n-grams and gives flat confidences that the fallback threshold then rejects. Scaling
each count to log(1 + count), normalising each message to unit length and a configurable C sharpen it;
it trains in seconds where DIET took minutes (scores in README "Performance").
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix
from sklearn.preprocessing import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 10.0, "max_iter": 500}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, execution_context.node_name, model_storage, resource)

    def _create_X(self, messages: list[Message]) -> csr_matrix:  # noqa: N802 - Rasa's name
        counts = super()._create_X(messages).tocsr().astype(float)
        return normalize(counts.log1p())
