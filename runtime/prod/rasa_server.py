"""Starts a production Rasa instance: runtime.rasa_server's settings, and tracker-store errors reach the user.

Rasa wraps every tracker store in a `FailSafeTrackerStore`: when the database is down it reads "no
conversation" and writes to memory, so the bot would answer without the conversation's context and the
turn would be missing from the database afterwards. With several instances on one PostgreSQL that is
worse than a failed turn, so here the store is used as it is: a database outage fails the turn, and the
input channel answers with its polite apology (runtime/channels/guard.py `nothing_came_back`).
"""

from __future__ import annotations

from runtime.rasa_server import main as run_rasa


def use_tracker_store_unwrapped() -> None:
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import InMemoryTrackerStore

    def create_tracker_store(store, domain):  # noqa: ANN001, ANN202 - Rasa's private signature
        if store is None:
            return InMemoryTrackerStore(domain)
        store.domain = domain
        return store

    Agent._create_tracker_store = staticmethod(create_tracker_store)


def main() -> None:
    use_tracker_store_unwrapped()
    run_rasa()


if __name__ == "__main__":
    main()
