"""The eligibility wizard: prefill from what the user already said, validate answers, recommend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    CatalogueAction,
    answered,
    button,
    catalogue,
    contacts_or_empty,
    entity_values,
    latest_text,
    mentioned_programmes,
    off_the_loop,
    say,
    turn_of,
)
from actions.likely_meanings import offer_likely_meanings
from visa_guide.answers.facts import spoken_list
from visa_guide.answers.people import recommendation_answer
from visa_guide.assistant import respond
from visa_guide.assistant.profile import noted_reply
from visa_guide.assistant.replies import not_covered_reply
from visa_guide.assistant.thread import asks_about_self
from visa_guide.catalogue.queries import Catalogue
from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.catalogue.schema import CURRENT_STATUSES, EDUCATION_LEVELS
from visa_guide.profile.parsing import (
    MAX_AGE,
    MIN_AGE,
    PROFILE_ITEMS,
    SKIPPED,
    enough_for_suggestions,
    is_given,
    is_skip,
    mentions_number,
    parse_age,
    parse_education,
    parse_status,
    stated_age,
)
from visa_guide.profile.refine import items_that_matter
from visa_guide.scope import outside_catalogue_topic

PROFILE_SLOTS = PROFILE_ITEMS
MAX_INVALID_ANSWERS = 2  # after this many unusable answers to one question, the wizard skips it and says so
ITEM_LABELS = {
    "age": "your age",
    "country": "your nationality",
    "current_status": "whether you study, have graduated or work",
    "field": "your field",
    "education": "your highest degree",
}
ITEM_BUTTONS = {
    "current_status": [("Student", "student"), ("Graduate", "graduate"), ("Working", "worker")],
    "education": [("Bachelor's", "bachelor"), ("Master's", "master"), ("PhD", "phd")],
}
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
    """Keeps what the user said about themselves; with enough of a profile (see `enough_for_suggestions`)
    it sets `profile_given` so that suggestions follow at once (data/rules.yml), otherwise it explains the
    wizard, which then asks only for the rest. A detail that holds nothing of a profile sets it to False: the
    message was not understood, and the likeliest meanings are offered instead of the wizard."""

    def name(self) -> str:
        return "action_start_eligibility"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        found = extract_profile(tracker, cat)
        known = [slot for slot in PROFILE_SLOTS if is_given(tracker.get_slot(slot))]
        asked = tracker.get_intent_of_latest_message() == "recommend_visa"
        kept = [SlotSet(slot, value) for slot, value in found.items()]
        in_a_thread = bool(tracker.get_slot("programme") or tracker.get_slot("topic"))
        # "I'm from Colombia, does that count?" after Youth Dream, "Youth Dream for someone from Indonesia?":
        # a question about a programme, not a request for suggestions
        named = mentioned_programmes(tracker, cat)
        # "would it work for me?" about the programme discussed: its rules (or the country check), no wizard
        about_one = named or (in_a_thread and (not asked or asks_about_self(latest_text(tracker))))
        if outside_catalogue_topic(latest_text(tracker), bool(named)):
            # "I'm married to a Korean, help with my visa?"; not "what changed for the F-2-R?"
            return [*say(dispatcher, not_covered_reply(cat)), SlotSet("profile_given", False)]
        refining = previous_bot_action(tracker) == "action_recommend"  # "I'm from Australia" refines them
        reply = respond(turn_of(tracker), cat) if about_one and not refining else None
        if reply and reply.kind in ("fact", "country", "block"):
            return [*kept, *say(dispatcher, reply), SlotSet("profile_given", False)]
        if not asked and found and not enough_for_suggestions(found, known, asked):
            # a detail in passing ("I'm from Chile") is kept for later; it does not start the questions
            return [*say(dispatcher, noted_reply(found)), SlotSet("profile_given", False)]
        if not asked and not found:
            # "what hours is 1345 open" taken for a profile detail: no wizard, the likeliest meanings instead
            offer_likely_meanings(dispatcher, tracker, skip=("inform",))
            return [SlotSet("profile_given", False)]
        ready = enough_for_suggestions(found, known, asked)
        if not ready:
            dispatcher.utter_message(response="utter_form_intro")
        return [*kept, SlotSet("wizard_misses", None), SlotSet("profile_given", True if ready else None)]


class ValidateEligibilityForm(FormValidationAction):
    def name(self) -> str:
        return "validate_eligibility_form"

    async def extract_age(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await off_the_loop(self._extract, "age", tracker)

    async def extract_country(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await off_the_loop(self._extract, "country", tracker)

    async def extract_current_status(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        return await off_the_loop(self._extract, "current_status", tracker)

    async def extract_field(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await off_the_loop(self._extract, "field", tracker)

    async def extract_education(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await off_the_loop(self._extract, "education", tracker)

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
            return invalid_answer("age", f"{hint} Or say 'skip' to leave it out.", dispatcher, tracker)
        return {"age": str(age)}

    async def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"country": SKIPPED}
        country = await off_the_loop(catalogue().find_country, str(value))
        if country is None:
            return invalid_answer(
                "country",
                "I don't recognise that country. Please write its name in English (e.g. 'Kenya'), or say 'skip'.",
                dispatcher,
                tracker,
            )
        return {"country": country.name}

    def validate_current_status(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"current_status": SKIPPED}
        status = value if value in CURRENT_STATUSES else parse_status(str(value))
        if status is None:
            return invalid_answer(
                "current_status", "Please answer student, graduate or working, or say 'skip'.", dispatcher, tracker
            )
        return {"current_status": status}

    async def validate_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        if value == SKIPPED:
            return {"field": SKIPPED}
        field = await off_the_loop(catalogue().find_field, str(value))
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
            return invalid_answer(
                "education",
                "Please answer high school, bachelor's, master's or PhD, or say 'skip'.",
                dispatcher,
                tracker,
            )
        return {"education": level}


def misses_after(stored: str | None, slot: str) -> int:
    """How many unusable answers `slot` will have had with this one ('age:1' stored means one before)."""
    name, _, count = (stored or "").partition(":")
    return (int(count) if name == slot and count.isdigit() else 0) + 1


def invalid_answer(slot: str, hint: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict:
    """An answer the wizard can't use: ask again with `hint`, or after MAX_INVALID_ANSWERS skip the question."""
    misses = misses_after(tracker.get_slot("wizard_misses"), slot)
    if misses >= MAX_INVALID_ANSWERS:
        dispatcher.utter_message(
            text=f"I still can't use that, so I'll skip this question and leave out {ITEM_LABELS[slot]}. "
            "You can tell me later if you like."
        )
        return {slot: SKIPPED, "wizard_misses": None}
    dispatcher.utter_message(text=hint)
    return {slot: None, "wizard_misses": f"{slot}:{misses}"}


