"""Where the visitor is, read from a whole message: a postal code or a known place after a
preposition ("in halle", "aus 06844"), or that the place does not matter ("egal", "kann auch
online sein"). Part of reading a whole message (lotse/understanding/facts.py)."""

from __future__ import annotations

import re

from lotse.knowledge import knowledge
from lotse.places import place_index, resolve_place
from lotse.understanding.phrases import key, phrase_set


def read_place(text: str, keyed: str) -> str | None:
    """A postal code or a known place named in the message ('in halle', 'aus 06844')."""
    code = re.search(r"(?<!\d)(0[6-9]\d{3}|3[89]\d{3})(?!\d)", text)
    if code and resolve_place(code.group(1)).place:
        return code.group(1)
    data = knowledge().reading.data
    prepositions = {key(p) for p in data["place_prepositions"]}
    everyday = {key(w) for w in data["everyday_place_words"]}
    words = keyed.split()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if len(phrase) < 4 or phrase in prepositions:
                continue
            if phrase in everyday and (start == 0 or words[start - 1] not in prepositions):
                continue
            if start == 0 or words[start - 1] not in prepositions:
                continue
            place = place_index().exact(phrase)
            if place and place.in_state:
                return phrase
    return None


def means_anywhere(text: str) -> bool:
    """'egal', 'kann auch online sein': the place does not matter."""
    return bool(phrase_set(knowledge().reading.data["anywhere_words"]).first(key(text)))
