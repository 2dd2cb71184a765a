import datetime as dt

import pytest

from visa_guide.answers.people import recommendation_answer
from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.catalogue.views import FactView, ProgrammeView, SourceView, Statement


def _gaps(catalogue) -> dict[str, list[str]]:
    return {p.id: [g.topic for g in catalogue.gaps(p.id, ("eligibility",))] for p in catalogue.programmes()}


def _ranked_ids(catalogue, **profile):
    return [r.programme.id for r in recommend(catalogue.programmes(), Profile(**profile))]


def _for(catalogue, programme_id: str, **profile):
    ranked = recommend(catalogue.programmes(), Profile(**profile), _gaps(catalogue))
    return next(r for r in ranked if r.programme.id == programme_id)


PROFILES = [
    {},
    {"current_status": "worker", "field": "ai", "field_name": "AI", "education": "phd", "age": 40},
    {"current_status": "worker", "field": "semiconductors", "field_name": "semiconductors", "education": "bachelor"},
    {"current_status": "student", "field": "ai", "field_name": "AI", "education": "master", "age": 24},
    {"current_status": "graduate", "education": "master", "age": 27},
    {"education": "high_school", "age": 19},
]


def test_a_senior_ai_engineer_gets_top_tier_first(catalogue):
    ranked = recommend(
        catalogue.programmes(), Profile(current_status="worker", field="ai", field_name="AI", education="phd", age=40)
    )
    assert ranked[0].programme.id == "top-tier"
    assert ranked[0].reasons and not ranked[0].mismatches


def test_a_young_colombian_is_told_about_youth_dream_with_what_is_unknown(catalogue):
    country = catalogue.find_country("Colombia")
    ranked = recommend(catalogue.programmes(), Profile(age=23, country=country), _gaps(catalogue))
    youth = next(r for r in ranked if r.programme.id == "youth-dream")
    assert ranked.index(youth) == 0
    assert any("Korean War" in reason for reason in youth.reasons)
    assert any("not published" in unknown for unknown in youth.unknowns)


def test_a_non_participant_country_is_unknown_not_excluded(catalogue):
    youth = _for(catalogue, "youth-dream", country=catalogue.find_country("Vietnam"))
    assert not youth.mismatches
    country_gaps = [g.topic for g in catalogue.gaps("youth-dream", ("eligibility",)) if "countr" in g.topic]
    assert country_gaps
    assert all(any(topic in unknown for unknown in youth.unknowns) for topic in country_gaps)


def test_a_student_is_not_pointed_to_top_tier_first(catalogue):
    ranked = _ranked_ids(catalogue, current_status="student")
    assert ranked[0] != "top-tier"
    assert ranked.index("top-tier") > ranked.index("post-graduation-internship")


def test_an_empty_profile_lists_every_programme_with_unknowns(catalogue):
    ranked = recommend(catalogue.programmes(), Profile())
    assert len(ranked) == len(catalogue.programmes())
    assert all(not r.mismatches for r in ranked)
    assert any(r.unknowns for r in ranked)


# -- conflicting sources: "to check", never for or against ------------------------------------------


@pytest.mark.parametrize("education", ["high_school", "bachelor", "master", "phd"])
def test_top_tier_education_is_to_check_whatever_the_degree(catalogue, education):
    # the 2024 plan (bachelor's) gave way to the 2025 rules (master's/PhD, waivable at 4x GNI): a rule that
    # changed is neither for nor against, and it is listed to check
    top = _for(catalogue, "top-tier", current_status="worker", education=education)
    assert not any("degree" in line or "education" in line for line in top.mismatches + top.reasons)
    changed = {fact.topic for fact in top.to_check if fact.is_change}
    assert "education" in changed and "target sectors" in changed
    assert not top.sources_differ


@pytest.mark.parametrize("field_id", ["ai", "semiconductors", "finance"])
def test_top_tier_sectors_are_to_check_for_any_field(catalogue, field_id):
    # the sectors named in March 2026 (not all eight are) count for; no field counts against
    top = _for(catalogue, "top-tier", current_status="worker", field=field_id, field_name=field_id)
    assert not any("sector" in line for line in top.mismatches)
    named = any("sectors my sources name" in line for line in top.reasons)
    assert named is (field_id in ("ai", "semiconductors"))
    sectors = next(f for f in top.to_check if f.topic == "target sectors")
    assert sectors.is_change and len({v.sources[0].publisher for v in sectors.versions}) == 3


def test_the_four_times_gni_waiver_and_the_unmodelled_criteria_are_listed_to_check(catalogue):
    top = _for(catalogue, "top-tier", current_status="worker", education="bachelor")
    texts = " ".join(v.text for fact in top.to_check for v in fact.versions)
    assert "four times GNI" in texts  # the launch waiver of education and experience
    assert "8 years" in texts and "top-100" in texts and "KRW 149,865,000" in texts and "high-tech" in texts


