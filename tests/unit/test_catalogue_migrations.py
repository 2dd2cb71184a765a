"""Alembic migrations of the catalogue schema: the first migration is the models' schema, `make catalogue`
(`python -m visa_guide.catalogue.cli load`) upgrades an empty database, one made before migrations existed,
and one with an older layout, and the migrations stay in step with models.py."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tests.stacks import CATALOGUE_DIR
from visa_guide.catalogue import load_catalogue
from visa_guide.catalogue.cli import main as catalogue_cli
from visa_guide.catalogue.db import make_engine
from visa_guide.catalogue.migrations import alembic_config, current_revision, upgrade_database
from visa_guide.catalogue.models import Base

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'catalogue.db'}"


def revision_of(url: str) -> str | None:
    with make_engine(url).connect() as connection:
        return current_revision(connection)


def row_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        return {t.name: connection.execute(text(f'SELECT COUNT(*) FROM "{t.name}"')).scalar()
                for t in Base.metadata.sorted_tables}


def test_the_migrations_build_exactly_the_models_schema(tmp_path):
    engine = make_engine(database(tmp_path))
    assert upgrade_database(engine) == f"schema upgraded from empty to {HEAD}"
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], (
        "models.py changed without a migration: python -m visa_guide.catalogue.migrations revision"
    )
    assert upgrade_database(engine) == f"schema at {HEAD}"


def test_make_catalogue_on_an_empty_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database(tmp_path))
    assert catalogue_cli(["load"]) == 0
    assert f"schema upgraded from empty to {HEAD}" in capsys.readouterr().out
    assert revision_of(database(tmp_path)) == HEAD
    assert row_counts(database(tmp_path))["programmes"] > 0


def test_a_database_from_before_migrations_is_kept(tmp_path, monkeypatch, capsys):
    url = database(tmp_path)
    load_catalogue(CATALOGUE_DIR, make_engine(url))  # create_all, as before migrations existed
    before = row_counts(url)
    monkeypatch.setenv("DATABASE_URL", url)
    assert catalogue_cli(["load"]) == 0
    output = capsys.readouterr().out
    assert f"schema from before migrations recognised as {HEAD}" in output
    assert "catalogue unchanged" in output  # not rebuilt: same rows, nothing reloaded
    assert revision_of(url) == HEAD
    assert row_counts(url) == before


def test_an_older_layout_is_upgraded(tmp_path, monkeypatch, capsys):
    url = database(tmp_path)
    engine = make_engine(url)
    with engine.begin() as connection:  # an older catalogue: fewer tables and columns, some rows
        connection.execute(text("CREATE TABLE programmes (id VARCHAR(80) PRIMARY KEY, name VARCHAR(200))"))
        connection.execute(text("INSERT INTO programmes VALUES ('old', 'An old programme')"))
        connection.execute(text("CREATE TABLE catalogue_meta (id INTEGER PRIMARY KEY, fingerprint VARCHAR(64))"))
    monkeypatch.setenv("DATABASE_URL", url)
    assert catalogue_cli(["load"]) == 0
    assert "catalogue loaded" in capsys.readouterr().out
    assert revision_of(url) == HEAD
    columns = {c["name"] for c in inspect(make_engine(url)).get_columns("programmes")}
    assert columns == set(Base.metadata.tables["programmes"].columns.keys())
    with make_engine(url).connect() as connection:
        ids = {row[0] for row in connection.execute(text("SELECT id FROM programmes"))}
    assert "old" not in ids and "top-tier" in ids


def test_downgrade_removes_every_table(tmp_path):
    engine = make_engine(database(tmp_path))
    upgrade_database(engine)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
