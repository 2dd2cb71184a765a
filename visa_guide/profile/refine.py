"""Which missing profile answers could change the suggestions, found by asking the recommender itself.

For each missing item, every value it could take is tried; the item matters when some value changes the
order of the top suggestions. Nothing about the criteria is re-implemented here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from visa_guide.catalogue.recommend import Profile, recommend
from visa_guide.catalogue.schema import CURRENT_STATUSES, EDUCATION_LEVELS
from visa_guide.catalogue.views import CountryView, ProgrammeView
from visa_guide.profile.parsing import MAX_AGE, MIN_AGE, PROFILE_ITEMS

TOP_SUGGESTIONS = 3
OTHER_FIELD = "other:another field"


def _field_values(programmes: Sequence[ProgrammeView]) -> list[str]:
    named = [f for p in programmes for f in ((p.criteria or {}).get("fields") or [])]
    return [*dict.fromkeys(named), OTHER_FIELD]


def _country_values(countries: Sequence[CountryView]) -> list[CountryView]:
    """The countries given, plus one of each kind (Korean War participant or not) so both are tried."""
    values = list(countries)
    if values and all(c.war_role for c in values):
        values.append(replace(values[0], name="another country", war_role=None, note=None))
    return values


def _alternatives(item: str, programmes: Sequence[ProgrammeView], countries: Sequence[CountryView]) -> list[Any]:
    return {
        "age": list(range(MIN_AGE, MAX_AGE + 1)),
        "country": _country_values(countries),
        "current_status": list(CURRENT_STATUSES),
        "field": _field_values(programmes),
        "education": list(EDUCATION_LEVELS),
    }[item]


def _with(profile: Profile, item: str, value: Any) -> Profile:
    if item == "field":
        return replace(profile, field=value, field_name=str(value).removeprefix("other:"))
    return replace(profile, **{item: value})


def _top(programmes: Sequence[ProgrammeView], profile: Profile, gaps: Mapping[str, list[str]] | None) -> list[str]:
    return [rec.programme.id for rec in recommend(list(programmes), profile, gaps)[:TOP_SUGGESTIONS]]


def items_that_matter(
    programmes: Sequence[ProgrammeView],
    profile: Profile,
    missing: Sequence[str],
    countries: Sequence[CountryView] = (),
    gaps: Mapping[str, list[str]] | None = None,
) -> list[str]:
    """The items of `missing` (names from PROFILE_ITEMS) for which some answer would reorder the top suggestions.

    `countries`: sample countries to try for a missing nationality (a Korean War participant is enough;
    a non-participant is added).
    """
    baseline = _top(programmes, profile, gaps)
    return [
        item
        for item in PROFILE_ITEMS
        if item in missing
        and any(
            _top(programmes, _with(profile, item, value), gaps) != baseline
            for value in _alternatives(item, programmes, countries)
        )
    ]
