"""The insights report and review inbox from a real tracker store, filled by real conversations sent over REST to
the real Rasa and action servers. The expected numbers come from what was sent and what the assistant replied,
not from the store."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from html import escape

import pytest
import requests

from insights.cli import main as insights_main
from insights.conversations import answer_id
from runtime.channels.messaging import FACTUAL_ANSWER

PHONE = "010-9876-5432"
GIBBERISH = "florbix quandle zzvrt"
FALLBACK_REPLIES = ("not sure I understood", "still couldn't follow")
HANDOFF_REPLY = "can't transfer you to a person"
OUT_OF_SCOPE_REPLY = "outside what I know"
FEEDBACK = "(not helpful: the widget's button under the previous answer)"

CONVERSATIONS = [
    ["what is the top tier visa?", FEEDBACK, "thank you"],
    [GIBBERISH, "what documents do I need for the D-10 visa?"],
    [f"my pizza order {PHONE} never arrived", "which visa fits a 25 year old engineer from Vietnam?"],
    ["I want to talk to a real person"],
]


@dataclass
class Sent:
    sender: str
    replies: list[str] = field(default_factory=list)
    first_text: str = ""  # the first factual answer (with sources), which the feedback rates

    @property
    def fallback_turns(self) -> int:
        return sum(any(marker in reply for marker in FALLBACK_REPLIES) for reply in self.replies)

    def unanswered(self, turn: int) -> bool:
        return any(marker in self.replies[turn] for marker in (*FALLBACK_REPLIES, OUT_OF_SCOPE_REPLY))

    @property
    def handed_off(self) -> bool:
        return any(HANDOFF_REPLY in reply for reply in self.replies)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, catalogue_db_url: str) -> dict:
    from tests.stacks import start_test_stack

    work = tmp_path_factory.mktemp("insights-stack")
    stack = start_test_stack(work, database_url=catalogue_db_url)
    sent: list[Sent] = []
    try:
        url = f"{stack.config.rasa_url}/webhooks/rest/webhook"
        for messages in CONVERSATIONS:
            conversation = Sent(f"insights-{uuid.uuid4().hex[:8]}")
            for message in messages:
                if message == FEEDBACK:
                    message = "/feedback" + json.dumps({"feedback": "not_helpful",
                                                        "answer_id": answer_id(conversation.first_text)})
                response = requests.post(url, json={"sender": conversation.sender, "message": message}, timeout=60)
                assert response.status_code == 200, response.text
                conversation.replies.append("\n".join(m.get("text") or "" for m in response.json()))
                factual = [m["text"] for m in response.json() if FACTUAL_ANSWER.search(m.get("text") or "")]
                conversation.first_text = conversation.first_text or (factual[0] if factual else "")
            sent.append(conversation)
    finally:
        stack.stop()
    tracker = f"sqlite:///{work / 'tracker.db'}"
    out = work / "insights"
    assert insights_main(["report", "--url", tracker, "--out", str(out)]) == 0
    inbox = work / "review" / "inbox.yml"
    assert insights_main(["review", "--url", tracker, "--out", str(inbox)]) == 0
    return {
        "sent": sent,
        "summary": json.loads((out / "summary.json").read_text()),
        "html": (out / "report.html").read_text(),
        "inbox": inbox.read_text(),
        "out": out,
    }


def test_the_gibberish_message_is_in_the_report_and_the_inbox(run: dict) -> None:
    assert run["sent"][1].unanswered(0), "the assistant answered the gibberish: pick another message"
    assert GIBBERISH in run["html"]
    assert f"- {GIBBERISH}" in run["inbox"]
    assert run["summary"]["unanswered_messages"] >= 1


def test_a_phone_number_never_reaches_the_report_or_the_inbox(run: dict) -> None:
    assert run["sent"][2].unanswered(0), "the assistant answered the message with the phone number"
    assert "never arrived" in run["html"], "the message with the phone number should be listed (masked)"
    assert "- my pizza order [phone] never arrived" in run["inbox"]
    for text in (run["html"], run["inbox"], json.dumps(run["summary"])):
        assert "9876" not in text and "5432" not in text


def test_the_summary_counts_what_was_sent(run: dict) -> None:
    summary, sent = run["summary"], run["sent"]
    turns = sum(len(messages) for messages in CONVERSATIONS) - 1  # feedback is not a turn
    handed_off = [s.handed_off for s in sent]
    assert handed_off == [False, False, False, True], "the handoff request was not answered as one"
    assert summary["conversations"] == len(CONVERSATIONS)
    assert summary["turns"] == turns
    assert summary["median_turns"] == 2
    assert summary["channels"] == {"rest": len(CONVERSATIONS)}
    assert summary["handoff_rate"] == pytest.approx(1 / len(CONVERSATIONS))
    contained = sum(not (s.fallback_turns or s.handed_off) for s in sent)
    assert summary["containment"] == pytest.approx(contained / len(CONVERSATIONS), abs=1e-4)
    assert summary["fallback_rate"] == pytest.approx(sum(s.fallback_turns for s in sent) / turns, abs=1e-4)
    assert summary["feedback"] == {"helpful": 0, "not_helpful": 1}
    assert "feedback" in sent[0].replies[1].lower(), "the feedback was not acknowledged"


def test_the_report_opens_offline_with_its_charts(run: dict) -> None:
    html = run["html"]
    assert html.count('src="data:image/png;base64,') == 4
    assert "http://" not in html and "https://" not in html and "<link" not in html and "<script" not in html
    assert sorted(p.name for p in run["out"].glob("*.png")) == [
        "conversations_per_day.png", "fallback_rate_per_day.png", "top_intents.png",
        "top_programmes_asked_about.png"]
    assert "Top-Tier visa" in html  # demand against freshness, per programme


def test_the_feedback_names_the_answer_it_rates(run: dict) -> None:
    first_line = run["sent"][0].first_text.splitlines()[0]
    assert FACTUAL_ANSWER.search(run["sent"][0].first_text), "the rated answer should be a factual one"
    section = run["html"].split("<h2>Feedback on answers</h2>")[1].split("<h2>")[0]
    assert escape(first_line) in section and "<td class=n>1</td>" in section
