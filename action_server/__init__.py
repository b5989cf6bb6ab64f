"""The action server: rasa-sdk's app with the door locked, so that only Rasa runs actions."""
