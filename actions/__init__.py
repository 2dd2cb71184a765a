"""Korea Visa Guide's custom Rasa actions (rasa-sdk). Each is thin: read the tracker, ask the catalogue
(`visa_guide.catalogue`), format with `visa_guide.answers`, reply.

`rasa run actions` loads every module of this package, so it holds actions only (no subpackages).
"""
