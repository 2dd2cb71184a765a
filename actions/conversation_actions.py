"""Fallback, disambiguation and privacy actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, Restarted, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    answered,
    button,
    catalogue,
    latest_text,
    mentioned_programmes,
    off_the_loop,
    say,
    turn_of,
)
from actions.form_actions import suggest_for_a_profile_in_message
from actions.likely_meanings import offer_likely_meanings
from actions.scope_actions import ActionOutOfScope, answer_outside_catalogue
from visa_guide.assistant import respond
from visa_guide.assistant.thread import looks_like_question


class ActionAskAffirmation(Action):
    """First stage of the fallback: offer the likeliest meanings as buttons; but for a visa topic outside the
    catalogue, the official contacts, and for a message with enough of a profile, the suggestions."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return await off_the_loop(self._offer, dispatcher, tracker)

    def _offer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        try:
            # answered without choices: the fallback ends here (data/rules.yml), so the next message starts afresh
            cat = catalogue()
            if answer_outside_catalogue(dispatcher, tracker, cat):
                return [ActiveLoop(None)]
            if mentioned_programmes(tracker, cat) and (events := answered(dispatcher, tracker, cat)) is not None:
                return [*events, ActiveLoop(None)]  # a question about a programme, in a profile's words
            suggested = suggest_for_a_profile_in_message(dispatcher, tracker, cat)
            if suggested:
                return [*suggested, ActiveLoop(None)]  # the profile is clear even though the question was not
            events = answered(dispatcher, tracker, cat)
            if events is not None:
                return [*events, ActiveLoop(None)]  # a catalogue fact answers it: no "did you mean"
        except SQLAlchemyError:
            pass  # without the catalogue, the buttons below still help
        offer_likely_meanings(dispatcher, tracker)
        return []


class ActionAskRephrase(Action):
    """Second stage of the fallback. Rasa runs it when the user did not pick a suggested meaning: the
    "Something else" button (out_of_scope) or another unclear message. A question typed instead that is
    clearly out of scope ("what's the weather in Seoul?") gets the out-of-scope answer, and the fallback ends."""

    def name(self) -> str:
        return "action_default_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        typed = not latest_text(tracker).startswith("/")
        if tracker.get_intent_of_latest_message() == "out_of_scope" and typed:
            return [*await ActionOutOfScope().run(dispatcher, tracker, domain), ActiveLoop(None)]
        if typed:
            events = await off_the_loop(self._answer, dispatcher, tracker)
            if events is not None:
                return [*events, ActiveLoop(None)]  # the question typed instead is one the catalogue answers
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []

    @staticmethod
    def _answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict] | None:
        try:
            return answered(dispatcher, tracker, catalogue())
        except SQLAlchemyError:
            return None


class ActionDefaultFallback(Action):
    """Last stage: say what the assistant can do and where to get help."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if not latest_text(tracker).startswith("/"):
            events = await off_the_loop(ActionAskRephrase._answer, dispatcher, tracker)
            if events is not None:
                return events  # the catalogue answers it after all
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


class ActionRestart(Action):
    """'start over' or /restart: the conversation starts afresh, with a greeting (Rasa's own restart says
    nothing, and a turn with no reply reads as a failure)."""

    def name(self) -> str:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        dispatcher.utter_message(response="utter_greet")
        return [Restarted()]


SMALL_TALK = {
    "affirm": "utter_affirm_ack",
    "deny": "utter_deny_ack",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "bot_challenge": "utter_iamabot",
    "chitchat": "utter_chitchat",
}


class ActionSmallTalk(Action):
    """Yes, no, thanks, goodbye, 'are you a bot?' and chit-chat get their short reply; but a question in a
    programme's thread taken for one of them ("ireland?" after a country check, "and can we get permanent
    residence later?") is answered from the catalogue."""

    def name(self) -> str:
        return "action_small_talk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return await off_the_loop(self._reply, dispatcher, tracker)

    def _reply(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        turn = turn_of(tracker)
        in_a_thread = bool(turn.slot("programme") or turn.slot("topic"))
        if turn.typed and in_a_thread and looks_like_question(turn.text):
            try:
                reply = respond(turn, catalogue())
            except SQLAlchemyError:
                reply = None
            if reply and reply.kind in ("fact", "country"):
                return say(dispatcher, reply)
        dispatcher.utter_message(response=SMALL_TALK.get(turn.intent or "", "utter_chitchat"))
        return []
