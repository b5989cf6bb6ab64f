"""Text normalisation for matching what visitors type against what staff wrote."""

from __future__ import annotations

import re
import unicodedata

_FOLDINGS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+")


def lower_umlauts(text: str) -> str:
    """Lower case with umlauts and ß written out ("Löhne 1.250 €" → "loehne 1.250 €");
    punctuation stays (numbers, prices)."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLDINGS)


def fold(text: str) -> str:
    """Lower-case, fold umlauts the way people type without them, drop punctuation.

    "Weißenfels" and "weissenfels" fold to the same key; so do "Köthen (Anhalt)" and
    "koethen anhalt".
    """
    lowered = lower_umlauts(text)
    if not lowered.isascii():
        lowered = "".join(
            c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
        )
    return " ".join(_NON_WORD.sub(" ", lowered).split())


def fold_plain_vowels(text: str) -> str:
    """A second key for visitors who drop the umlaut entirely ("kothen" for "Köthen")."""
    return fold(text).replace("ae", "a").replace("oe", "o").replace("ue", "u")
