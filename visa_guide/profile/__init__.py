"""A user's profile (age, nationality, status, education, field) read from free text, and refining suggestions."""
