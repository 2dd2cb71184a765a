"""The helpers the messaging-app channels share (no servers needed)."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from runtime.channels.messaging import (
    OptionMemory,
    choose_option,
    guarded,
    html_bold,
    pack_paragraphs,
    plain_bold,
    single_star_bold,
)

OPTIONS = [("Who can apply?", "/ask_eligibility"), ("Benefits", "/ask_benefits")]


def test_choose_option():
    assert choose_option("1", OPTIONS) == ("/ask_eligibility", True)
    assert choose_option(" #2. ", OPTIONS) == ("/ask_benefits", True)
    assert choose_option("3", OPTIONS) == (None, True)
    assert choose_option("benefits", OPTIONS) == ("/ask_benefits", False)
    assert choose_option("1", []) == (None, False)
    assert choose_option("what about 1 year?", OPTIONS) == (None, False)


def test_option_memory_forgets_the_oldest():
    memory = OptionMemory(limit=2)
    for key in "abc":
        memory.put(key, key.upper())
    assert memory.get("a") is None and memory.take("c") == "C" and memory.take("c") is None


def test_bold_and_packing():
    assert plain_bold("**A** & b") == "A & b"
    assert single_star_bold("**A** b") == "*A* b"
    assert html_bold("**A<1>** & b") == "<b>A&lt;1&gt;</b> &amp; b"
    text = "\n\n".join(["x" * 30] * 4)
    assert pack_paragraphs(text, 70) == ["x" * 30 + "\n\n" + "x" * 30] * 2
    long = "word " * 50
    assert all(len(part) <= 40 for part in pack_paragraphs(long, 40))


async def _turn(text: str, handler: Any, before: Any = None) -> list[dict[str, Any]]:
    output = CollectingOutputChannel()
    await guarded(handler, before)(UserMessage(text, output, "someone", input_channel="test"))
    return output.messages


async def test_guard_answers_blocked_messages_without_calling_rasa():
    called = []

    async def handler(message: UserMessage) -> None:
        called.append(message.text)

    messages = await _turn("x" * 2500, handler)
    assert called == [] and "too long" in messages[0]["text"]


async def test_empty_turn_gets_the_apology_and_translation_happens_first():
    seen = []

    async def silent(message: UserMessage) -> None:
        seen.append(message.text)

    async def before(message: UserMessage) -> None:
        message.text = "/ask_benefits"

    messages = await _turn("2", silent, before)
    assert seen == ["/ask_benefits"]
    assert messages and "Sorry, I couldn't prepare an answer" in messages[0]["text"]

    async def failing(message: UserMessage) -> None:
        raise RuntimeError("action server down")

    assert "Sorry" in (await _turn("hello", failing))[0]["text"]
    assert await _turn("/restart", silent) == []


async def test_answered_turn_gets_no_apology():
    async def answering(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "Hi!"})

    assert [m["text"] for m in await _turn("hello", answering)] == ["Hi!"]
