"""Checks shared by the channel tests: nothing answered to a refused request, "forget me" empties the tracker."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.channels.stub import Call, StubApis, text_of

GREETING_MARK = "Korea Visa Guide"  # in the answer to "hello"
FORGOTTEN_MARK = "deleted this conversation"  # in utter_forgotten

Predicate = Callable[[Call], bool]


def nothing_answered(apis: StubApis, to_user: Predicate, say: Callable[[str], Any]) -> None:
    """After a refused request from a user: says "hello" as that user (accepted) and checks that the first
    message sent to them answers it. One user's messages are handled in order, so a reply to the refused
    request would have come first: no need to wait and see."""
    say("hello")
    first = apis.wait_for(to_user)[0]
    assert GREETING_MARK in text_of(first), f"a reply to the refused request was sent: {text_of(first)[:200]}"


class TrackerDb:
    """The stack's tracker store, read directly."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def events(self, sender: str) -> int:
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :sender"),
                                      {"sender": sender}).scalar()

    def wait_for(self, sender: str, condition: Callable[[int], bool], timeout: float = 30) -> int:
        """The number of stored events of `sender` once `condition` holds for it; fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            count = self.events(sender)
            if condition(count):
                return count
            if time.monotonic() > deadline:
                pytest.fail(f"{count} stored events for {sender!r} after {timeout:.0f} s")
            time.sleep(0.1)


def forget_me_deletes_the_conversation(apis: StubApis, tracker: TrackerDb, sender: str, to_user: Predicate,
                                       say: Callable[[str], Any]) -> None:
    """A question, then "forget me": the user gets the confirmation and their tracker is deleted."""
    say("what is the top tier visa?")
    apis.wait_for(lambda c: to_user(c) and "Top-Tier" in text_of(c))
    tracker.wait_for(sender, lambda count: count > 0)
    say("forget me")
    apis.wait_for(lambda c: to_user(c) and FORGOTTEN_MARK in text_of(c))
    tracker.wait_for(sender, lambda count: count == 0)
    assert [call.refused for call in apis.refused() if to_user(call)] == []
