"""Privacy: what counts as personal data in a conversation, retention and erasure.

`redaction` imports nothing but `re` and `phonenumbers`, so that Rasa's own environment can
use it in the tracker store (rasa_addons/tracker_store.py).
"""
