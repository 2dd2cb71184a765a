"""Actions about the user's own situation: country and field checks, official contacts, handoff."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    CatalogueAction,
    answered,
    contacts_or_empty,
    entity_values,
    latest_text,
    mentioned_programmes,
    say,
    turn_of,
)
from actions.form_actions import refine_suggestions
from visa_guide.answers.people import contacts_answer, field_answer, unknown_country_answer
from visa_guide.assistant import respond
from visa_guide.assistant.contacts import contact_reply
from visa_guide.assistant.decide import country_reply
from visa_guide.catalogue.queries import Catalogue

ASK_COUNTRY = "Which country are you from? I'll check it against the Korean War participants."


class ActionCheckCountry(CatalogueAction):
    def name(self) -> str:
        return "action_check_country"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        values = entity_values(tracker, "country")
        country = next((c for v in values if (c := cat.find_country(v))), None)
        if country is None:
            names = cat.countries_in_text(latest_text(tracker))
            country = cat.find_country(names[0]) if names else None
        if country is None and (events := answered(dispatcher, tracker, cat)) is not None:
            return events  # "does my country count?" with the country given before
        if country is None:
            text = unknown_country_answer(values[0]) if values else ASK_COUNTRY
            dispatcher.utter_message(text=text)
            return []
        refined = refine_suggestions(dispatcher, tracker, cat, "country", country.name)
        if refined is not None:
            return refined
        return say(dispatcher, country_reply(cat, country))


# a question for the list of sectors, not whether one field is covered
SECTOR_LIST = re.compile(r"\b(?:which|what) (?:\w+ )?(?:sectors|industries|fields)\b", re.IGNORECASE)


class ActionCheckField(CatalogueAction):
    def name(self) -> str:
        return "action_check_field"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        values = entity_values(tracker, "field") or cat.fields_in_text(latest_text(tracker))
        field = next((f for v in values if (f := cat.find_field(v))), None)
        if (field is None or SECTOR_LIST.search(latest_text(tracker))) and (
            events := answered(dispatcher, tracker, cat)
        ) is not None:
            return events  # "which sectors does the Top-Tier take?", "what's my weekly work limit?"
        if field is None:
            dispatcher.utter_message(
                text="Which field do you work in? For example AI, robotics, semiconductors or biotech."
            )
            return []
        refined = refine_suggestions(dispatcher, tracker, cat, "field", field.id)
        if refined is not None:
            return refined
        programmes = mentioned_programmes(tracker, cat)
        programme_id = programmes[0] if programmes else None
        coverage = cat.coverage(field.id, programme_id)
        if programme_id and not coverage:
            other = cat.coverage(field.id)
            text = field_answer(field, [], cat.programme(programme_id), contacts_or_empty(cat))
            if other:
                text += "\n" + field_answer(field, other, None, [])
        else:
            text = field_answer(
                field, coverage, cat.programme(programme_id) if programme_id else None, contacts_or_empty(cat)
            )
        dispatcher.utter_message(text=text)
        events = [SlotSet("field", field.id)]
        if programme_id:
            events.append(SlotSet("programme", programme_id))
        return events


class ActionContacts(CatalogueAction):
    def name(self) -> str:
        return "action_contacts"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        if mentioned_programmes(tracker, cat) and (events := answered(dispatcher, tracker, cat)) is not None:
            return events  # "what's the official name of the Youth Dream visa?" is about the programme
        turn = turn_of(tracker)
        reply = contact_reply(turn, cat)
        if reply is None and turn.slot("programme"):
            reply = respond(turn, cat)  # "is that the official name?" in a programme's thread
            reply = reply if reply and reply.kind == "fact" else None
        if reply:
            return say(dispatcher, reply)
        dispatcher.utter_message(text=contacts_answer(cat.contacts(), "The official contacts and what each is for:"))
        return []


class ActionHandoff(CatalogueAction):
    def name(self) -> str:
        return "action_handoff"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        in_a_thread = tracker.get_slot("compared") or tracker.get_slot("programme")
        if in_a_thread and (events := answered(dispatcher, tracker, cat, kinds=("fact",))) is not None:
            return events  # "which is better for someone with only a bachelor's?" after a comparison
        dispatcher.utter_message(
            text=contacts_answer(
                cat.contacts(),
                "I can't transfer you to a person, but these official services can help you directly:",
            )
        )
        return []
