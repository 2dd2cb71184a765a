"""Alembic's environment for the catalogue: the models' metadata, on the connection given by the caller
(`upgrade_database`) or, from Alembic's command line, on DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from visa_guide import settings
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.models import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    engine = make_engine(settings.database_url())
    try:
        with engine.begin() as own_connection:
            run(own_connection)
    finally:
        engine.dispose()


main()
