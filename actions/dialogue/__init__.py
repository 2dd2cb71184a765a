"""Rasa actions. Each is thin: read the tracker, ask the catalogue, format with actions.answers."""
