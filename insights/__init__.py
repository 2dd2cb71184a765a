"""Insights from stored conversations: numbers, charts, the messages the assistant missed, a review inbox.

No Rasa imports: the tracker store's `events` table is read directly (read-only) with SQLAlchemy.
"""
