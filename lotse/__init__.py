"""The domain core of the Weiterbildungslotse: no Rasa import, testable on its own."""
