"""What the actions share: the catalogue they read, resolving what the user refers to, buttons."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from visa_guide import settings
from visa_guide.answers.citations import confirm_line
from visa_guide.answers.facts import programme_aspect_answer
from visa_guide.assistant import Reply, Turn, respond
from visa_guide.assistant.thread import programmes_named
from visa_guide.catalogue.queries import Catalogue
from visa_guide.catalogue.views import ContactView
from visa_guide.scope import named_category
from visa_guide.vocabulary import FOLLOW_UPS, INTENT_BY_ASPECT

logger = logging.getLogger(__name__)
Result = TypeVar("Result")


_override: Catalogue | None = None


class OneVersionCatalogue(Catalogue):
    """The catalogue, whose version is read once per action call instead of before every cached read.

    Every cached read asks the database for the catalogue's fingerprint, on a new SQLite connection: about
    half of the action server's CPU per turn, for tens of reads a turn. Inside `one_version()` (an action's
    work, see `off_the_loop`), the first read of the fingerprint is kept for the rest of that work, in that
    thread; outside, each read asks as before. A reload of the catalogue is noticed from the next action call.
    """

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        self._pinned = threading.local()

    def version(self) -> str:
        if not getattr(self._pinned, "active", False):
            return super().version()
        if self._pinned.value is None:
            self._pinned.value = super().version()  # read lazily: an unavailable database fails where it did
        return self._pinned.value

    @contextmanager
    def one_version(self) -> Iterator[None]:
        if getattr(self._pinned, "active", False):  # nested: the outer call's version holds
            yield
            return
        self._pinned.active, self._pinned.value = True, None
        try:
            yield
        finally:
            self._pinned.active, self._pinned.value = False, None


@lru_cache(maxsize=4)
def _catalogue_for(url: str) -> Catalogue:
    return OneVersionCatalogue.from_url(url)


def catalogue() -> Catalogue:
    """The catalogue at DATABASE_URL, opened on first use (tests may install another with use_catalogue)."""
    return _override or _catalogue_for(settings.database_url())


def use_catalogue(instance: Catalogue | None) -> None:
    global _override
    _override = instance


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    values = [str(e.get("value")) for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]
    return list(dict.fromkeys(v for v in values if v and v != "None"))


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def mentioned_programmes(tracker: Tracker, cat: Catalogue) -> list[str]:
    """Programme ids the latest message refers to: entity values first, then a search of the text."""
    return programmes_named(turn_of(tracker), cat)


CONVERSATION_SLOTS = (
    *("programme", "aspect", "topic", "compared"),
    *("country", "field", "age", "current_status", "education"),
)


def turn_of(tracker: Tracker) -> Turn:
    """The latest message as the Rasa-free decisions take it."""
    message = tracker.latest_message
    intent = message.get("intent") or {}
    entities: dict[str, list[str]] = {}
    for entity in message.get("entities", []):
        value = entity.get("value")
        if entity.get("entity") and value not in (None, "", "None"):
            entities.setdefault(entity["entity"], []).append(str(value))
    return Turn(
        text=latest_text(tracker),
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities,
        slots={slot: tracker.get_slot(slot) for slot in CONVERSATION_SLOTS},
    )


def say(dispatcher: CollectingDispatcher, reply: Reply) -> list[dict[str, Any]]:
    """Utters a Reply's messages and returns its slot changes as events."""
    for message in reply.messages:
        buttons = [{"title": b.title, "payload": b.payload} for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons)
    return [SlotSet(slot, value) for slot, value in reply.slots.items()]


def answered(
    dispatcher: CollectingDispatcher, tracker: Tracker, cat: Catalogue, kinds: tuple[str, ...] = ()
) -> list[dict[str, Any]] | None:
    """The decisions' answer to a typed question, uttered (its events), or None when they leave it to the
    action's own answer. With `kinds`, only a reply of those kinds is taken ("fact": one that leads with the
    fact asked for), for actions whose own answer is something else (the list of programmes)."""
    reply = respond(turn_of(tracker), cat)
    if reply is None or (kinds and reply.kind not in kinds):
        return None
    return say(dispatcher, reply)


