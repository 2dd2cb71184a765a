"""Korean names of programmes, countries and fields (catalogue/translations/ko/): the official terms and the
usual aliases are there, the 22 Korean War participants and every other country have a Korean name, and
they are found in Korean messages whatever particle follows them."""

from __future__ import annotations

import pytest

from tests.stacks import CATALOGUE_DIR
from visa_guide.catalogue.loader import read_catalogue
from visa_guide.catalogue.names import NameIndex

WAR_PARTICIPANTS_KO = {
    "Australia": "호주", "Belgium": "벨기에", "Canada": "캐나다", "Colombia": "콜롬비아", "Ethiopia": "에티오피아",
    "France": "프랑스", "Greece": "그리스", "Luxembourg": "룩셈부르크", "Netherlands": "네덜란드",
    "New Zealand": "뉴질랜드", "Philippines": "필리핀", "South Africa": "남아프리카공화국", "Thailand": "태국",
    "Turkey": "튀르키예", "United Kingdom": "영국", "United States": "미국", "Denmark": "덴마크", "India": "인도",
    "Italy": "이탈리아", "Norway": "노르웨이", "Sweden": "스웨덴", "Germany": "독일",
}  # fmt: skip


@pytest.fixture(scope="module")
def korean(catalogue):
    return catalogue.texts("ko")


def test_the_22_participants_and_every_other_country_have_a_korean_name(catalogue, korean):
    participants = {c.name for c in catalogue.war_participants()}
    assert participants == set(WAR_PARTICIPANTS_KO)
    assert {name: korean.country(name).name for name in participants} == WAR_PARTICIPANTS_KO
    every = [country["name"] for country in read_catalogue(CATALOGUE_DIR).countries]
    assert len(every) >= 107 and [name for name in every if korean.country(name) is None] == []
    korean_names = [korean.country(name).name for name in every]
    assert len(set(korean_names)) == len(korean_names)  # no Korean name for two countries


@pytest.mark.parametrize(
    ("text", "programmes"),
    [
        ("탑티어 비자 신청 조건이 뭐예요?", ["top-tier"]),
        ("톱티어비자는 언제 시작했나요", ["top-tier"]),
        ("유스드림 비자가 뭐예요", ["youth-dream"]),
        ("청년드림 비자를 신청하고 싶어요", ["youth-dream"]),
        ("구직비자를 연장할 수 있나요", ["job-seeking-d10"]),
        ("지역특화형 비자는 어디서 받아요", ["f2r-regional"]),
        ("광역형 비자 시범사업 대상 지역이 어디예요", ["regional-pilot"]),
        ("케이스타 비자는 몇 개 대학에서 돼요?", ["k-star"]),
        ("K-CORE 비자랑 탑티어 비교해 주세요", ["k-core", "top-tier"]),
        ("전문대 다니는데 알바 몇 시간까지 돼요?", ["vocational-pilot", "nonspecialized-jobs-students"]),
        ("졸업 후 인턴십 기간은요?", ["post-graduation-internship"]),
        ("비자가 필요해요", []),
    ],
)
def test_programme_names_are_found_before_any_particle(korean, text, programmes):
    assert NameIndex(korean.aliases("programme")).keys_in(text) == programmes


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("콜롬비아 사람인데 신청 가능한가요", ["Colombia"]),
        ("튀르키예 출신이에요", ["Turkey"]),
        ("터키에서 왔어요", ["Turkey"]),
        ("저는 인도인입니다", ["India"]),
        ("인도네시아인입니다", ["Indonesia"]),
        ("남아공 국적인데요", ["South Africa"]),
        ("수단과 방법을 가리지 않고", []),  # 수단 is "means" too: only 수단인 / 수단 사람 name the country
        ("영주권이란 무엇인가요", []),  # "-이란" is not Iran
        ("한국인 배우자가 있어요", []),
    ],
)
def test_country_names_and_demonyms_are_found(korean, text, countries):
    assert NameIndex(korean.aliases("country")).keys_in(text) == countries


def test_field_names_are_found(korean):
    index = NameIndex(korean.aliases("field"))
    assert index.keys_in("반도체 엔지니어이고 인공지능도 해요") == ["semiconductors", "ai"]
    assert index.keys_in("이차전지 회사에 다녀요") == ["secondary-batteries"]


def test_every_korean_programme_name_belongs_to_one_programme(korean, catalogue):
    owners: dict[str, str] = {}
    for programme in catalogue.programmes():
        text = korean.programme(programme.id)
        assert text is not None and len(text.aliases) >= 4, programme.id
        for alias in (text.name, *text.aliases, *text.keywords):
            assert owners.setdefault(alias.lower(), programme.id) == programme.id, alias
