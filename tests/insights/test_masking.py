"""Personal data is masked in what the insights report and the review inbox show."""

from __future__ import annotations

import pytest

from insights.masking import conversation_ref, mask


@pytest.mark.parametrize(
    ("text", "secret", "label"),
    [
        ("mail me at jane.doe+visa@example.co.kr please", "jane.doe+visa@example.co.kr", "[email]"),
        ("my number is 010-1234-5678", "1234-5678", "[phone]"),
        ("call +82 10 1234 5678 tomorrow", "1234 5678", "[phone]"),
        ("whatsapp 01012345678", "01012345678", "[phone]"),
        ("reach me on (02) 2650-6212", "2650-6212", "[phone]"),
        ("passport M12345678, is it ok", "M12345678", "[passport no.]"),
        ("my passport number is 563829104", "563829104", "[passport no.]"),
        ("ARC 900101-5123456 expires soon", "900101-5123456", "[registration no.]"),
        ("alien registration 9001015123456", "9001015123456", "[registration no.]"),
    ],
)
def test_personal_data_is_replaced_by_a_label(text: str, secret: str, label: str) -> None:
    masked = mask(text)
    assert secret not in masked
    assert label in masked


@pytest.mark.parametrize(
    "text",
    [
        "what is the top tier visa?",
        "salary of 50000000 won for the F-2-R",
        "I am 29 and studied from 2019 to 2023",
        "D-10 visa since 2024-09-26",
        "is 1345 the hotline",
    ],
)
def test_ordinary_questions_are_left_alone(text: str) -> None:
    assert mask(text) == text


def test_a_phone_number_sender_gets_a_stable_pseudonym() -> None:
    ref = conversation_ref("whatsapp:+821012345678")
    assert "1012345678" not in ref
    assert ref == conversation_ref("whatsapp:+821012345678") != conversation_ref("whatsapp:+821099998888")
    assert conversation_ref("e2e-abc123") == "e2e-abc123"
