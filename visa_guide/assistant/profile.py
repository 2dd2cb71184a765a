"""Profile details given outside the questions: remembered, acknowledged, and used later; they never start
the five questions (only asking for suggestions does, and then it asks only for what is missing)."""

from __future__ import annotations

from visa_guide.answers.facts import spoken_list
from visa_guide.assistant.turn import Button, Reply

LABELS = {
    "age": "age {}",
    "country": "from {}",
    "current_status": "{}",
    "field": "field: {}",
    "education": "education: {}",
}


def noted_reply(found: dict[str, str]) -> Reply:
    """'Noted (from Chile). Ask me about any programme, or ...': the details kept, and what to do next."""
    noted = spoken_list([LABELS[slot].format(value.replace("_", " ")) for slot, value in found.items()], "and")
    text = (
        f"Noted ({noted}). Ask me about any programme, or say \"which visa fits me?\" and I'll ask only "
        "for what I still need."
    )
    return Reply.say(
        text,
        [Button("Which visa fits me?", "/recommend_visa"), Button("List the programmes", "/list_programmes")],
        kind="noted",
        **found,
    )
