"""The fixed mixes of multi-turn conversations that each bot is driven with.

Each bot gets conversations it was built for: visa questions for ours, the mood dialogue for `rasa init`.
"""

from __future__ import annotations

OURS: list[list[str]] = [
    ["hi", "what is the top tier visa?", "who can apply for it?", "can my family come?", "thanks"],
    ["which programmes are there?", "tell me about the youth dream visa", "is vietnam eligible?", "bye"],
    ["I'm finishing my master's in Korea, can I stay to look for a job?", "how long can I stay on a D-10?",
     "what documents do I need?"],
    ["what is the F-2-R visa?", "what are the requirements?", "how do I apply?", "compare it with the top tier visa"],
    ["can international students work in non-specialized jobs?", "when does that start?", "who do I call?"],
    ["hello", "which visa fits me?", "24", "Vietnam", "student", "AI", "master"],
    ["what's the regional visa?", "which fields does the top tier visa cover?", "I want to talk to a person"],
]

RASA_INIT: list[list[str]] = [
    ["hi", "I am feeling great", "bye"],
    ["hello there", "I am sad", "yes", "goodbye"],
    ["hey", "very unhappy", "no", "bye"],
    ["good morning", "are you a bot?", "perfect", "see you later"],
    ["hey dude", "I'm not good", "of course", "thanks, bye"],
]
