"""The production topology (`make prod`): nginx, two Rasa and two action servers, PostgreSQL and Redis."""
