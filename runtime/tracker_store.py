"""The SQL tracker store: a turn costs the same at turn 300 as at turn 10, and the user's right to be forgotten.

Bounded trackers. Rasa reads a conversation's whole session on every turn, replays it, featurises every
past state for each policy and sends every event to the action server with each action call: at 300 turns
a turn took 6x as long as at turn 10. Here a tracker read for a turn holds only the last `recent_turns`
user messages (10 by default; `recent_turns` in endpoints.yml, 0 for Rasa's whole session), preceded by
one `SlotSet` per slot set before them, so its slots, and the slots featurised in every state the
policies see, are those of the whole session. The window starts at an `action_listen` before a user
message with no active loop and no pause, so nothing else of the state needs carrying. Those slot events
(`tracker_windows`, one row per conversation, rewritten when the window moves) are the state before the
window's first stored event, so a turn reads only that row and the events from there on; a session start
after it, or a missing first event, falls back to Rasa's read of the session. Every event is still stored;
`retrieve_full_tracker` (the HTTP API's tracker) still reads them all.

Saving appends the events added since the tracker was read (Rasa's count of stored rows would not match
a bounded tracker). When a turn ran `action_forget_me`, saving that turn deletes every stored event of the
sender instead of writing more. Also offers the deletion and retention purge used by `python -m
runtime.privacy`.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import time
from collections.abc import Iterable
from typing import Any

import sqlalchemy
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import declarative_base
from sqlalchemy.pool import QueuePool

FORGET_ACTION = "action_forget_me"
RECENT_TURNS = 10  # user messages a tracker read for a turn keeps (endpoints.yml `recent_turns`)
STORED = "_kvg_stored_events"  # attribute set on a tracker: how many of its events are in the database
NEW_WINDOW = "_kvg_new_window"  # attribute set on a tracker: (first event id, slot events) to store on save

WindowBase = declarative_base()


class TrackerWindow(WindowBase):  # type: ignore[misc, valid-type]
    """Where a conversation's bounded tracker starts: an event id, and the slots set before that event."""

    __tablename__ = "tracker_windows"
    sender_id = sqlalchemy.Column(sqlalchemy.String(255), primary_key=True)
    first_event_id = sqlalchemy.Column(sqlalchemy.Integer, nullable=False)
    slot_events = sqlalchemy.Column(sqlalchemy.Text, nullable=False)  # JSON list of SlotSet events


def stored_count(tracker: DialogueStateTracker) -> int | None:
    return getattr(tracker, STORED, None)


def mark_stored(tracker: DialogueStateTracker) -> None:
    setattr(tracker, STORED, len(tracker.events))


def window_start(
    events: list[Event], slots: Iterable[Slot], recent_turns: int, earliest: int = 0
) -> tuple[int, list[SlotSet]] | None:
    """Where a bounded tracker of `events` can start, and the slot events that carry the state before it.

    The start is the latest `action_listen` followed by a user message such that `recent_turns` user
    messages are at or after it, at index `earliest` or later, where no loop is active and the conversation
    is not paused (the state there is then its slots alone); None when there is no such point. The slot
    events set every slot that was set before the start (`has_been_set`, as Rasa featurises it), stamped
    with the start's time. Replays only the events before the start.
    """
    if recent_turns <= 0:
        return None
    users_left = recent_turns
    last = None  # the latest index the window may start at
    for index in range(len(events) - 1, earliest - 1, -1):
        if isinstance(events[index], UserUttered):
            users_left -= 1
        elif users_left <= 0 and _listens_before_user(events, index):
            last = index
            break
    if last is None:
        return None
    scratch = DialogueStateTracker("window", slots)
    found: tuple[int, list[SlotSet]] | None = None
    for index, event in enumerate(events[: last + 1]):
        if (index >= earliest and _listens_before_user(events, index) and scratch.active_loop is None
                and not scratch.is_paused()):
            found = (index, [
                SlotSet(name, copy.deepcopy(slot.value), timestamp=event.timestamp)
                for name, slot in scratch.slots.items() if slot.has_been_set
            ])
        scratch.update(event)
    return found


def _listens_before_user(events: list[Event], index: int) -> bool:
    event = events[index]
    return (isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME
            and index + 1 < len(events) and isinstance(events[index + 1], UserUttered))


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the latest turn (since the last user message) ran the forget action."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


