"""The SQL tracker store for several Rasa instances sharing one PostgreSQL database.

Rasa's `SQLTrackerStore.save` decides which events are new by counting the rows already stored: if
another instance stored events in between, the count is wrong and events are duplicated or lost. Here:

- a tracker remembers how many of its events came from (or went to) the database, and `save` appends
  exactly the events added since: two instances each append their own, never each other's (the trackers
  are bounded as in runtime.tracker_store, whose window row is written in the same transaction);
- the count-and-insert runs in one transaction holding a PostgreSQL advisory lock on the conversation,
  so two saves of one conversation never interleave (trackers that were not read from the store fall
  back to Rasa's count, now safe under that lock);
- connections are checked before use (`pool_pre_ping`), so a restarted PostgreSQL costs no failed turn.

The conversation lock (runtime.prod.lock_store) still serialises whole turns; this makes the store safe
on its own too. "Forget me" and the retention purge are inherited from ForgettingSQLTrackerStore.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.tracker_store import (
    NEW_WINDOW,
    STORED,
    ForgettingSQLTrackerStore,
    forget_requested,
    mark_stored,
    stored_count,
)

__all__ = ["STORED", "ConcurrentSQLTrackerStore", "mark_stored", "stored_count"]


class ConcurrentSQLTrackerStore(ForgettingSQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            self.delete_sender(tracker.sender_id)
            return
        await self.stream_events(tracker)
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:sender))"),
                                   {"sender": tracker.sender_id})
            # the events since the tracker was read (its count, kept by the base class), and its window
            self._write(connection, tracker)
        setattr(tracker, NEW_WINDOW, None)
        mark_stored(tracker)
