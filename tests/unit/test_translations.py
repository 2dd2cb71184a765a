"""The catalogue's text in every translated language of the table: every English entry has it, no
translation changes a number, a date or a visa code, and the loader refuses a catalogue where an entry lacks
its text, naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.stacks import CATALOGUE_DIR
from visa_guide.catalogue import CatalogueError
from visa_guide.catalogue.fact_check import fact_tokens, missing_facts
from visa_guide.catalogue.loader import read_catalogue
from visa_guide.languages import read_languages, translated
from visa_guide.vocabulary import ASPECTS

RECORDS = read_catalogue(CATALOGUE_DIR)
LANGUAGES = translated(read_languages(CATALOGUE_DIR))


def texts_of(code: str) -> dict[tuple[str, str, str, str], list[str]]:
    found: dict[tuple[str, str, str, str], list[str]] = {}
    for text in sorted(RECORDS.texts, key=lambda t: t.position):
        if text.language == code:
            found.setdefault((text.entry, text.owner, text.key, text.part), []).append(text.text)
    return found


def pairs(code: str) -> list[tuple[str, str, str]]:
    """(where, English text, translated text) for every translated text that states something."""
    texts = texts_of(code)
    found = []

    def add(where: str, english: str | None, key: tuple[str, str, str, str], position: int = 0) -> None:
        translated_texts = texts.get(key, [])
        found.append((where, english or "", translated_texts[position] if position < len(translated_texts) else ""))

    for p in RECORDS.programmes:
        add(f"{p.id} name", p.name, ("programme", p.id, "", "name"))
        add(f"{p.id} summary", p.summary, ("programme", p.id, "", "summary"))
        for fact in p.facts:
            for i, version in enumerate(fact.versions):
                add(f"{p.id} / {fact.topic} [{i}]", version.text, ("fact", p.id, fact.topic, "text"), i)
            if fact.note:
                add(f"{p.id} / {fact.topic} note", fact.note, ("fact", p.id, fact.topic, "note"))
        for kind in ("not_published", "not_covered"):
            for _, topic in getattr(p, kind):
                add(f"{p.id} {kind} / {topic}", topic, (kind, p.id, topic, "text"))
        for field_id, statement in p.coverage:
            add(f"{p.id} fields / {field_id}", statement.text, ("coverage", p.id, field_id, "text"))
    for fact in RECORDS.context:
        add(f"context / {fact.topic}", fact.versions[0].text, ("fact", "", fact.topic, "text"))
    for contact in RECORDS.contacts:
        for part in ("name", "hours", "languages", "purpose"):
            if contact.get(part):
                add(f"contact {contact['id']} {part}", contact[part], ("contact", contact["id"], "", part))
    return found


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_every_entry_has_its_text(language):
    """Independently of the loader's own check: every programme, fact version, gap, coverage, context fact,
    contact, country, field, status and aspect; and every fact has phrasings for the answer search (asked_as,
    which the loader does not require)."""
    texts = texts_of(language.code)
    without = [where for where, _, translated_text in pairs(language.code) if not translated_text]
    for p in RECORDS.programmes:
        without += [f"{p.id} / {f.topic} topic" for f in p.facts if ("fact", p.id, f.topic, "topic") not in texts]
    for owner, facts in [*((p.id, p.facts) for p in RECORDS.programmes), ("", RECORDS.context)]:
        without += [f"{owner} / {f.topic} asked_as" for f in facts if ("fact", owner, f.topic, "asked_as") not in texts]
    without += [c["name"] for c in RECORDS.countries if ("country", c["name"], "", "name") not in texts]
    without += [f.id for f in RECORDS.fields if ("field", f.id, "", "name") not in texts]
    without += [s for s in ("announced", "pilot", "in force") if ("label", "statuses", s, "text") not in texts]
    without += [a for a in ASPECTS if ("label", "aspects", a, "text") not in texts]
    assert without == []
    assert sum(1 for _, english, _ in pairs(language.code) if english) > 250


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_no_translation_changes_a_number_a_date_or_a_visa_code(language):
    changed = [
        f"{where}: {missing}"
        for where, english, translated_text in pairs(language.code)
        if (missing := missing_facts(english, translated_text))
    ]
    assert changed == []


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        ("Areas asked for 5,156 F-2-R places and 5,072 were granted.", "F-2-R 5,156명분을 신청했고 5,072명분이 배정"),
        ("A job that pays at least KRW 26 million a year.", "연봉이 2,600만 원 이상"),
        ("KRW 149,865,000 at the April 2025 launch", "2025년 4월 시행 당시 1억 4,986만 5,000원"),
        ("About 2.61 million foreigners, roughly 5%", "외국인 약 261만 명, 약 5%"),
        ("Sixteen programmes; three times GNI", "16개 과정, GNI의 3배"),
        ("announced on 26 September 2024", "2024년 9월 26일에 발표"),
        ("Weekdays 09:00-22:00", "평일 09:00~22:00"),
        ("E-9 and E-10 workers can change to E-7-4R", "E-9·E-10 근로자는 E-7-4R로 바꿀 수"),
    ],
)
def test_the_checker_folds_digit_grouping_scale_words_and_date_formats(english, translation):
    assert missing_facts(english, translation) == []


@pytest.mark.parametrize(
    ("english", "translation", "missing"),
    [
        ("5,156 places asked and 5,072 granted", "5,156명분 신청, 5,027명분 배정", ["5072"]),
        ("KRW 26 million a year", "연봉 260만 원", ["26000000"]),
        ("announced on 26 September 2024", "2024년 9월 25일에 발표", ["2024-09-26"]),
        ("in March 2025", "2025년 5월에", ["2025-03"]),
        ("E-9 workers cannot switch to F-2-R", "E-9 근로자는 F-2로 바꿀 수 없습니다", ["F-2-R"]),
        ("Sixteen programmes were designated", "여러 과정이 지정되었습니다", ["16"]),
    ],
)
def test_the_checker_fails_on_a_changed_fact(english, translation, missing):
    assert missing_facts(english, translation) == missing


def test_a_translation_that_changes_a_fact_fails_the_catalogue_test(catalogue_copy: Path):
    """The check above run on a catalogue whose Korean text has one number changed: it names the fact."""
    path = catalogue_copy / "translations" / "ko" / "programmes" / "f2r-regional.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("5,072명분", "5,027명분"), encoding="utf-8")
    records = read_catalogue(catalogue_copy)
    korean = {(t.owner, t.key): t.text for t in records.texts if t.entry == "fact" and t.part == "text"}
    english = next(p for p in records.programmes if p.id == "f2r-regional")
    fact = next(f for f in english.facts if f.topic == "places allocated")
    assert missing_facts(fact.versions[0].text, korean[("f2r-regional", "places allocated")]) == ["5072"]
    assert "5072" in fact_tokens(fact.versions[0].text)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _problems(directory: Path) -> list[str]:
    with pytest.raises(CatalogueError) as error:
        read_catalogue(directory)
    return error.value.problems


def test_the_loader_refuses_a_fact_without_its_korean_text(catalogue_copy: Path):
    path = catalogue_copy / "translations" / "ko" / "programmes" / "youth-dream.yml"
    _edit(path, lambda d: d["facts"].pop("official name"))
    assert _problems(catalogue_copy) == [
        f"{path}: facts['official name']: no Korean text for this entry",
    ]


def test_the_loader_refuses_a_missing_version_gap_contact_and_country(catalogue_copy: Path):
    folder = catalogue_copy / "translations" / "ko"
    _edit(folder / "programmes" / "top-tier.yml", lambda d: d["facts"]["education"]["versions"].pop())
    _edit(folder / "programmes" / "youth-dream.yml", lambda d: d["not_published"].pop("quota"))
    _edit(folder / "contacts.yml", lambda d: d["contacts"]["hikorea"].pop("purpose"))
    _edit(folder / "countries.yml", lambda d: d["countries"].pop("Colombia"))
    problems = _problems(catalogue_copy)
    assert f"{folder / 'programmes' / 'top-tier.yml'}: facts['education']: 2 version(s) in English, 1 in Korean " \
        "('text' or 'versions')" in problems
    quota = "not_published['quota']: no Korean text for this entry"
    assert f"{folder / 'programmes' / 'youth-dream.yml'}: {quota}" in problems
    assert f"{folder / 'contacts.yml'}: contacts['hikorea']: no Korean 'purpose'" in problems
    assert f"{folder / 'countries.yml'}: countries['Colombia']: no Korean text for this entry" in problems
    assert len(problems) == 4


def test_the_loader_refuses_a_new_english_fact_until_it_is_translated(catalogue_copy: Path):
    def add_fact(data):
        data["facts"].append({**data["facts"][0], "topic": "a new fact", "asked_as": []})

    _edit(catalogue_copy / "programmes" / "k-star.yml", add_fact)
    path = catalogue_copy / "translations" / "ko" / "programmes" / "k-star.yml"
    assert _problems(catalogue_copy) == [f"{path}: facts['a new fact']: no Korean text for this entry"]


def test_the_loader_refuses_text_for_an_entry_the_english_catalogue_lacks(catalogue_copy: Path):
    path = catalogue_copy / "translations" / "ko" / "programmes" / "k-core.yml"
    _edit(path, lambda d: d["not_covered"].update({"a topic nobody wrote": "없는 항목"}))
    (catalogue_copy / "translations" / "ko" / "programmes" / "h-1b.yml").write_text("id: h-1b\n", encoding="utf-8")
    problems = _problems(catalogue_copy)
    assert f"{path}: not_covered['a topic nobody wrote']: names no entry of the English catalogue" in problems
    assert any("h-1b.yml: names no programme" in p for p in problems)


def test_a_language_added_to_the_table_is_required_at_once(catalogue_copy: Path):
    """A new language is one entry in the table; until its catalogue text exists the catalogue is refused."""
    table = catalogue_copy / "languages.yml"
    _edit(table, lambda d: d["languages"].append(
        {"code": "vi", "name": "Vietnamese", "native": "Tiếng Việt", "parts": {"catalogue": "translations/vi"}}
    ))
    problems = _problems(catalogue_copy)
    assert f"{catalogue_copy / 'translations' / 'vi' / 'programmes' / 'top-tier.yml'}: file is missing: " \
        "no Vietnamese text for programmes/top-tier.yml" in problems
    assert any("translations/vi/contacts.yml: file is missing" in p for p in problems)


def test_the_korean_text_is_read_through_the_catalogue(catalogue):
    korean, english = catalogue.texts("ko"), catalogue.texts("en")
    assert korean.programme("job-seeking-d10").name.startswith("D-10 구직비자")
    fact = catalogue.facts("youth-dream", ("timeline",))[0]
    localised = korean.localise_fact("youth-dream", fact)
    assert localised.topic == fact.topic and localised.versions[0].sources == fact.versions[0].sources
    assert "2024년 9월 26일" in localised.versions[0].text
    assert localised.asked_as and all(not phrase.isascii() for phrase in localised.asked_as)
    assert korean.fact(None, "announcement").topic == "발표"
    assert korean.gap("youth-dream", "quota") == "정원"
    assert korean.gap("youth-dream", "fees", "not_covered") == "수수료"
    assert korean.contact("immigration-contact-center").name == "외국인종합안내센터"
    assert korean.label("statuses", "in force") == "시행 중"
    # falling back to nothing: the source language and unknown entries have no text here
    assert english.programme("job-seeking-d10") is None and english.fact("top-tier", "launch") is None
    assert korean.fact("top-tier", "no such topic") is None and korean.localise_programme(
        catalogue.programme("top-tier")
    ).id == "top-tier"
