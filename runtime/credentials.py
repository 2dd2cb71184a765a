"""Writes the effective Rasa configuration (credentials and endpoints) for `runtime/` under var/.

`credentials.yml` and `endpoints.yml` hold loopback defaults, so Rasa's own commands (`rasa run`,
`rasa shell`) work in the project root with no environment variables. `runtime/` starts Rasa with
copies that take the environment into account:

- credentials: the default channels plus each messaging-app section of `credentials.messaging.yml` whose
  ${VARIABLES} are all set (the others are left off);
- endpoints: ACTION_SERVER_URL and TRACKER_DB_URL, when set, replace the action server URL and the
  tracker store URL.

Values from the environment are written as ${VARIABLE} references that Rasa expands when it reads the
file, so no secret is written to disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

MESSAGING_FILE = "credentials.messaging.yml"
# environment variable -> (section, key) of endpoints.yml it replaces
ENDPOINT_VARIABLES = {
    "ACTION_SERVER_URL": ("action_endpoint", "url"),
    "TRACKER_DB_URL": ("tracker_store", "url"),
}

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _variables(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(_VARIABLE.findall(value))
    if isinstance(value, dict):
        return set().union(*(_variables(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_variables(v) for v in value)) if value else set()
    return set()


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _write(data: dict[str, Any], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


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


def write_active_credentials(source: Path, target: Path, environ: Mapping[str, str] = os.environ,
                             messaging: Path | None = None) -> list[str]:
    """Writes `source`'s channels plus the messaging apps whose variables are set; returns the channel names."""
    channels = _read(source)
    messaging = messaging if messaging is not None else source.with_name(MESSAGING_FILE)
    if messaging.exists():
        apps, _ = active_channels(_read(messaging), environ)
        channels.update(apps)
    _write(channels, target)
    return list(channels)


def write_endpoints(source: Path, target: Path, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Writes `source` with the URLs given by ENDPOINT_VARIABLES replaced when those variables are set."""
    endpoints = _read(source)
    for variable, (section, key) in ENDPOINT_VARIABLES.items():
        if environ.get(variable):
            endpoints.setdefault(section, {})[key] = f"${{{variable}}}"
    _write(endpoints, target)
    return endpoints
