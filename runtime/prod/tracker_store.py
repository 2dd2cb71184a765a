"""The SQL tracker store for several Rasa instances sharing one PostgreSQL database.

Rasa's `SQLTrackerStore.save` decides which events are new by counting the rows already stored: if
another instance stored events in between, the count is wrong and events are duplicated or lost. Here:

- a tracker remembers how many of its events came from (or went to) the database, and `save` appends
  exactly the events added since: two instances each append their own, never each other's;
- the count-and-insert runs in one transaction holding a PostgreSQL advisory lock on the conversation,
  so two saves of one conversation never interleave (trackers that were not read from the store fall
  back to Rasa's count, now safe under that lock);
- connections are checked before use (`pool_pre_ping`), so a restarted PostgreSQL costs no failed turn.

The conversation lock (runtime.prod.lock_store) still serialises whole turns; this makes the store safe
on its own too. "Forget me" and the retention purge are inherited from ForgettingSQLTrackerStore.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from runtime.tracker_store import ForgettingSQLTrackerStore, forget_requested

STORED = "_kvg_stored_events"  # attribute set on a tracker: how many of its events are in the database


def stored_count(tracker: DialogueStateTracker) -> int | None:
    return getattr(tracker, STORED, None)


def mark_stored(tracker: DialogueStateTracker) -> None:
    setattr(tracker, STORED, len(tracker.events))


class ConcurrentSQLTrackerStore(ForgettingSQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None:
            mark_stored(tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            self.delete_sender(tracker.sender_id)
            return
        await self.stream_events(tracker)
        with self.session_scope() as session:
            if self.engine.dialect.name == "postgresql":
                lock = sa.text("SELECT pg_advisory_xact_lock(hashtext(:sender))")
                session.execute(lock, {"sender": tracker.sender_id})
            already = stored_count(tracker)
            if already is None:
                already = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
            for event in list(tracker.events)[already:]:
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        mark_stored(tracker)
