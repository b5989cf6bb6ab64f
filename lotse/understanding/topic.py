"""What the visitor wants to learn, read from how it is said ("will busfahrer werden",
"umschulung zur pflegefachfrau", "suche staplerschein kurs"), when DIET marked no topic; and
the rule that a town is where, never what to learn."""

from __future__ import annotations

import re

from lotse.places import place_index
from lotse.plain_values import is_plain_text
from lotse.understanding.questions import opens_with_question

# What to learn, when DIET marked no topic: "will busfahrer werden", "umschulung zur
# pflegefachfrau", "weiterbildung in buchhaltung", "möchte in die pflege".
_TOPIC_PATTERNS = (
    re.compile(
        r"\b(?:will|möchte|moechte|mochte|würde gern|würde gerne|wuerde gern)\s+(?:gern\s+|gerne\s+)?"
        r"(?:\w+\s+)?(?P<topic>[a-zäöüß][\wäöüß-]{3,})\s+werden\b"
    ),
    re.compile(
        r"\b(?:umschulung|ausbildung|weiterbildung|fortbildung|qualifizierung|lehrgang|kurs|schulung|"
        r"zusatzqualifikation)\s+(?:zum|zur|als|in|im|für|fuer|fur)\s+(?:den\s+|die\s+|das\s+)?"
        r"(?P<topic>[a-zäöüß][\wäöüß-]{2,}(?:\s+[a-zäöüß][\wäöüß-]{2,}){0,2})"
    ),
    re.compile(
        r"\b(?:will|möchte|moechte|mochte|würde gern|würde gerne|würd gern|würd gerne|wuerde gern)\s+"
        r"(?:gern\s+|gerne\s+)?(?:was\s+mit\s+|"
        r"in\s+die\s+|in\s+den\s+|ins\s+)(?P<topic>[a-zäöüß][\wäöüß-]{2,})"
    ),
    # "ich möchte SAP lernen", "will endlich richtig excel lernen"
    re.compile(
        r"\b(?:will|möchte|moechte|mochte|würde gern|würde gerne|würd gern|wuerde gern)\s+"
        r"(?:gern\s+|gerne\s+|mal\s+|endlich\s+|noch\s+)?(?:mehr\s+über\s+|mehr\s+|was\s+über\s+)?"
        r"(?P<topic>[a-zäöüß][\wäöüß-]{1,}(?:\s+[a-zäöüß][\wäöüß-]{1,}){0,2})\s+lernen\b"
    ),
    # "suche staplerschein kurs", "brauch nen excel lehrgang"
    re.compile(
        r"\b(?:suche|such|brauche|brauch|bräuchte|braeuchte)\s+(?:einen\s+|eine\s+|nen\s+|ne\s+)?"
        r"(?!(?:ein|eine|einen|nen|ne|neue|neuen|neuer|gute|guten|passende|passenden|kurze|kurzen)\b)"
        r"(?P<topic>[a-zäöüß][\wäöüß-]{2,}(?:\s+[a-zäöüß][\wäöüß-]{2,})?)\s+"
        r"(?:kurs|lehrgang|schulung|seminar|weiterbildung|fortbildung)\b"
    ),
)
# Words before the topic itself: "im bereich pflege", "richtig excel".
_TOPIC_FILLERS = {"bereich", "richtung", "gebiet", "richtig", "bisschen", "etwas", "was", "besser",
                  "den", "die", "das"}
_NOT_A_TOPIC = {
    "weiterbildung",
    "fortbildung",
    "umschulung",
    "ausbildung",
    "kurs",
    "arbeit",
    "job",
    "rente",
    "ruhe",
    "büro",
    "buero",
    "selbstständig",
    "selbststaendig",
    "arbeitslos",
    "meister",
}


# Words that end a topic phrase ("kurs für social media und so" → "social media").
_TOPIC_ENDS = {
    "gesucht",
    "anfangen",
    "beginnen",
    "und",
    "oder",
    "mit",
    "bei",
    "für",
    "fuer",
    "fur",
    "machen",
    "werden",
    "lernen",
    "gibts",
    "gibt",
    "so",
    "in",
    "im",
    "am",
    "ab",
    "bis",
    "weil",
    "damit",
    "aber",
    "wo",
    "wer",
    "was",
    "wie",
    "zahlt",
    "kostet",
}


def read_topic(text: str) -> str | None:
    """What the visitor wants to learn, from how it is said (see _TOPIC_PATTERNS)."""
    lowered = " ".join(re.sub(r"([,.;!?()])", r" \1 ", text.lower()).split())
    for pattern in _TOPIC_PATTERNS:
        match = pattern.search(lowered)
        if not match:
            continue
        words: list[str] = []
        for word in match.group("topic").split():
            if word in _TOPIC_ENDS:
                break
            if words or word not in _TOPIC_FILLERS:
                words.append(word)
        topic = " ".join(words).strip("-")
        if topic and topic not in _NOT_A_TOPIC and not is_place_name(topic):
            written = re.search(re.escape(topic).replace("\\ ", r"\s+"), text, re.IGNORECASE)
            return written.group() if written else topic
    return None


def is_place_name(phrase: str) -> bool:
    """A town or district of the place knowledge ("magdeburg"): where, not what to learn."""
    return place_index().exact(phrase.strip()) is not None


# At the topic question, a few words the intent model cannot place ("Wasserstoff",
# "Bienenzucht") are the subject asked for, unless they ask or ask for something themselves.
SUBJECT_WORDS_AT_MOST = 4
_ASKS_FOR_SOMETHING = re.compile(r"^(kannst|koennen|erzähl|erzaehl)\b", re.IGNORECASE)


def subject_in_few_words(text: str) -> str | None:
    """The message as a subject to learn, when it is a few words and no question."""
    text = " ".join(text.split()).strip(" .,!;:")
    if (not text or "?" in text or text.startswith("/") or not is_plain_text(text)
            or len(text.split()) > SUBJECT_WORDS_AT_MOST or opens_with_question(text)
            or _ASKS_FOR_SOMETHING.match(text)):
        return None
    return text
