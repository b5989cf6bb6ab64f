"""Privacy jobs: retention and erasure of what a conversation left behind, and Rasa's events table.

Above handover and staff (it deletes their rows); what counts as personal data in a text is
`lotse.redaction`, a leaf that every package may import.
"""
