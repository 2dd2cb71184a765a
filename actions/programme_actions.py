"""Actions that explain programmes: the list, an aspect of one, a topic, the context, a comparison."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    CatalogueAction,
    answer_aspect_of,
    answered,
    button,
    contacts_or_empty,
    current_programme,
    follow_up_buttons,
    latest_text,
    mentioned_programmes,
    programme_buttons,
)
from visa_guide.answers.citations import confirm_line, sources_line
from visa_guide.answers.facts import aspect_answer, comparison_answer, fact_line, programme_list, statements
from visa_guide.catalogue.queries import Catalogue
from visa_guide.scope import named_category
from visa_guide.vocabulary import ASPECT_BY_INTENT

TOPIC_CATEGORIES = {
    "ask_after_graduation": ("student", "After graduating in Korea, these options apply:"),
    "ask_nonspecialized_jobs": ("student", "For international students' jobs, these are the options:"),
    "ask_regional": ("regional", "Korea's region-linked visas:"),
}
TOPIC_PROGRAMME = {"ask_nonspecialized_jobs": "nonspecialized-jobs-students"}
COMPARE_ASPECTS = ("eligibility", "benefits", "timeline")
COMPARE_WORDS = re.compile(r"\b(?:compare|comparing|comparison|versus|vs)\b", re.IGNORECASE)


class ActionCapabilities(CatalogueAction):
    def name(self) -> str:
        return "action_capabilities"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        names = ", ".join(p.name for p in cat.programmes())
        dispatcher.utter_message(
            text=(
                f"I explain South Korea's new visa programmes ({names}): who they are for, benefits, family, "
                "how to apply and their status, always with dated sources. I can also check your country for "
                "the Youth Dream visa, compare two programmes, suggest programmes for your profile, and give "
                "you the official contacts."
            ),
            buttons=[
                button("List the programmes", "list_programmes"),
                button("Which visa fits me?", "recommend_visa"),
                button("Official contacts", "ask_contacts"),
            ],
        )
        return []


class ActionListProgrammes(CatalogueAction):
    def name(self) -> str:
        return "action_list_programmes"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        in_a_thread = mentioned_programmes(tracker, cat) or tracker.get_slot("programme")
        if in_a_thread and (events := answered(dispatcher, tracker, cat, kinds=("fact", "gap"))) is not None:
            return events  # "which ones were named at launch?" (the sectors), "can you list all of them?"
        programmes = cat.programmes()
        dispatcher.utter_message(
            text=programme_list(programmes, "These are the programmes I know (status in brackets):"),
            buttons=programme_buttons(cat, "ask_overview")[:6],
        )
        return []


class ActionAnswerAspect(CatalogueAction):
    """Answers 'what/who/how...' about one programme; follow-ups keep the programme or the aspect."""

    def name(self) -> str:
        return "action_answer_aspect"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        if (events := answered(dispatcher, tracker, cat)) is not None:
            return events
        intent = tracker.get_intent_of_latest_message() or ""
        aspect = ASPECT_BY_INTENT.get(intent) or tracker.get_slot("aspect") or "overview"
        programme_id = current_programme(tracker, cat)
        if programme_id is None:
            group = named_category(latest_text(tracker))  # "the regional visa": offer only the regional ones
            choices = programme_buttons(cat, intent if intent in ASPECT_BY_INTENT else "ask_overview", group)
            dispatcher.utter_message(response="utter_ask_which_programme", buttons=choices)
            return [SlotSet("aspect", aspect)]
        return answer_aspect_of(dispatcher, cat, programme_id, aspect)


class ActionAnswerTopic(CatalogueAction):
    """Questions about a group of programmes: options after graduation, students' jobs, regional visas."""

    def name(self) -> str:
        return "action_answer_topic"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        if (events := answered(dispatcher, tracker, cat)) is not None:
            return events
        intent = tracker.get_intent_of_latest_message() or ""
        category, title = TOPIC_CATEGORIES.get(intent, ("student", "These programmes are related:"))
        programmes = [p for p in cat.programmes() if p.category == category]
        wanted = [pid for pid in mentioned_programmes(tracker, cat) if any(p.id == pid for p in programmes)]
        single = wanted[0] if wanted else TOPIC_PROGRAMME.get(intent)
        if single:
            programme = cat.programme(single)
            text = aspect_answer(
                programme,
                "overview",
                cat.facts(single, ("overview",)),
                cat.gaps(single, ("overview",)),
                contacts_or_empty(cat),
            )
            dispatcher.utter_message(text=text, buttons=follow_up_buttons(single, "overview"))
            return [SlotSet("programme", single), SlotSet("aspect", "overview")]
        dispatcher.utter_message(
            text=programme_list(programmes, title),
            buttons=[button(p.name, "ask_overview", programme=p.id) for p in programmes],
        )
        return [SlotSet("aspect", "overview")]


class ActionAnswerContext(CatalogueAction):
    """Numbers and reasons behind the policy: foreign population, the talent goal, the Japan comparison."""

    def name(self) -> str:
        return "action_answer_context"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        if (events := answered(dispatcher, tracker, cat)) is not None:
            return events
        facts = cat.context_facts()
        text = tracker.latest_message.get("text", "").lower()
        wanted = [f for f in facts if any(word in text for word in f.topic.split("-") if len(word) > 4)]
        shown = (wanted or facts)[:4]
        lines = [
            "**Why Korea is doing this, in numbers:**",
            *(fact_line(f) for f in shown),
            sources_line(statements(shown)),
            confirm_line(contacts_or_empty(cat)),
        ]
        dispatcher.utter_message(text="\n".join(line for line in lines if line))
        return []


class ActionCompareProgrammes(CatalogueAction):
    def name(self) -> str:
        return "action_compare_programmes"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        ids = mentioned_programmes(tracker, cat)
        last = tracker.get_slot("programme")
        if len(ids) == 1 and last and last != ids[0]:
            ids = [last, ids[0]]
        asks_to_compare = COMPARE_WORDS.search(latest_text(tracker))  # "compare two programmes": the pairs
        if len(ids) < 2 and not asks_to_compare and (events := answered(dispatcher, tracker, cat)) is not None:
            return events  # "max months of an internship at the same company" is not a comparison
        if len(ids) < 2:
            dispatcher.utter_message(
                text="Which two programmes should I compare? For example: 'compare Top-Tier and Youth Dream'.",
                buttons=[
                    button(f"{a.name} vs {b.name}", "compare_programmes", programme=f"{a.id} and {b.id}")
                    for a, b in cat.comparison_pairs()
                ],
            )
            return []
        comparison = cat.compare(ids[0], ids[1], COMPARE_ASPECTS)
        dispatcher.utter_message(text=comparison_answer(comparison, contacts_or_empty(cat)))
        return [SlotSet("programme", ids[1]), SlotSet("compared", f"{ids[0]},{ids[1]}"), SlotSet("topic", None)]

