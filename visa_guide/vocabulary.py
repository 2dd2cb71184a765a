"""The one source of the assistant's vocabulary: the aspects a programme's facts are filed under, the intents
that ask for them, and the words users see for both. The catalogue schema, the answers, the actions and the
fallback's choices all read these tables; domain.yml declares the same intents (a unit test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Aspect:
    """One aspect of a programme.

    name: the key in the catalogue YAML; label: in an answer's heading; intent: the intent that asks for it
    (None: no question asks for it alone); choice: the fallback's button offering that intent; follow_up: the
    button offering it after another aspect's answer (None: not offered); in_sentence: how an answer names it
    mid-sentence ("my sources don't cover the fees for ..."), when the label does not read well there.
    """

    name: str
    label: str
    intent: str | None = None
    choice: str | None = None
    follow_up: str | None = None
    in_sentence: str | None = None


ASPECT_TABLE = (
    Aspect("overview", "overview", "ask_overview", "What a programme is"),
    Aspect("eligibility", "who can apply", "ask_eligibility", "Who can apply", "Who can apply?"),
    Aspect("fields", "fields and sectors", "ask_fields", "Which fields are covered", in_sentence="the fields covered"),
    Aspect("benefits", "benefits", "ask_benefits", "The benefits", "Benefits", "the benefits"),
    Aspect("family", "family", "ask_family", "Bringing family", "Family", "bringing family members"),
    Aspect("application", "how to apply", "ask_application", "How to apply", "How to apply"),
    Aspect("documents", "documents", "ask_documents", "Documents", in_sentence="the documents needed"),
    Aspect("fees", "fees", "ask_fees", "Fees", in_sentence="the fees"),
    Aspect("processing", "processing time", "ask_processing", "Processing time", in_sentence="the processing time"),
    Aspect(
        "timeline", "timeline and status", "ask_timeline", "Whether it is open now", "Can I apply now?", "the timeline"
    ),
    Aspect("numbers", "numbers", in_sentence="the numbers"),
)
# the follow-up buttons, in the order they are offered
FOLLOW_UP_ORDER = ("eligibility", "benefits", "family", "timeline", "application")

# Intents that ask for something other than one aspect, with the fallback's button offering them.
OTHER_INTENT_CHOICES = {
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

ASPECTS = tuple(a.name for a in ASPECT_TABLE)
ASPECT_LABELS = {a.name: a.label for a in ASPECT_TABLE}
ASPECT_IN_SENTENCE = {a.name: a.in_sentence or a.label for a in ASPECT_TABLE}
ASPECT_BY_INTENT = {a.intent: a.name for a in ASPECT_TABLE if a.intent}
INTENT_BY_ASPECT = {a.name: a.intent for a in ASPECT_TABLE if a.intent}
# what the fallback may offer when it is unsure: an aspect's question, or one of the other intents
INTENT_CHOICES = {**{a.intent: a.choice for a in ASPECT_TABLE if a.intent and a.choice}, **OTHER_INTENT_CHOICES}
FOLLOW_UPS = tuple(
    (a.follow_up, a.name) for name in FOLLOW_UP_ORDER for a in ASPECT_TABLE if a.name == name and a.follow_up
)