def profile_values(tracker: Tracker) -> dict[str, Any]:
    """The profile slots as they stand (None: never asked; SKIPPED: left out)."""
    return {slot: tracker.get_slot(slot) for slot in PROFILE_SLOTS}


def profile_from_slots(tracker: Tracker, cat: Catalogue) -> Profile:
    return profile_from_values(profile_values(tracker), cat)


def profile_from_values(values: dict[str, Any], cat: Catalogue) -> Profile:
    def given(slot: str) -> str | None:
        value = values.get(slot)
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

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        return suggest(dispatcher, profile_values(tracker), cat)


def suggest(dispatcher: CollectingDispatcher, values: dict[str, Any], cat: Catalogue) -> list[dict]:
    """The ranked suggestions for the profile `values`, then the offer to refine what could change them."""
    programmes = cat.programmes()
    gaps = {p.id: [g.topic for g in cat.gaps(p.id, ("eligibility",))] for p in programmes}
    profile = profile_from_values(values, cat)
    ranked = recommend(programmes, profile, gaps)
    dispatcher.utter_message(text=recommendation_answer(ranked, contacts_or_empty(cat)))
    never_asked = [slot for slot in PROFILE_SLOTS if values.get(slot) in (None, "")]
    if never_asked:
        wanted = items_that_matter(programmes, profile, never_asked, cat.war_participants()[:1], gaps)
        if wanted:
            dispatcher.utter_message(**refine_offer(wanted))
    return [SlotSet("programme", ranked[0].programme.id)] if ranked else []


def previous_bot_action(tracker: Tracker) -> str | None:
    """The last action run before the latest user message (action_listen aside)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


def refine_suggestions(
    dispatcher: CollectingDispatcher, tracker: Tracker, cat: Catalogue, slot: str, value: str
) -> list[dict] | None:
    """Right after suggestions that offered to refine, an answer understood as another question ("I'm
    Colombian" as a country check) refines them instead; None in any other context."""
    if tracker.get_slot("profile_given") is not True or previous_bot_action(tracker) != "action_recommend":
        return None
    if tracker.get_slot(slot) not in (None, "") or mentioned_programmes(tracker, cat):
        return None
    return [SlotSet(slot, value), *suggest(dispatcher, {**profile_values(tracker), slot: value}, cat)]


def suggest_for_a_profile_in_message(dispatcher: CollectingDispatcher, tracker: Tracker, cat: Catalogue) -> list[dict]:
    """Suggestions when the latest message carries enough of a profile whatever its intent (used when the
    intent was unclear); [] when it does not."""
    found = extract_profile(tracker, cat)
    values = profile_values(tracker)
    if not enough_for_suggestions(found, [slot for slot, value in values.items() if is_given(value)], False):
        return []
    events = suggest(dispatcher, {**values, **found}, cat)
    return [*(SlotSet(slot, value) for slot, value in found.items()), SlotSet("profile_given", True), *events]


def refine_offer(items: list[str]) -> dict[str, Any]:
    """The offer to sharpen the suggestions: only the items that could change their order."""
    wanted = spoken_list([ITEM_LABELS[item] for item in items], "and")
    text = (
        f"To sharpen this order, you could tell me {wanted}: that could change it. "
        "Just write it here, or ask me anything else. I keep your answers only for this chat "
        "(say 'forget me' to delete them)."
    )
    choices = next((ITEM_BUTTONS[item] for item in items if item in ITEM_BUTTONS), [])
    slot = next((item for item in items if item in ITEM_BUTTONS), "")
    return {"text": text, "buttons": [button(title, "inform", **{slot: value}) for title, value in choices]}


class ActionStopForm(Action):
    def name(self) -> str:
        return "action_stop_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_form_stopped")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        if (events := answered(dispatcher, tracker, catalogue(), kinds=("fact",))) is not None:
            return [*events, ActiveLoop(None)]  # "is 150 million won a year enough for top tier": a question
        dispatcher.utter_message(response="utter_nothing_to_stop")
        return [ActiveLoop(None)]
