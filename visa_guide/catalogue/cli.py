"""`python -m visa_guide.catalogue.cli check|load [--force]`: validate the catalogue YAML, load it into the database."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from visa_guide import settings
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.freshness import catalogue_freshness, freshness_lines
from visa_guide.catalogue.loader import CatalogueError, load_catalogue, read_catalogue
from visa_guide.catalogue.migrations import upgrade_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["check", "load"])
    parser.add_argument("--force", action="store_true", help="reload even when the YAML is unchanged")
    args = parser.parse_args(argv)
    directory = settings.catalogue_dir()
    try:
        if args.command == "check":
            records = read_catalogue(directory)
            print(f"catalogue OK: {len(records.programmes)} programmes, {len(records.sources)} sources")
            print("\n".join(freshness_lines(catalogue_freshness(directory, records=records))))  # to review, not errors
            return 0
        url = settings.database_url()
        engine = make_engine(url)
        print(upgrade_database(engine))  # Alembic migrations (visa_guide/catalogue/migrations/)
        changed = load_catalogue(directory, engine, force=args.force)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    except (SQLAlchemyError, OSError) as error:
        print(f"cannot write the catalogue database: {getattr(error, 'orig', None) or error}", file=sys.stderr)
        return 2
    print(f"catalogue {'loaded into' if changed else 'unchanged in'} {url.split('@')[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