@pytest.mark.parametrize("profile", PROFILES)
def test_no_suggestion_is_only_fits_lines(catalogue, profile):
    for rec in recommend(catalogue.programmes(), Profile(**profile), _gaps(catalogue)):
        assert rec.to_check or not rec.programme.checks, rec.programme.id
    answer = recommendation_answer(recommend(catalogue.programmes(), Profile(**profile)), catalogue.contacts())
    blocks = answer.split("\n")[1:]
    numbered = [i for i, line in enumerate(blocks) if line[:2] in ("1.", "2.", "3.")]
    for start, end in zip(numbered, numbered[1:] + [len(blocks)], strict=True):
        assert any("To check" in line for line in blocks[start:end]), blocks[start:end]


def test_f2r_korean_language_is_a_dated_change_to_check(catalogue):
    f2r = _for(catalogue, "f2r-regional", current_status="worker")
    language = next(f for f in f2r.to_check if f.topic == "Korean language")
    assert language.is_change and not language.sources_differ
    assert [v.valid_until for v in language.versions] == ["2024", None]
    assert [v.valid_from for v in language.versions] == [None, "2025"]


def test_a_programme_without_published_rules_says_my_sources_do_not_cover_them(catalogue):
    rec = _for(catalogue, "regional-work-visa")
    assert not rec.to_check and not rec.reasons and not rec.mismatches
    answer = recommendation_answer([rec], catalogue.contacts())
    assert "my sources don't cover who can apply" in answer and "1345" in answer


@pytest.mark.parametrize("profile", PROFILES)
def test_the_wording_never_says_someone_qualifies(catalogue, profile):
    answer = recommendation_answer(recommend(catalogue.programmes(), Profile(**profile)), catalogue.contacts())
    lowered = answer.lower()
    for claim in ("you qualify", "you are eligible", "you meet", "you can get", "you will get", "guarantee"):
        assert claim not in lowered.replace("whether you qualify", ""), claim
    assert "not legal advice" in lowered and "not a decision" in lowered


# -- the recommender on its own, with made-up programmes (no catalogue) ------------------------------

_SOURCE_A = SourceView("a", "Publisher A", None, "Publisher A", dt.date(2024, 9, 26), False)
_SOURCE_B = SourceView("b", "Publisher B", None, "Publisher B", None, False)


def _fact(topic: str, *texts: str, kind: str = "single") -> FactView:
    sources = (_SOURCE_A, _SOURCE_B)
    versions = tuple(Statement(t, "announced", None, (sources[i % 2],)) for i, t in enumerate(texts))
    return FactView("eligibility", topic, versions, kind if len(texts) > 1 else "single")


def _programme(criteria: dict, checks: tuple[FactView, ...] = ()) -> ProgrammeView:
    return ProgrammeView("p", "Programme P", "work", "announced", "A test programme.", criteria, (), checks)


def test_a_conflicting_criterion_is_neither_for_nor_against():
    conflict = _fact("degree", "at least a bachelor's", "a master's or PhD")
    rec = recommend(
        [_programme({"statuses": ["worker"]}, (conflict,))], Profile(current_status="worker", education="bachelor")
    )[0]
    assert rec.reasons == ["it is meant for working professionals"]
    assert not rec.mismatches and rec.to_check == [conflict] and rec.sources_differ == [conflict]
    answer = recommendation_answer([rec], [])
    assert "Sources differ on degree" in answer
    assert "at least a bachelor's (announced; Publisher A, 26 Sep 2024)" in answer
    assert "a master's or PhD (announced; Publisher B, undated)" in answer
    assert "Against" not in answer


def test_an_unmodelled_published_criterion_is_a_to_check_line():
    salary = _fact("salary", "a salary of at least KRW 100")
    rec = recommend([_programme({"statuses": ["worker"]}, (salary,))], Profile(current_status="worker"))[0]
    answer = recommendation_answer([rec], [])
    assert "Fits: it is meant for working professionals." in answer
    assert "To check" in answer and "- a salary of at least KRW 100 (announced, undated)" in answer



def test_only_the_best_match_lists_its_rules_in_full_the_others_name_them():
    conflict = _fact("degree", "at least a bachelor's", "a master's or PhD")
    salary = _fact("salary", "a salary of at least KRW 100")
    first = _programme({"statuses": ["worker"]}, (salary,))
    second = ProgrammeView("q", "Programme Q", "work", "announced", "Another.", {}, (), (conflict, salary))
    ranked = recommend([first, second], Profile(current_status="worker"))
    assert [r.programme.id for r in ranked] == ["p", "q"]
    answer = recommendation_answer(ranked, [])
    best, other = answer.split("\n2. ")
    assert "- a salary of at least KRW 100 (announced, undated)" in best
    assert "To check: degree (sources differ), salary." in other
    assert "KRW 100" not in other and "Publisher" not in other
    assert "Ask me who can apply for any of them" in other
    assert "Ask me who can apply" not in recommendation_answer(ranked[:1], [])

def test_a_modelled_criterion_without_conflict_is_still_judged():
    rec = recommend([_programme({"education": ["master", "phd"]})], Profile(education="bachelor"))[0]
    assert any("master degree" in m for m in rec.mismatches)
    answer = recommendation_answer([rec], [])
    assert "my sources don't cover who can apply" in answer  # no published rule to show: said, not hidden
