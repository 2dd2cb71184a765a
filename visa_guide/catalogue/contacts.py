"""The official contacts straight from the YAML, validated by the loader's own reader: what the assistant can
still offer when the database is down (the action server's apology) and what the Rasa process's guard cites."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from visa_guide.catalogue.loader import CatalogueError, read_contact_records
from visa_guide.catalogue.views import ContactView, SourceView, Statement

logger = logging.getLogger(__name__)


def _source_view(record: dict[str, Any]) -> SourceView:
    return SourceView(
        record["title"], record["publisher"], record["url"], record["reference"], record["date"],
        record["official"], record["date_precision"],
    )


def read_contacts(directory: Path) -> list[ContactView]:
    """The contacts of contacts.yml with the sources they cite; raises CatalogueError when either file is invalid."""
    contacts, sources = read_contact_records(Path(directory))
    return [
        ContactView(
            id=c["id"], name=c["name"], phone=c["phone"], phone_abroad=c["phone_abroad"], url=c["url"],
            hours=c["hours"], languages=c["languages"], purpose=c["purpose"],
            statement=Statement(
                c["purpose"] or c["name"],
                c["status"],
                c["as_of"],
                tuple(_source_view(sources[s]) for s in c["sources"]),
            ),
        )
        for c in contacts
    ]


@lru_cache(maxsize=4)
def _contacts_as_of(directory: Path, stamp: tuple[int, ...]) -> tuple[ContactView, ...]:
    try:
        return tuple(read_contacts(directory))
    except CatalogueError as error:
        logger.error("official contacts unavailable: %s", error)
        return ()


def configured_contacts() -> list[ContactView]:
    """The contacts of the configured catalogue directory (CATALOGUE_DIR), read again when its files change."""
    from visa_guide import settings

    directory = Path(settings.catalogue_dir())
    files = (directory / "contacts.yml", directory / "sources.yml")
    stamp = tuple(path.stat().st_mtime_ns if path.exists() else -1 for path in files)
    return list(_contacts_as_of(directory, stamp))
