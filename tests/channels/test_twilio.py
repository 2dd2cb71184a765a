"""Twilio SMS and WhatsApp: signed form POSTs to /webhooks/twilio/webhook, replies captured at the stub API."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.channels.checks import TrackerDb, forget_me_deletes_the_conversation, nothing_answered
from tests.channels.stub import (
    TWILIO_NUMBER,
    TWILIO_PUBLIC_URL,
    TWILIO_SID,
    Call,
    StubApis,
    post,
    text_of,
    twilio_signature,
    unique_id,
)
from visa_guide.vocabulary import ASPECT_LABELS

pytestmark = pytest.mark.e2e

ASPECT_BY_TITLE = {"Who can apply?": "eligibility", "Benefits": "benefits", "Family": "family",
                   "Can I apply now?": "timeline", "How to apply": "application"}


def inbound(sender: str, body: str) -> dict[str, str]:
    """The form fields Twilio posts for an incoming message."""
    sid = "SM" + uuid.uuid4().hex
    fields = {
        "ToCountry": "US", "ToState": "CA", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "FromZip": "",
        "SmsSid": sid, "FromState": "", "SmsStatus": "received", "FromCity": "", "Body": body, "FromCountry": "KR",
        "To": TWILIO_NUMBER if sender.startswith("whatsapp:") else TWILIO_NUMBER.removeprefix("whatsapp:"),
        "ToZip": "", "NumSegments": "1", "MessageSid": sid, "AccountSid": TWILIO_SID, "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if sender.startswith("whatsapp:"):
        fields.update(ProfileName="Min-jun", WaId=sender.removeprefix("whatsapp:+"), ReferralNumMedia="0")
    return fields


def send(webhooks: str, fields: dict[str, str], signature: str | None = "valid"):
    headers = {}
    if signature == "valid":
        headers["X-Twilio-Signature"] = twilio_signature(TWILIO_PUBLIC_URL, fields)
    elif signature is not None:
        headers["X-Twilio-Signature"] = signature
    return post(f"{webhooks}/twilio/webhook", data=fields, headers=headers)


def sent_to(recipient: str):
    return lambda c: c.api == "twilio" and c.method == "Messages.json" and c.body.get("To") == recipient


def with_options(call: Call) -> bool:
    return "Reply with a number:" in text_of(call)


def numbered(call: Call) -> dict[int, str]:
    return {int(n): title for n, title in re.findall(r"^(\d+)\. (.+)$", call.body["Body"], flags=re.MULTILINE)}


def test_whatsapp_answer_with_numbered_options_and_a_numbered_reply(apis: StubApis, webhooks: str):
    user = f"whatsapp:+8210{unique_id(8)}"
    response = send(webhooks, inbound(user, "what is the top tier visa?"))
    assert response.status_code == 204, response.text
    answer = apis.wait_for(sent_to(user))[-1]
    assert answer.path == f"/twilio/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
    assert answer.headers.get("Authorization", "").startswith("Basic ")
    assert answer.body["From"] == TWILIO_NUMBER
    assert "Top-Tier" in answer.body["Body"]
    assert "*Top-Tier visa* (in force):" in answer.body["Body"] and "**" not in answer.body["Body"]
    assert "Reply with a number:" in answer.body["Body"]
    options = numbered(answer)
    assert options[1] == "Who can apply?" and len(options) == 3

    send(webhooks, inbound(user, "1"))
    reply = apis.nth_reply(sent_to(user), with_options, 2)
    assert f"Top-Tier visa: {ASPECT_LABELS[ASPECT_BY_TITLE[options[1]]]}" in "\n".join(text_of(c) for c in reply)

    send(webhooks, inbound(user, "9"))
    apis.wait_for(lambda c: sent_to(user)(c) and "Please reply with a number from 1 to 4" in text_of(c))
    send(webhooks, inbound(user, "2."))
    third = "\n".join(text_of(c) for c in apis.nth_reply(sent_to(user), with_options, 3))
    assert f"Top-Tier visa: {ASPECT_LABELS[ASPECT_BY_TITLE[numbered(reply[-1])[2]]]}" in third


def test_sms_answer_comes_from_the_plain_number_without_markdown(apis: StubApis, webhooks: str):
    user = f"+8210{unique_id(8)}"
    assert send(webhooks, inbound(user, "what is the top tier visa?")).status_code == 204
    answer = apis.wait_for(sent_to(user))[-1]
    assert answer.body["From"] == TWILIO_NUMBER.removeprefix("whatsapp:")
    assert "Top-Tier visa (in force):" in answer.body["Body"] and "*" not in answer.body["Body"]
    assert "HiKorea." in answer.body["Body"] and "](" not in answer.body["Body"]
    assert all(len(c.body["Body"]) <= 1600 for c in apis.matching(sent_to(user)))


def test_too_long_message_gets_the_polite_reply(apis: StubApis, webhooks: str):
    user = f"whatsapp:+8210{unique_id(8)}"
    assert send(webhooks, inbound(user, ("visa " * 500)[:-1] + "?")).status_code == 204
    reply = apis.wait_for(sent_to(user))[-1].body["Body"]
    assert "too long" in reply and "2500 characters" in reply


@pytest.mark.parametrize("signature", [None, "bm90IGEgc2lnbmF0dXJl", "wrong-token", "local-url"])
def test_unsigned_or_badly_signed_requests_are_refused(apis: StubApis, webhooks: str, signature: str | None):
    user = f"whatsapp:+8210{unique_id(8)}"
    fields = inbound(user, "what is the top tier visa?")
    if signature == "wrong-token":
        signature = twilio_signature(TWILIO_PUBLIC_URL, fields, token="another-token")
    elif signature == "local-url":
        signature = twilio_signature(f"{webhooks}/twilio/webhook", fields)
    response = send(webhooks, fields, signature=signature)
    assert response.status_code == 403
    nothing_answered(apis, sent_to(user), lambda text: send(webhooks, inbound(user, text)))


def test_a_tampered_body_is_refused(apis: StubApis, webhooks: str):
    user = f"whatsapp:+8210{unique_id(8)}"
    fields = inbound(user, "hello")
    signature = twilio_signature(TWILIO_PUBLIC_URL, fields)
    fields["Body"] = "what is the top tier visa?"
    assert send(webhooks, fields, signature=signature).status_code == 403


@pytest.mark.parametrize("prefix", ["whatsapp:", ""])
def test_forget_me_deletes_the_conversation(apis: StubApis, webhooks: str, tracker: TrackerDb, prefix: str):
    user = f"{prefix}+8210{unique_id(8)}"
    forget_me_deletes_the_conversation(apis, tracker, user, sent_to(user),
                                       lambda text: send(webhooks, inbound(user, text)))
