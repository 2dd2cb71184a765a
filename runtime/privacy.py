"""Deleting stored conversations from the tracker store (TRACKER_DB_URL).

    python -m runtime.privacy delete --sender ID          every stored event of one conversation
    python -m runtime.privacy purge [--older-than-days N] conversations idle for N days (RETENTION_DAYS, 30)

Both print what they did and exit 0; `--url` overrides TRACKER_DB_URL. Safe to run while Rasa runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RETENTION_DAYS = 30


def tracker_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{ROOT / 'var' / 'tracker.db'}"


def retention_days() -> float:
    return float(os.environ.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


def _missing_sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        return None if path.exists() else path
    return None


def check_reachable(url: str) -> None:
    """Fails fast (Rasa's store would retry every 5 s for ever when the database is down)."""
    engine = create_engine(url)
    try:
        with engine.connect():
            pass
    finally:
        engine.dispose()


def open_store(url: str):
    from sqlalchemy.util import deprecations

    deprecations.SILENCE_UBER_WARNING = True  # SQLAlchemy 2.0 notes about Rasa's own tables, noise here
    from runtime.tracker_store import ForgettingSQLTrackerStore

    return ForgettingSQLTrackerStore(host=url)


def redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runtime.privacy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=None, help="tracker store URL (default: TRACKER_DB_URL or var/tracker.db)")
    commands = parser.add_subparsers(dest="command", required=True)
    delete = commands.add_parser("delete", help="delete one conversation")
    delete.add_argument("--sender", required=True, help="the conversation's sender id")
    purge = commands.add_parser("purge", help="delete conversations idle for longer than the retention period")
    purge.add_argument("--older-than-days", type=float, default=None,
                       help=f"days (default: RETENTION_DAYS or {DEFAULT_RETENTION_DAYS})")
    args = parser.parse_args(argv)

    url = args.url or tracker_url()
    missing = _missing_sqlite_file(url)
    if missing is not None:
        print(f"no tracker database at {missing}: nothing stored, nothing to delete")
        return 0
    try:
        check_reachable(url)
    except SQLAlchemyError as error:
        print(f"cannot reach the tracker store at {redacted(url)}: {type(error).__name__}", file=sys.stderr)
        return 1
    store = open_store(url)
    try:
        if args.command == "delete":
            deleted = store.delete_sender(args.sender)
            print(f"deleted {deleted} events of conversation {args.sender!r} from {redacted(url)}")
        else:
            days = retention_days() if args.older_than_days is None else args.older_than_days
            if days < 0:
                parser.error("--older-than-days must be 0 or more")
            purged = store.purge_older_than(days)
            print(f"purged {purged} conversations idle for more than {days:g} days from {redacted(url)}")
    finally:
        store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