def current_programme(tracker: Tracker, cat: Catalogue) -> str | None:
    """The programme the user means now: one named in the message, else the one discussed last, unless the
    message names a group it is not in ("when does the regional visa start" after talking about Youth Dream)."""
    mentioned = mentioned_programmes(tracker, cat)
    if mentioned:
        return mentioned[0]
    slot = tracker.get_slot("programme")
    last = cat.programme(slot) if slot else None
    return last.id if last and named_category(latest_text(tracker)) in (None, last.category) else None


def button(title: str, intent: str, **entities: str) -> dict[str, str]:
    payload = f"/{intent}" + (json.dumps(entities) if entities else "")
    return {"title": title, "payload": payload}


def programme_buttons(cat: Catalogue, intent: str, category: str | None = None) -> list[dict[str, str]]:
    """A button per programme (of `category` only, when given), asking `intent` about it."""
    return [button(p.name, intent, programme=p.id) for p in cat.programmes() if category in (None, p.category)]


def follow_up_buttons(programme_id: str, asked: str) -> list[dict[str, str]]:
    offered = [(title, aspect) for title, aspect in FOLLOW_UPS if aspect != asked][:4]
    return [button(title, INTENT_BY_ASPECT[aspect], programme=programme_id) for title, aspect in offered]


def answer_aspect_of(
    dispatcher: CollectingDispatcher, cat: Catalogue, programme_id: str, aspect: str
) -> list[dict[str, Any]]:
    """One aspect of one programme in full (a button's answer), with follow-up buttons; the programme and
    aspect are kept for follow-ups."""
    text = programme_aspect_answer(cat, programme_id, aspect, contacts_or_empty(cat))
    dispatcher.utter_message(text=text, buttons=follow_up_buttons(programme_id, aspect))
    return [SlotSet("programme", programme_id), SlotSet("aspect", aspect)]


def contacts_or_empty(cat: Catalogue) -> list[ContactView]:
    try:
        return cat.contacts()
    except SQLAlchemyError:
        return []


async def off_the_loop(work: Callable[..., Result], *args: Any) -> Result:
    """Runs blocking work (database reads) in a worker thread, so that a slow query holds up only the turn that
    made it, never the action server's event loop and the other users' turns. The work reads one catalogue
    version (OneVersionCatalogue)."""
    return await asyncio.to_thread(_with_one_version, work, *args)


def _with_one_version(work: Callable[..., Result], *args: Any) -> Result:
    cat = catalogue()
    if not isinstance(cat, OneVersionCatalogue):
        return work(*args)
    with cat.one_version():
        return work(*args)


class CatalogueAction(Action, ABC):
    """An action that answers from the catalogue and apologises politely when the catalogue is unavailable.

    `answer` is plain blocking code; `run` calls it in a worker thread (off_the_loop)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return await off_the_loop(self._answer_or_apologise, dispatcher, tracker, domain)

    def _answer_or_apologise(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        cat = catalogue()
        try:
            return self.answer(dispatcher, tracker, domain, cat)
        except SQLAlchemyError:
            logger.exception("catalogue unavailable in %s", self.name())
            dispatcher.utter_message(text=unavailable_text())
            return []

    @abstractmethod
    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], cat: Catalogue
    ) -> list[dict]:
        """Reads the tracker, asks the catalogue, utters the reply; runs in a worker thread."""


def unavailable_text() -> str:
    from visa_guide.catalogue.contacts import configured_contacts

    return (
        "Sorry, I can't reach my visa catalogue right now, so I can't answer that reliably. "
        "Please try again in a minute. " + confirm_line(configured_contacts())
    ).strip()