def pooled_sqlite_engine(url: Any) -> Any:
    """An engine that keeps its SQLite connections open between turns, in WAL mode with synchronous=NORMAL.

    SQLAlchemy 1.4 opens and closes a file database's connection for every session (NullPool): with the
    pragmas, about 13% of a turn's CPU. WAL and NORMAL spare each save two fsyncs and let reads run beside a
    write; the database stays consistent if the process dies (the last turns may be lost on a power cut).
    """
    engine = sqlalchemy.create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})

    @sqlalchemy.event.listens_for(engine, "connect")
    def _on_connect(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


class ForgettingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, recent_turns: int = RECENT_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recent_turns = int(recent_turns)
        if self.engine.dialect.name == "sqlite":
            self.engine.dispose()
            self.engine = pooled_sqlite_engine(self.engine.url)
            self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)
        WindowBase.metadata.create_all(self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
            if tracker is not None:
                mark_stored(tracker)
            return tracker
        with self.engine.connect() as connection:
            rows, carried, windowed = self._session_rows(connection, sender_id)
        if not rows:
            return None
        events: list[Event] = []
        ids: list[int | None] = []
        for row_id, data in [*((None, e) for e in carried), *((i, json.loads(d)) for i, d in rows)]:
            event = Event.from_parameters(data)
            if event is not None:
                events.append(event)
                ids.append(row_id)
        earliest = len(events) - len(rows)
        start = window_start(events, self.domain.slots, self.recent_turns, earliest=earliest)
        new_window = None
        if start is not None:
            index, slot_events = start
            events = [*slot_events, *events[index:]]
            if index > earliest or not windowed:  # the window moved, or it was not stored yet
                new_window = (ids[index], [event.as_dict() for event in slot_events])
        elif not windowed and self.recent_turns > 0:
            new_window = (rows[0][0], [])  # a short session: the next reads start at its first event
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        mark_stored(tracker)
        setattr(tracker, NEW_WINDOW, new_window)
        return tracker

    def _session_rows(self, connection: Any, sender_id: str) -> tuple[list[tuple[int, str]], list[dict], bool]:
        """The latest session's events from the stored window's first event on, with the window's slot
        events and True; with no usable window, all of them as Rasa reads them, no slot events and False."""
        window = None
        if self.recent_turns > 0:
            window = connection.execute(self._window_query, {"sender": sender_id}).first()
        if window is not None:
            rows = connection.execute(self._rows_query, {"sender": sender_id, "first": window.first_event_id}).all()
            if rows and rows[0].id == window.first_event_id:
                starts = [i for i, row in enumerate(rows) if row.type_name == SessionStarted.type_name and i > 0]
                if starts:  # a session started since: the window's slots belong to the one before
                    return [(row.id, row.data) for row in rows[starts[-1]:]], [], False
                return [(row.id, row.data) for row in rows], json.loads(window.slot_events), True
        event = self.SQLEvent.__table__
        rows = connection.execute(
            sqlalchemy.select(event.c.id, event.c.data).where(self._in_latest_session(sender_id)).order_by(event.c.id)
        ).all()
        return [(row.id, row.data) for row in rows], [], False

    def _in_latest_session(self, sender_id: str) -> Any:
        """Rasa's filter for the events of the latest session (SQLTrackerStore._event_query), in Core."""
        event = self.SQLEvent.__table__
        session_start = (
            sqlalchemy.select(sqlalchemy.func.max(event.c.timestamp))
            .where(event.c.sender_id == sender_id, event.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return sqlalchemy.and_(
            event.c.sender_id == sender_id,
            sqlalchemy.or_(event.c.timestamp >= session_start, session_start.is_(None)),
        )

    @functools.cached_property
    def _window_query(self) -> Any:
        window = TrackerWindow.__table__
        return sqlalchemy.select(window.c.first_event_id, window.c.slot_events).where(
            window.c.sender_id == sqlalchemy.bindparam("sender"))

    @functools.cached_property
    def _rows_query(self) -> Any:
        event = self.SQLEvent.__table__
        return (
            sqlalchemy.select(event.c.id, event.c.type_name, event.c.data)
            .where(event.c.sender_id == sqlalchemy.bindparam("sender"), event.c.id >= sqlalchemy.bindparam("first"))
            .order_by(event.c.id)
        )

    def _new_events(self, connection: Any, tracker: DialogueStateTracker) -> list[Event]:
        """The events added since the tracker was read or saved (a bounded tracker does not hold all the
        stored events, so Rasa's count of stored rows would not match); Rasa's count for other trackers."""
        already = stored_count(tracker)
        if already is None:
            count = sqlalchemy.select(sqlalchemy.func.count()).select_from(self.SQLEvent.__table__)
            already = connection.execute(count.where(self._in_latest_session(tracker.sender_id))).scalar_one()
        return list(itertools.islice(tracker.events, already, None))

    def _write(self, connection: Any, tracker: DialogueStateTracker) -> None:
        """Appends the tracker's new events, with the columns Rasa's SQLTrackerStore.save fills, and stores
        where its window started when it was read, if that moved. In the caller's transaction."""
        rows = []
        for event in self._new_events(connection, tracker):
            data = event.as_dict()
            rows.append({
                "sender_id": tracker.sender_id,
                "type_name": event.type_name,
                "timestamp": data.get("timestamp"),
                "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                "action_name": data.get("name"),
                "data": json.dumps(data),
            })
        if rows:
            connection.execute(self.SQLEvent.__table__.insert(), rows)
        new_window = getattr(tracker, NEW_WINDOW, None)
        if new_window is not None:
            first_event_id, slot_events = new_window
            window = TrackerWindow.__table__
            values = {"first_event_id": first_event_id, "slot_events": json.dumps(slot_events)}
            moved = connection.execute(window.update().where(window.c.sender_id == tracker.sender_id), values)
            if moved.rowcount == 0:
                connection.execute(window.insert(), {"sender_id": tracker.sender_id, **values})

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            self.delete_sender(tracker.sender_id)
            return
        await self.stream_events(tracker)
        with self.engine.begin() as connection:
            self._write(connection, tracker)
        setattr(tracker, NEW_WINDOW, None)
        mark_stored(tracker)

    def delete_sender(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.query(TrackerWindow).filter(TrackerWindow.sender_id == sender_id).delete()
            session.commit()
            return deleted

    def purge_older_than(self, days: float) -> int:
        """Deletes the conversations whose latest event is older than `days` days; returns how many."""
        cutoff = time.time() - days * 86400
        with self.session_scope() as session:
            from sqlalchemy import func

            latest = (
                session.query(self.SQLEvent.sender_id, func.max(self.SQLEvent.timestamp).label("last"))
                .group_by(self.SQLEvent.sender_id)
                .subquery()
            )
            stale = [row.sender_id for row in session.query(latest).filter(latest.c.last < cutoff)]
            if stale:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id.in_(stale)).delete(
                    synchronize_session=False
                )
                session.query(TrackerWindow).filter(TrackerWindow.sender_id.in_(stale)).delete(
                    synchronize_session=False
                )
            session.commit()
            return len(stale)
