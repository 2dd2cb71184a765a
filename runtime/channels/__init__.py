"""Input channels with the project's guards (message checks, signatures, an apology for empty turns)."""
