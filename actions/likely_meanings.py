"""When a message was not understood: the likeliest meanings, offered as buttons."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button
from visa_guide.vocabulary import INTENT_CHOICES

MAX_SUGGESTIONS = 3


def offer_likely_meanings(dispatcher: CollectingDispatcher, tracker: Tracker, skip: tuple[str, ...] = ()) -> None:
    """'Did you mean one of these?' with the best-ranked intents (not those in `skip`) and 'Something else'.

    The buttons keep the message's entities, so picking one answers about what the user named.
    """
    ranking = tracker.latest_message.get("intent_ranking") or []
    found = tracker.latest_message.get("entities", [])
    entities = {e["entity"]: str(e["value"]) for e in found if e.get("entity") and e.get("value")}
    options = [r["name"] for r in ranking if r.get("name") in INTENT_CHOICES and r["name"] not in skip]
    buttons = [button(INTENT_CHOICES[name], name, **entities) for name in options[:MAX_SUGGESTIONS]]
    buttons.append(button("Something else", "out_of_scope"))
    dispatcher.utter_message(text="I'm not sure I understood. Did you mean one of these?", buttons=buttons)
