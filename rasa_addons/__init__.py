"""Extensions that run inside Rasa's own process (its environment, `.venv/`)."""
