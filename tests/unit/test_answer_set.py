"""The answer set (tests/answers/) is written apart from the training data, covers every catalogue fact, and
names only entries that exist; the judge of `make eval-answers` tells a right reply from a wrong one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from scripts.answer_set import Judge, Question, load_answer_set
from visa_guide.catalogue.matching import normalise
from visa_guide.catalogue.queries import Catalogue

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = load_answer_set()
# the held-out set (tests/answers/fresh/): not loaded by `make eval-answers`, but held to the same ids and overlap rules
FRESH = load_answer_set(ROOT / "tests" / "answers" / "fresh")


def all_questions() -> list[Question]:
    return [
        *(q for s in (ANSWERS, FRESH) for q in s.questions),
        *(t for s in (ANSWERS, FRESH) for c in s.chains for t in c.turns),
        *(q for s in (ANSWERS, FRESH) for q in s.not_covered),
    ]


def test_the_fresh_set_is_there() -> None:
    assert len(FRESH.questions) >= 100 and len(FRESH.chains) >= 20 and len(FRESH.not_covered) >= 25


def test_the_set_is_as_large_as_promised() -> None:
    assert len(ANSWERS.questions) >= 300 and len(ANSWERS.chains) >= 60 and len(ANSWERS.not_covered) >= 40


def test_no_question_is_in_the_training_data_or_the_catalogue_phrasings(catalogue: Catalogue) -> None:
    training = {normalise(e.get("text")) for e in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    phrasings = {
        normalise(p)
        for programme in catalogue.programmes()
        for fact in catalogue.facts(programme.id)
        for p in fact.asked_as
    }
    texts = [normalise(q.text) for q in all_questions()] + [normalise(b) for q in all_questions() for b in q.before]
    assert [t for t in texts if t in training] == []
    assert [t for t in texts if t in phrasings] == []


def test_every_expected_entry_exists_and_every_fact_is_asked_three_times(catalogue: Catalogue) -> None:
    judge = Judge(catalogue)
    expected = [e for q in all_questions() for e in q.expect]
    assert [e for e in expected if not judge.known(e)] == []
    asked = Counter(e for q in ANSWERS.questions for e in q.expect)
    assert [fact for fact in judge.facts if asked[fact] < 3] == []


def test_the_judge_wants_the_fact_first(catalogue: Catalogue) -> None:
    judge = Judge(catalogue)
    points = next(f for f in catalogue.facts("job-seeking-d10") if f.topic == "points system").versions[0].text
    stay = next(f for f in catalogue.facts("job-seeking-d10") if f.topic == "what it is").versions[0].text
    question = Question("d10 points?", ("job-seeking-d10/points system",))
    assert judge.judge(question, f"**D-10**: {points} (in force; [x](https://x), 2026)\nMore on D-10") is None
    assert judge.judge(question, f"**D-10**: {stay}\n{points}") == "leads with job-seeking-d10/what it is"
    assert judge.judge(question, f"**D-10 job-seeking visa: overview**\nSummary.\nMore\n{points}") is not None
    assert judge.judge(question, "I'm not sure I understood.") == "missing job-seeking-d10/points system"


def test_the_judge_wants_the_contacts_for_what_is_not_covered(catalogue: Catalogue) -> None:
    judge = Judge(catalogue)
    question = Question("how do I get an F-6 visa?", not_covered=True)
    right = "My sources don't cover that; ask 1345 or [HiKorea](https://www.hikorea.go.kr)."
    assert judge.judge(question, right) is None
    assert judge.judge(question, "My sources don't cover that.") == "does not give 1345 and HiKorea"
    assert judge.judge(question, "Which programme do you mean?", buttons=9) == "does not say my sources don't cover it"
