from actions.catalogue.recommend import Profile, recommend


def _gaps(catalogue) -> dict[str, list[str]]:
    return {p.id: [g.topic for g in catalogue.gaps(p.id, ("eligibility",))] for p in catalogue.programmes()}


def _ranked_ids(catalogue, **profile):
    return [r.programme.id for r in recommend(catalogue.programmes(), Profile(**profile))]


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
    youth = next(
        r
        for r in recommend(catalogue.programmes(), Profile(country=catalogue.find_country("Vietnam")), _gaps(catalogue))
        if r.programme.id == "youth-dream"
    )
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


def test_lower_education_than_reported_is_a_mismatch(catalogue):
    top = next(
        r for r in recommend(catalogue.programmes(), Profile(education="high_school")) if r.programme.id == "top-tier"
    )
    assert any("degree" in m for m in top.mismatches)
