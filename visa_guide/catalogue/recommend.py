"""Ranking programmes against a user's profile, from the criteria stored in the catalogue.

It never concludes that someone qualifies: it says what matches, what does not, what is unknown
because the rules are not published, and which published rules it cannot judge ("to check"). A rule the
sources disagree on, or that changed over time, is always "to check": never for or against. So every
suggestion carries at least one "to check" line (or says that my sources don't cover who can apply).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from visa_guide.catalogue.schema import EDUCATION_LEVELS
from visa_guide.catalogue.views import CountryView, FactView, ProgrammeView


@dataclass(frozen=True)
class Profile:
    age: int | None = None
    country: CountryView | None = None
    current_status: str | None = None  # student | graduate | worker
    field: str | None = None  # a field id
    field_name: str | None = None
    education: str | None = None  # one of EDUCATION_LEVELS


@dataclass
class Recommendation:
    programme: ProgrammeView
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)
    to_check: list[FactView] = field(default_factory=list)  # published rules not judged (sources may differ)

    @property
    def sources_differ(self) -> list[FactView]:
        """The "to check" rules on which the sources disagree."""
        return [fact for fact in self.to_check if fact.sources_differ]


STATUS_NAMES = {"student": "students", "graduate": "graduates", "worker": "working professionals"}


def _level(value: str) -> int:
    return EDUCATION_LEVELS.index(value) if value in EDUCATION_LEVELS else -1


def _judge(
    rec: Recommendation, given: bool, matches: bool, reason: str, mismatch: str, unknown: str, gain: int, loss: int
) -> None:
    """Scores one criterion: a reason when it matches, a mismatch when it doesn't, an unknown when not given."""
    if not given:
        rec.unknowns.append(unknown)
    elif matches:
        rec.score += gain
        rec.reasons.append(reason)
    else:
        rec.score -= loss
        rec.mismatches.append(mismatch)


def _check_status(rec: Recommendation, wanted: list[str] | None, profile: Profile) -> None:
    if not wanted:
        return
    names = " and ".join(STATUS_NAMES.get(s, s) for s in wanted)
    _judge(
        rec,
        profile.current_status is not None,
        profile.current_status in wanted,
        reason=f"it is meant for {names}",
        mismatch=f"it is meant for {names}",
        unknown=f"it is meant for {names}; you did not say your situation",
        gain=3,
        loss=3,
    )


def _check_fields(rec: Recommendation, wanted: list[str] | None, profile: Profile) -> None:
    if not wanted:
        return
    name = profile.field_name or profile.field
    _judge(
        rec,
        profile.field is not None,
        profile.field in wanted,
        reason=f"{name} is among its named sectors",
        mismatch=f"{name} is not among its named sectors",
        unknown="it is limited to named sectors; you did not give your field",
        gain=3,
        loss=2,
    )


def _check_named_fields(rec: Recommendation, named: list[str] | None, profile: Profile) -> None:
    """Sectors a source names for the programme when the full list is not published: a field among them is a
    reason, any other field is neither for nor against (it may be one of the unnamed sectors)."""
    if not named or profile.field is None or profile.field not in named:
        return
    rec.score += 3
    rec.reasons.append(f"{profile.field_name or profile.field} is among the sectors my sources name for it")


def _check_education(rec: Recommendation, accepted: list[str] | None, profile: Profile) -> None:
    if not accepted:
        return
    minimum = min(accepted, key=_level)
    label = minimum.replace("_", " ")
    _judge(
        rec,
        profile.education is not None,
        _level(profile.education or "") >= _level(minimum),
        reason=f"your education meets the {label} level reported",
        mismatch=f"sources report at least a {label} degree",
        unknown=f"it asks for at least a {label} degree; you did not give yours",
        gain=1,
        loss=2,
    )


def _check_country(rec: Recommendation, basis: str | None, profile: Profile) -> None:
    if basis != "korean_war_participants":
        return
    if profile.country is None:
        rec.unknowns.append("it is for certain countries; you did not give your nationality")
    elif profile.country.war_role:
        rec.score += 3
        rec.reasons.append(f"{profile.country.name} is one of the Korean War participant countries")
    else:
        rec.unknowns.append(f"{profile.country.name} is not one of the Korean War participant countries")


def _check_age(rec: Recommendation, age_max: int | None, profile: Profile) -> None:
    if age_max is None:
        return
    _judge(
        rec,
        profile.age is not None,
        profile.age is not None and profile.age <= age_max,
        reason=f"you are within the age limit of {age_max}",
        mismatch=f"the age limit is {age_max}",
        unknown=f"it has an age limit of {age_max}; you did not give your age",
        gain=1,
        loss=3,
    )


def recommend(
    programmes: list[ProgrammeView], profile: Profile, gaps: Mapping[str, list[str]] | None = None
) -> list[Recommendation]:
    """Programmes ranked best first: highest score, fewest mismatches, most reasons, then catalogue order.

    `gaps` maps a programme id to the eligibility rules the catalogue lists as not published.
    """
    ranked = []
    for position, programme in enumerate(programmes):
        criteria = programme.criteria or {}
        rec = Recommendation(programme)
        _check_status(rec, criteria.get("statuses"), profile)
        _check_fields(rec, criteria.get("fields"), profile)
        _check_named_fields(rec, criteria.get("named_fields"), profile)
        _check_education(rec, criteria.get("education"), profile)
        _check_country(rec, criteria.get("countries"), profile)
        _check_age(rec, criteria.get("age_max"), profile)
        rec.to_check = list(programme.checks)
        if gaps and gaps.get(programme.id):
            rec.unknowns.append("not published yet: " + ", ".join(gaps[programme.id]))
        ranked.append((-rec.score, len(rec.mismatches), -len(rec.reasons), position, rec))
    return [item[-1] for item in sorted(ranked, key=lambda item: item[:4])]
