"""Writes the active credentials file: the sections of credentials.yml whose ${VARIABLES} are all set."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _variables(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(_VARIABLE.findall(value))
    if isinstance(value, dict):
        return set().union(*(_variables(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_variables(v) for v in value)) if value else set()
    return set()


def active_channels(declared: Mapping[str, Any], environ: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The channel sections to enable and the names of those left off for want of variables."""
    active: dict[str, Any] = {}
    skipped: list[str] = []
    for name, section in declared.items():
        if all(environ.get(var) for var in _variables(section)):
            active[name] = section
        else:
            skipped.append(name)
    return active, skipped


def write_active_credentials(source: Path, target: Path, environ: Mapping[str, str] = os.environ) -> list[str]:
    declared = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    active, _ = active_channels(declared, environ)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(active, sort_keys=False), encoding="utf-8")
    return list(active)
