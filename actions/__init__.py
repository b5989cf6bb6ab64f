"""Custom actions: thin adapters between Rasa's tracker and the `lotse` domain core."""
