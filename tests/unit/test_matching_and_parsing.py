import pytest

from visa_guide.catalogue.matching import AliasIndex, normalise
from visa_guide.profile.parsing import is_skip, parse_age, parse_education, parse_status, stated_age


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("Türkiye!") == "turkiye"
    assert normalise("  D-10  visa ") == "d 10 visa"


def test_alias_index_prefers_exact_and_longest_matches():
    index = AliasIndex([("a", "youth dream"), ("b", "youth"), ("c", "dream team")])
    assert [m.key for m in index.find_all("is the youth dream visa open")] == ["a"]
    assert index.lookup("Youth Dream") == "a"


def test_alias_index_tolerates_a_typo_but_not_a_different_word():
    index = AliasIndex([("tt", "top tier"), ("yd", "youth dream")])
    assert index.lookup("top teir") == "tt"
    assert index.lookup("youth dreem") == "yd"
    assert index.lookup("top secret") is None


def test_very_long_text_is_searched_quickly():
    index = AliasIndex([("tt", "top tier")])
    assert index.find_all("word " * 5000 + "top tier") == []  # past the searched prefix
    assert index.find_all("top tier " + "word " * 5000)[0].key == "tt"


@pytest.mark.parametrize(
    "text, age",
    [
        ("27", 27),
        ("I am 31 years old", 31),
        ("I'm 7", None),
        ("120", None),
        ("no idea", None),
        ("100,000 people", None),
    ],
)
def test_parse_age(text, age):
    assert parse_age(text) == age


def test_stated_age_ignores_other_numbers():
    assert stated_age("which visa fits me? I'm 24 and from Colombia") == 24
    assert stated_age("is the D-10 visa for 2 years?") is None


@pytest.mark.parametrize(
    "text, status",
    [
        ("I'm a graduate student", "graduate"),
        ("student", "student"),
        ("working as an engineer", "worker"),
        ("retired cat", None),
    ],
)
def test_parse_status(text, status):
    assert parse_status(text) == status


@pytest.mark.parametrize(
    "text, level",
    [
        ("master's degree", "master"),
        ("PhD", "phd"),
        ("a BSc and an MSc", "master"),
        ("high school", "high_school"),
        ("a dog", None),
    ],
)
def test_parse_education(text, level):
    assert parse_education(text) == level


@pytest.mark.parametrize("text", ["skip", "Skip!", "I'd rather not say", "prefer not to say"])
def test_skip(text):
    assert is_skip(text)


def test_an_answer_is_not_a_skip():
    assert not is_skip("Colombia")
