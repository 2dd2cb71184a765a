"""Fallback, disambiguation and privacy actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import button, catalogue
from actions.form_actions import suggest_for_a_profile_in_message
from actions.scope_actions import answer_outside_catalogue

INTENT_LABELS = {
    "ask_overview": "What a programme is",
    "ask_eligibility": "Who can apply",
    "ask_fields": "Which fields are covered",
    "ask_benefits": "The benefits",
    "ask_family": "Bringing family",
    "ask_application": "How to apply",
    "ask_documents": "Documents",
    "ask_fees": "Fees",
    "ask_processing": "Processing time",
    "ask_timeline": "Whether it is open now",
    "ask_context": "Why Korea is doing this",
    "check_country": "Checking my country",
    "check_field": "Checking my field",
    "ask_after_graduation": "Options after graduation",
    "ask_nonspecialized_jobs": "Jobs for students",
    "ask_regional": "Regional visas",
    "compare_programmes": "Comparing programmes",
    "recommend_visa": "Which visa fits me",
    "ask_contacts": "Official contacts",
    "human_handoff": "Talking to a person",
    "list_programmes": "The list of programmes",
    "what_can_you_do": "What you can do",
}
MAX_SUGGESTIONS = 3


class ActionAskAffirmation(Action):
    """First stage of the fallback: offer the likeliest meanings as buttons; but for a visa topic outside the
    catalogue, the official contacts, and for a message with enough of a profile, the suggestions."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        try:
            # answered without choices: the fallback ends here (data/rules.yml), so the next message starts afresh
            if answer_outside_catalogue(dispatcher, tracker, catalogue()):
                return [ActiveLoop(None)]
            suggested = suggest_for_a_profile_in_message(dispatcher, tracker, catalogue())
            if suggested:
                return [*suggested, ActiveLoop(None)]  # the profile is clear even though the question was not
        except SQLAlchemyError:
            pass  # without the catalogue, the buttons below still help
        ranking = tracker.latest_message.get("intent_ranking") or []
        entities = {
            e["entity"]: str(e["value"])
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") and e.get("value")
        }
        options = [r["name"] for r in ranking if r.get("name") in INTENT_LABELS][:MAX_SUGGESTIONS]
        buttons = [button(INTENT_LABELS[name], name, **entities) for name in options]
        buttons.append(button("Something else", "out_of_scope"))
        dispatcher.utter_message(text="I'm not sure I understood. Did you mean one of these?", buttons=buttons)
        return []


class ActionDefaultFallback(Action):
    """Last stage: say what the assistant can do and where to get help."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        dispatcher.utter_message(
            text="Sorry, I still couldn't follow. I answer questions about Korea's new visa programmes; "
            "you can pick one of these or ask for the official contacts.",
            buttons=[
                button("List the programmes", "list_programmes"),
                button("Which visa fits me?", "recommend_visa"),
                button("Official contacts", "ask_contacts"),
            ],
        )
        return [UserUtteranceReverted()]
