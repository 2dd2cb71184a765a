"""contacts.yml has one reader, the loader's validation: the contacts offered when the database is down are the
ones the catalogue loads, with their sources, and an invalid file offers none rather than unchecked text."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from visa_guide.catalogue import CatalogueError
from visa_guide.catalogue.contacts import configured_contacts, read_contacts

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


def test_the_file_gives_the_contacts_the_database_has(catalogue):
    def plain(contacts):  # the database does not keep the order of a statement's sources
        return [(replace(c, statement=None), set(c.statement.sources), c.statement.text) for c in contacts]

    from_file = read_contacts(CATALOGUE_DIR)
    assert plain(from_file) == plain(catalogue.contacts())
    assert all(c.statement.sources for c in from_file)


def test_an_unsourced_contact_is_refused(tmp_path: Path):
    shutil.copy(CATALOGUE_DIR / "sources.yml", tmp_path)
    (tmp_path / "contacts.yml").write_text("contacts:\n  - {id: x, name: X line, phone: '1'}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="a contact without a source"):
        read_contacts(tmp_path)


def test_configured_contacts_follow_the_files_and_offer_none_when_invalid(monkeypatch, tmp_path: Path):
    shutil.copy(CATALOGUE_DIR / "sources.yml", tmp_path)
    shutil.copy(CATALOGUE_DIR / "contacts.yml", tmp_path)
    monkeypatch.setenv("CATALOGUE_DIR", str(tmp_path))
    assert any(c.phone == "1345" for c in configured_contacts())
    (tmp_path / "contacts.yml").write_text("contacts:\n  - {id: x, name: X line, status: soon}\n", encoding="utf-8")
    assert configured_contacts() == []
