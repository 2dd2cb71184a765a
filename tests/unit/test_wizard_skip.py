"""The wizard skips a question after two unusable answers, says so, and never loops."""

from __future__ import annotations

import pytest
from rasa_sdk.utils import call_potential_coroutine

from actions.form_actions import MAX_INVALID_ANSWERS, ValidateEligibilityForm, misses_after
from tests.unit.conftest import make_tracker, texts
from visa_guide.profile.parsing import SKIPPED

INVALID = {
    "age": "banana",
    "country": "Narnia",
    "current_status": "a dog",
    "education": "lots of books",
}


async def _validate(slot, value, dispatcher, misses=None):
    """The form's validator for `slot`, as rasa-sdk calls it (some read the catalogue, off the event loop)."""
    tracker = make_tracker(value, "inform", slots={"requested_slot": slot, "wizard_misses": misses})
    return await call_potential_coroutine(
        getattr(ValidateEligibilityForm(), f"validate_{slot}")(value, dispatcher, tracker, {})
    )


@pytest.mark.parametrize("slot", sorted(INVALID))
async def test_first_unusable_answer_asks_again(slot, dispatcher):
    assert await _validate(slot, INVALID[slot], dispatcher) == {slot: None, "wizard_misses": f"{slot}:1"}
    assert "skip this question" not in texts(dispatcher)


@pytest.mark.parametrize("slot", sorted(INVALID))
async def test_second_unusable_answer_skips_the_question_and_says_so(slot, dispatcher):
    result = await _validate(slot, INVALID[slot], dispatcher, misses=f"{slot}:1")
    assert result == {slot: SKIPPED, "wizard_misses": None}
    assert "skip this question" in texts(dispatcher)


async def test_misses_for_another_question_do_not_count(dispatcher):
    result = await _validate("country", "Narnia", dispatcher, misses="age:1")
    assert result == {"country": None, "wizard_misses": "country:1"}


async def test_a_valid_answer_after_one_miss_is_kept(dispatcher):
    assert await _validate("age", "29", dispatcher, misses="age:1") == {"age": "29"}


def test_misses_after():
    assert misses_after(None, "age") == 1
    assert misses_after("age:1", "age") == 2
    assert misses_after("age:1", "country") == 1
    assert misses_after("garbage", "age") == 1
    assert MAX_INVALID_ANSWERS == 2
