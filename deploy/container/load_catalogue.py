"""Loads the catalogue YAML into PostgreSQL before an action server starts (deploy/container/start.sh).

Several replicas start at once: a PostgreSQL advisory lock lets one migrate and load at a time (the others
then find the catalogue unchanged). Waits up to LOAD_WAIT_SECONDS (90) for the database to accept
connections; exits non-zero otherwise, and the orchestrator starts the container again.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from visa_guide.catalogue import cli  # noqa: E402

LOCK_KEY = 0x4B5647  # "KVG"


def connect(url: str, wait_seconds: float) -> sa.engine.Connection:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return engine.connect()
        except sa.exc.OperationalError as error:
            if time.monotonic() > deadline:
                raise SystemExit(f"load_catalogue: the database does not answer: {error.orig}") from error
            time.sleep(1)


def main() -> int:
    url = os.environ["DATABASE_URL"]
    connection = connect(url, float(os.environ.get("LOAD_WAIT_SECONDS", "90")))
    try:
        connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        return cli.main(["load"])
    finally:
        connection.close()  # the session's advisory lock goes with it


if __name__ == "__main__":
    sys.exit(main())
