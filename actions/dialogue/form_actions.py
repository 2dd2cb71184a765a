"""The eligibility wizard: prefill from what the user already said, validate answers, recommend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers.people import recommendation_answer
from actions.catalogue.queries import Catalogue
from actions.catalogue.recommend import Profile, recommend
from actions.catalogue.schema import CURRENT_STATUSES, EDUCATION_LEVELS
from actions.dialogue.common import CatalogueAction, catalogue, contacts_or_empty, entity_values, latest_text
from actions.profile_parsing import (
    MAX_AGE,
    MIN_AGE,
    SKIPPED,
    is_skip,
    mentions_number,
    parse_age,
    parse_education,
    parse_status,
    stated_age,
)

PROFILE_SLOTS = ("age", "country", "current_status", "field", "education")
T = TypeVar("T")
ANSWER_INTENTS = {"inform", "affirm", "deny", "nlu_fallback", "chitchat", "out_of_scope"}


def _first(values: list[str], parse: Callable[[str], T | None]) -> T | None:
    return next((parsed for value in values if (parsed := parse(value)) is not None), None)


def extract_profile(tracker: Tracker, cat: Catalogue) -> dict[str, str]:
    """Every profile value found in the latest message, normalised (country name, field id, levels)."""
    text = latest_text(tracker)
    found = {
        "age": _first(entity_values(tracker, "age"), parse_age) or stated_age(text),
        "country": _first(entity_values(tracker, "country") + cat.countries_in_text(text), cat.find_country),
        "current_status": _first(entity_values(tracker, "current_status") + [text], parse_status),
        "field": _first(entity_values(tracker, "field") + cat.fields_in_text(text), cat.find_field),
        "education": _first(entity_values(tracker, "education") + [text], parse_education),
    }
    if found["country"]:
        found["country"] = found["country"].name
    if found["field"]:
        found["field"] = found["field"].id
    return {slot: str(value) for slot, value in found.items() if value}


def _profile_in_message(tracker: Tracker) -> dict[str, str]:
    """extract_profile once per request: the form calls one extract_ method per slot with the same tracker."""
    if "_profile_in_message" not in tracker.__dict__:
        tracker.__dict__["_profile_in_message"] = extract_profile(tracker, catalogue())
    return tracker.__dict__["_profile_in_message"]


class ActionStartEligibility(CatalogueAction):
    """Explains the wizard and keeps what the user already said, so the form only asks for the rest."""

    def name(self) -> str:
        return "action_start_eligibility"

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        dispatcher.utter_message(response="utter_form_intro")
        return [SlotSet(slot, value) for slot, value in extract_profile(tracker, cat).items()]


class ValidateEligibilityForm(FormValidationAction):
    def name(self) -> str:
        return "validate_eligibility_form"

    async def extract_age(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._extract("age", tracker)

    async def extract_country(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._extract("country", tracker)

    async def extract_current_status(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return self._extract("current_status", tracker)

    async def extract_field(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._extract("field", tracker)

    async def extract_education(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return self._extract("education", tracker)

    def _extract(self, slot: str, tracker: Tracker) -> dict:
        """The slot's value from this message: a recognised value, 'skipped', or the raw text to validate."""
        if tracker.get_slot(slot) and tracker.get_slot("requested_slot") != slot:
            return {}
        found = _profile_in_message(tracker)
        if slot in found:
            return {slot: found[slot]}
        if tracker.get_slot("requested_slot") != slot:
            return {}
        text = latest_text(tracker)
        if is_skip(text):
            return {slot: SKIPPED}
        if tracker.get_intent_of_latest_message() not in ANSWER_INTENTS or not text or text.startswith("/"):
            return {}  # a question in the middle of the wizard: the form steps aside (see data/rules.yml)
        return {slot: text}

    def validate_age(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        if value == SKIPPED:
            return {"age": SKIPPED}
        age = parse_age(str(value))
        if age is None:
            hint = (
                f"I can only use ages from {MIN_AGE} to {MAX_AGE}."
                if mentions_number(str(value))
                else "Please give your age as a number, like 27."
            )
            dispatcher.utter_message(text=f"{hint} Or say 'skip' to leave it out.")
            return {"age": None}
        return {"age": str(age)}

    def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"country": SKIPPED}
        country = catalogue().find_country(str(value))
        if country is None:
            dispatcher.utter_message(
                text="I don't recognise that country. Please write its name in English (e.g. 'Kenya'), or say 'skip'."
            )
            return {"country": None}
        return {"country": country.name}

    def validate_current_status(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"current_status": SKIPPED}
        status = value if value in CURRENT_STATUSES else parse_status(str(value))
        if status is None:
            dispatcher.utter_message(text="Please answer student, graduate or working, or say 'skip'.")
        return {"current_status": status}

    def validate_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"field": SKIPPED}
        field = catalogue().find_field(str(value))
        if field is None:
            # an unknown field is still an answer: it simply matches no named sector
            return {"field": f"other:{str(value)[:60]}"}
        return {"field": field.id}

    def validate_education(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"education": SKIPPED}
        level = value if value in EDUCATION_LEVELS else parse_education(str(value))
        if level is None:
            dispatcher.utter_message(text="Please answer high school, bachelor's, master's or PhD, or say 'skip'.")
        return {"education": level}


def profile_from_slots(tracker: Tracker, cat: Catalogue) -> Profile:
    def given(slot: str) -> str | None:
        value = tracker.get_slot(slot)
        return None if value in (None, "", SKIPPED) else str(value)

    field_id = given("field")
    field = cat.find_field(field_id) if field_id and not field_id.startswith("other:") else None
    country = cat.find_country(given("country")) if given("country") else None
    age = given("age")
    return Profile(
        age=int(age) if age and age.isdigit() else None,
        country=country,
        current_status=given("current_status"),
        field=field.id if field else field_id,
        field_name=field.name if field else (field_id.split(":", 1)[1] if field_id else None),
        education=given("education"),
    )


class ActionRecommend(CatalogueAction):
    def name(self) -> str:
        return "action_recommend"

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        programmes = cat.programmes()
        gaps = {p.id: [g.topic for g in cat.gaps(p.id, ("eligibility",))] for p in programmes}
        ranked = recommend(programmes, profile_from_slots(tracker, cat), gaps)
        dispatcher.utter_message(text=recommendation_answer(ranked, contacts_or_empty(cat)))
        return [SlotSet("programme", ranked[0].programme.id)] if ranked else []


class ActionStopForm(Action):
    def name(self) -> str:
        return "action_stop_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_form_stopped")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        dispatcher.utter_message(response="utter_nothing_to_stop")
        return [ActiveLoop(None)]
