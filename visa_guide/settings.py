"""Configuration read from environment variables, with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The catalogue database; default: a SQLite file in the git-ignored var/ folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'catalogue.db'}"


def catalogue_dir() -> Path:
    return Path(os.environ.get("CATALOGUE_DIR", PROJECT_ROOT / "catalogue"))
