"""Out of scope: a message carrying a profile gets suggestions; a question naming a catalogue programme gets its
overview; a visa question the catalogue does not cover gets the official contacts; anything else the generic
line."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import CatalogueAction, answer_aspect_of, answered, button, mentioned_programmes
from actions.form_actions import suggest_for_a_profile_in_message
from visa_guide.answers.people import outside_catalogue_text
from visa_guide.catalogue.queries import Catalogue
from visa_guide.scope import is_visa_related, outside_catalogue_topic


def latest_words(tracker: Tracker) -> str:
    """The latest message the user typed (a button's /command is skipped for the message before it)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and not str(event.get("text") or "").startswith("/"):
            return str(event.get("text") or "")
    return ""


def answer_outside_catalogue(dispatcher: CollectingDispatcher, tracker: Tracker, cat: Catalogue) -> bool:
    """Answers with the official contacts when the message is about a visa topic outside the catalogue.

    Used before an ordinary answer (a question about 'renewing my alien registration card' is understood as
    a question about applying, but no programme here covers it). Returns whether it answered.
    """
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or not outside_catalogue_topic(text, bool(mentioned_programmes(tracker, cat))):
        return False
    say_outside_catalogue(dispatcher, cat)
    return True


def say_outside_catalogue(dispatcher: CollectingDispatcher, cat: Catalogue) -> None:
    dispatcher.utter_message(
        text=outside_catalogue_text(cat.contacts()), buttons=[button("Show the programmes", "list_programmes")]
    )


class ActionOutOfScope(CatalogueAction):
    def name(self) -> str:
        return "action_out_of_scope"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        words = latest_words(tracker)
        named = mentioned_programmes(tracker, cat)
        outside = outside_catalogue_topic(words, names_a_programme=bool(named))
        if named and not outside and (events := answered(dispatcher, tracker, cat)) is not None:
            return events  # "I'm 24, from Kenya... what's this Youth Dream visa?" asks about the programme
        if not outside:
            # "im 23 from vietnam studying AI, what visa can i get": a profile, whatever the wording
            suggested = suggest_for_a_profile_in_message(dispatcher, tracker, cat)
            if suggested:
                return suggested
        if not outside and (events := answered(dispatcher, tracker, cat)) is not None:
            return events
        if named and not outside:
            # "how many months does a D-10 last": a catalogue programme, asked in an unexpected way
            return answer_aspect_of(dispatcher, cat, named[0], "overview")
        if is_visa_related(words):
            say_outside_catalogue(dispatcher, cat)
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
