"""`make bench`: our assistant against a bare `rasa init` bot, trained and served side by side."""
