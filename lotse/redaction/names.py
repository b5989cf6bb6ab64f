"""Names a visitor typed outside the contact questions ("ich heiße Kevin Becker", "Gruß, Anna"),
replaced where they can be recognised: after a phrase that introduces a name, one or two words
that are no German word (Debian's word list, when installed) and not a word of the message's
topic. Used where staff read conversations for review; the contact questions' answers are
removed earlier, by the tracker store's redaction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

NAME_REMOVED = "[Name entfernt]"
WORD_LIST = Path("/usr/share/dict/ngerman")

# After these a name follows for certain (an introduction, a signature, "Frau ..."): up to two
# words are taken, unless they are little words such as "und", "aus".
_CERTAIN = (r"(?:ich\s+hei(?:ß|ss|s)e|mein\s+name\s+(?:ist|lautet|war)|mein\s+name\s*:|name\s*:|"
            r"frau|herrn?|gru(?:ß|ss)|(?:beste\s+|viele\s+|liebe\s+)?gr(?:ü|ue)(?:ß|ss)e|mfg|lg|vg)")
# After these a name may follow ("ich bin Jana", "danke Kevin"): taken when it is no German word.
_MAYBE = r"(?:ich\s+bin(?:\s+(?:der|die))?|hier\s+(?:ist|spricht|schreibt)|danke)"
_WORD = r"(?:[A-ZÄÖÜ]\.|[A-ZÄÖÜa-zäöüß][a-zäöüß'-]+)"
_NAME_AFTER = r"[\s,:]+(?P<name>{word}(?:[ \t]+{word})?)"
CERTAIN = re.compile(rf"\b{_CERTAIN}{_NAME_AFTER.format(word=_WORD)}", re.IGNORECASE)
MAYBE = re.compile(rf"\b{_MAYBE}{_NAME_AFTER.format(word=_WORD)}", re.IGNORECASE)
# Words that follow such phrases without being a name.
_NOT_NAMES = frozenset({"arbeitslos", "arbeitssuchend", "angestellt", "selbstständig", "selbststaendig",
                        "nicht", "noch", "schon", "seit", "auf", "aus", "in", "im", "bei", "mit", "und",
                        "ein", "eine", "einer", "der", "die", "das", "den", "dem", "sehr", "gerade",
                        "jetzt", "hier", "da", "ja", "nein", "so", "also", "euch", "ihnen", "dir",
                        "sie", "du", "mir", "mich", "dafür", "dafuer", "vielmals", "schön", "schoen",
                        "auch", "gut", "fertig", "bin", "wohne", "komme", "habe", "suche",
                        "von", "vom", "zum", "zur", "an", "am", "für", "fuer", "wegen", "vielen", "herzlich"})


@lru_cache(maxsize=1)
def _german_words() -> frozenset[str]:
    """Debian's German word list in lower case (empty where it is not installed)."""
    if not WORD_LIST.exists():
        return frozenset()
    return frozenset(line.strip().lower() for line in WORD_LIST.read_text(encoding="utf-8").splitlines())


def _is_word(token: str) -> bool:
    return token.lower() in _german_words()


def _name_words(candidate: str, certain: bool) -> str:
    """The part of `candidate` (one or two words) that is taken for a name."""
    words = candidate.split()
    taken = []
    for word in words:
        # "ich heiße Kevin und bin 30": the name ends at a little word; "ich bin Elektriker":
        # a German word after a weaker phrase is no name.
        if word.lower() in _NOT_NAMES or (not certain and _is_word(word)):
            break
        taken.append(word)
    return " ".join(taken)


def _mask(pattern: re.Pattern[str], text: str, certain: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        name = _name_words(match.group("name"), certain)
        if not name:
            return match.group(0)
        start = match.start("name") - match.start(0)
        whole = match.group(0)
        return whole[:start] + NAME_REMOVED + whole[start + len(name):]
    return pattern.sub(replace, text)


def mask_names(text: str) -> str:
    """`text` with the names it introduces replaced by NAME_REMOVED."""
    return _mask(MAYBE, _mask(CERTAIN, text, certain=True), certain=False)
