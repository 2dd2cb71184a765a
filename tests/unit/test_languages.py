"""The language table (catalogue/languages.yml): every language's parts exist where the table says, the
parts not written yet are the ones listed here, and the detection and switch rules read the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stacks import CATALOGUE_DIR
from visa_guide.languages import (
    PARTS,
    LanguageTableError,
    read_languages,
    requested_language,
    script_language,
    translated,
)

LANGUAGES = read_languages(CATALOGUE_DIR)
BY_CODE = {language.code: language for language in LANGUAGES}
# The parts still to write (issue 18). Writing one means setting its path in languages.yml and removing it here.
NOT_YET = {"en": [], "ko": ["responses", "widget_labels"]}


def test_the_table_has_english_as_the_source_and_korean():
    assert [language.code for language in LANGUAGES] == ["en", "ko"]
    assert [language.code for language in LANGUAGES if language.source] == ["en"]
    assert [language.code for language in translated(LANGUAGES)] == ["ko"]
    assert BY_CODE["ko"].native == "한국어" and "HANGUL" in BY_CODE["ko"].scripts


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_part_the_table_names_exists(language):
    missing = [
        f"{part}: {language.part_path(part, CATALOGUE_DIR)}"
        for part in PARTS
        if language.parts[part] is not None and not language.part_path(part, CATALOGUE_DIR).exists()
    ]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_the_parts_not_written_yet_are_the_known_ones(language):
    """Every language has each part, except the ones NOT_YET lists (a new language must be listed there)."""
    assert language.missing_parts() == NOT_YET[language.code]
    assert language.parts["catalogue"] is not None  # the loader refuses a catalogue without it


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_a_language_can_be_asked_for_in_its_own_words_and_in_english(language):
    assert any(phrase.isascii() for phrase in language.switch_to)
    assert any(not phrase.isascii() for phrase in language.switch_to)
    for phrase in language.switch_to:
        assert requested_language(phrase, LANGUAGES) is language, phrase


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("English please", "en"),
        ("  한국어로 해 주세요! ", "ko"),
        ("한국말로", "ko"),
        ("영어로 답해 주세요", "en"),
        ("in Korean", "ko"),
        ("is the Korean test hard?", None),
        ("한국어 능력 시험은 몇 급이 필요해요?", None),
        ("what is the top tier visa", None),
    ],
)
def test_a_switch_is_a_whole_message(text, code):
    found = requested_language(text, LANGUAGES)
    assert (found.code if found else None) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("D-10 비자 연장 가능해요?", "ko"),
        ("탑티어 비자 조건이 뭐예요", "ko"),
        ("What is the 탑티어 visa?", "en"),
        ("what is the top tier visa?", "en"),
        ("F-2-R", "en"),
        ("1345?", None),
        ("签证怎么申请", None),
    ],
)
def test_the_script_shows_the_language(text, code):
    found = script_language(text, LANGUAGES)
    assert (found.code if found else None) == code


def test_a_broken_table_is_refused_naming_the_file(tmp_path: Path):
    (tmp_path / "languages.yml").write_text(
        "languages:\n  - {code: en, name: English, native: English, source: true}\n"
        "  - {code: ko, name: Korean, native: 한국어, source: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(LanguageTableError, match=r"languages\.yml: exactly one language must be the source"):
        read_languages(tmp_path)
    (tmp_path / "languages.yml").write_text(
        "languages:\n  - {code: en, name: English, native: English, source: true, parts: {menu: x}}\n",
        encoding="utf-8",
    )
    with pytest.raises(LanguageTableError, match=r"languages\[0\]: unknown parts \['menu'\]"):
        read_languages(tmp_path)


def test_a_catalogue_without_a_table_speaks_english_only(tmp_path: Path):
    assert [(language.code, language.source) for language in read_languages(tmp_path)] == [("en", True)]
