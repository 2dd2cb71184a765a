"""The language table (catalogue/languages.yml): which languages the assistant speaks, how a message shows
its language, what a user types to switch, and where each part of a language lives.

Code reads languages from here and never names one: adding a language is an entry in the table plus its
parts (docs/languages.md).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from visa_guide.settings import PROJECT_ROOT, catalogue_dir

TABLE = "languages.yml"
# The parts every language has, in the order docs/languages.md lists them.
PARTS = (
    "catalogue",
    "entity_patterns",
    "nlu_training",
    "nlu_held_out",
    "nlu_real_wording",
    "responses",
    "widget_labels",
)
CATALOGUE_PARTS = ("catalogue", "entity_patterns")  # relative to the catalogue folder, the rest to the project


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    native: str
    source: bool = False  # the language the catalogue YAML is written in
    scripts: tuple[str, ...] = ()  # Unicode script names (the first word of a letter's Unicode name)
    words: tuple[str, ...] = ()  # common words of a Latin-script language
    switch_to: tuple[str, ...] = ()  # what a user types to ask for this language
    parts: dict[str, str | None] = field(default_factory=dict, hash=False, compare=False)

    def part_path(self, part: str, catalogue: Path | None = None) -> Path | None:
        """Where a part lives (None: not written yet)."""
        value = self.parts.get(part)
        if value is None:
            return None
        base = Path(catalogue or catalogue_dir()) if part in CATALOGUE_PARTS else PROJECT_ROOT
        return (base / value.split("#")[0].strip()).resolve()

    def missing_parts(self) -> list[str]:
        return [part for part in PARTS if self.parts.get(part) is None]


class LanguageTableError(ValueError):
    """languages.yml is invalid; the message names the file and entry."""


def _language(where: str, raw: object) -> Language:
    if not isinstance(raw, dict):
        raise LanguageTableError(f"{where}: expected a mapping")
    for key in ("code", "name", "native"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise LanguageTableError(f"{where}: '{key}' is missing")
    parts = raw.get("parts") or {}
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise LanguageTableError(f"{where}: unknown parts {unknown}; expected {', '.join(PARTS)}")
    detect = raw.get("detect") or {}
    return Language(
        code=raw["code"].strip(),
        name=raw["name"].strip(),
        native=raw["native"].strip(),
        source=bool(raw.get("source", False)),
        scripts=tuple(str(s).upper() for s in detect.get("scripts") or ()),
        words=tuple(str(w).lower() for w in detect.get("words") or ()),
        switch_to=tuple(str(p).strip() for p in raw.get("switch_to") or ()),
        parts={part: parts.get(part) for part in PARTS},
    )


def read_languages(directory: Path | None = None) -> tuple[Language, ...]:
    """The table in `directory` (default: the catalogue folder). A catalogue without one speaks only its source
    language, English."""
    path = Path(directory or catalogue_dir()) / TABLE
    if not path.exists():
        return (Language("en", "English", "English", source=True, scripts=("LATIN",)),)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LanguageTableError(f"{path}: not valid YAML: {error}") from error
    raw = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise LanguageTableError(f"{path}: expected a top-level 'languages:' list")
    languages = tuple(_language(f"{path}: languages[{i}]", entry) for i, entry in enumerate(raw))
    codes = [language.code for language in languages]
    if len(set(codes)) != len(codes):
        raise LanguageTableError(f"{path}: a language code is listed twice")
    if sum(language.source for language in languages) != 1:
        raise LanguageTableError(f"{path}: exactly one language must be the source ('source: true')")
    return languages


def translated(languages: tuple[Language, ...]) -> tuple[Language, ...]:
    """The languages whose catalogue text is a translation of the source YAML."""
    return tuple(language for language in languages if not language.source)


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def script_language(text: str, languages: tuple[Language, ...], min_share: float = 0.5) -> Language | None:
    """The language whose script holds at least `min_share` of the text's letters (Hangul: Korean), when only
    one language of the table claims that script; None otherwise ("D-10 비자 연장 가능해요?" is Korean)."""
    scripts = [s for s in map(_script, text) if s]
    if not scripts:
        return None
    for language in languages:
        share = sum(s in language.scripts for s in scripts) / len(scripts)
        owners = [other for other in languages if set(other.scripts) & set(language.scripts)]
        if share >= min_share and len(owners) == 1:
            return language
    return None


def _fold(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in text.lower()).split())


def requested_language(text: str, languages: tuple[Language, ...]) -> Language | None:
    """The language a message asks to switch to ("English please", "한국어로 해 주세요"), or None. Only a message
    that is a switch phrase as a whole counts, so "is the Korean test hard?" asks for nothing."""
    folded = _fold(text)
    for language in languages:
        if folded and folded in {_fold(phrase) for phrase in language.switch_to}:
            return language
    return None
