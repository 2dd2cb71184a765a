"""The official contacts read straight from the YAML: what the assistant can still offer when the database is down."""

from __future__ import annotations

from pathlib import Path

import yaml

from visa_guide.catalogue.views import ContactView, Statement


def read_contacts(directory: Path) -> list[ContactView]:
    try:
        raw = yaml.safe_load((Path(directory) / "contacts.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return []
    contacts = []
    for item in raw.get("contacts", []):
        if isinstance(item, dict) and item.get("name"):
            contacts.append(
                ContactView(
                    id=str(item.get("id", "")),
                    name=item["name"],
                    phone=item.get("phone"),
                    phone_abroad=item.get("phone_abroad"),
                    url=item.get("url"),
                    hours=item.get("hours"),
                    languages=item.get("languages"),
                    purpose=item.get("purpose"),
                    statement=Statement(item.get("purpose") or item["name"], item.get("status") or "", None, ()),
                )
            )
    return contacts


def configured_contacts() -> list[ContactView]:
    """The contacts of the configured catalogue directory (CATALOGUE_DIR), straight from its YAML."""
    from visa_guide import settings

    return read_contacts(settings.catalogue_dir())
