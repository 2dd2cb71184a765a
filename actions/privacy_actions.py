"""'Forget me': the conversation is deleted from the tracker store when this action has run.

The deletion itself happens in Rasa's process (runtime.tracker_store.ForgettingSQLTrackerStore), when
the turn is saved, so nothing of the conversation is written back afterwards.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, Restarted
from rasa_sdk.executor import CollectingDispatcher

FORGET_ACTION = "action_forget_me"


class ActionForgetMe(Action):
    def name(self) -> str:
        return FORGET_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        dispatcher.utter_message(response="utter_forgotten")
        return [ActiveLoop(None), AllSlotsReset(), Restarted()]
