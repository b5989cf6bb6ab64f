"""The web process: the visitor page with the chat widget and the staff console."""
