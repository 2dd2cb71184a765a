"""Turning catalogue views into short, sourced, plain-English answers. Plain functions, no Rasa."""
