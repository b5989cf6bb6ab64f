"""The numbers in a visitor's message: age ("bin 52", "jahrgang 1971", "anfang 50"), the
employer's headcount ("120 leute", "wir sind 8" at a workplace), and hours (of a course, of
work a week). Part of reading a whole message (lotse/understanding/facts.py)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from lotse.knowledge import knowledge
from lotse.numbers import MAX_COMPANY_SIZE, with_digits
from lotse.understanding.phrases import key

MIN_AGE, MAX_AGE = 15, 80

@lru_cache(maxsize=1)
def _headcount_pattern() -> re.Pattern[str]:
    words = "|".join(
        sorted((re.escape(key(w)) for w in knowledge().reading.data["headcount_words"]), key=len,
               reverse=True)
    )
    modifier = (
        r"(?:(?P<mod>ueber|uber|mehr als|knapp|unter|weniger als|fast|rund|ca|circa|etwa|ungefahr"
        r"|so|um die)\s+)?"
    )
    return re.compile(rf"{modifier}(?P<n>\d+)\s*(?:{words})(?!\w)")


# "bin 52", "bin jetzt 45", "52 jahre alt", "mit 52", "alter 52", "jahrgang 1971", "52j", "ü50"
_AGE_PATTERNS = (
    re.compile(
        r"(?<!\w)(?:ich\s+)?bin\s+(?:jetzt\s+|schon\s+|erst\s+|gerade\s+|inzwischen\s+|mittlerweile\s+|ja\s+|auch\s+)?"
        r"(?P<n>\d{2})(?!\s*(?:stunden|std|h\b|prozent|euro|eur|km|jahre?n?\s+(?:dort|da|bei|im|in|als|schon|lang|beim|berufserfahrung)))"
    ),
    re.compile(r"(?<!\w)(?P<n>\d{2})\s*(?:jahre|jahren|jahr|j)\s+(?:alt|jung)(?!\w)"),
    # "arbeitslos, 52 jahre, halle": not where the years are a duration ("15 jahre im lager").
    re.compile(
        r"(?<!\w)(?<!seit )(?<!vor )(?<!nach )(?<!fur )(?<!uber )(?<!ueber )(?<!ca )(?<!etwa )(?<!knapp )"
        r"(?P<n>\d{2})\s*(?:j|jahre)(?:\s|$)"
        r"(?!\s*(?:im|in|bei|beim|als|an|am|auf|dort|da|lang|lange|schon|gearbeitet|berufserfahrung|erfahrung"
        r"|zuhause|zu hause|raus|her|weg|pause|selbststandig|selbstandig|angestellt|arbeitslos|verheiratet))"
    ),
    re.compile(r"(?<!\w)alter\s*(?P<n>\d{2})(?!\d)"),
    re.compile(
        r"(?<!\w)mit\s+(?P<n>\d{2})(?:\s+jahren)?(?!\s*(?:\d|leute|mitarbeiter|stunden|std|prozent|euro|km|jahren?\s+(?:berufserfahrung|erfahrung)))"
        r"(?=\s+(?:noch|nochmal|wieder|umschulen|eine|ne|n|was|auf|in|jetzt|bin|kann|will|mochte|mach))"
    ),
)
_BIRTH_YEAR = re.compile(r"(?<!\w)(?:jahrgang|jg|geboren|baujahr)\s*(?P<y>19\d{2}|20[01]\d)(?!\d)")
_AGE_BAND = re.compile(r"(?<!\w)(?P<band>anfang|mitte|ende|ueber|uber|u)\s*(?P<n>[2-7]0)(?!\d)")
_BAND_OFFSET = {"anfang": 1, "mitte": 5, "ende": 8, "ueber": 1, "uber": 1, "u": 1}
_COURSE_HOURS = re.compile(
    r"(?<!\w)(?P<n>\d{2,4})\s*(?:stunden|std|unterrichtsstunden|ue|ustd)"
    r"(?!\s*(?:die|pro|in der|am|im)\s*(?:woche|tag|monat))"
)
_WEEKLY_HOURS = re.compile(
    r"(?<!\w)(?P<n>\d{1,2})\s*(?:stunden|std|h)\s*(?:die|pro|in der|/)?\s*woche"
    r"|(?:teilzeit|vollzeit)\s*(?P<m>\d{1,2})\s*(?:stunden|std|h)(?!\w)"
)
_COURSE_CONTEXT = (
    "kurs",
    "lehrgang",
    "weiterbildung",
    "schulung",
    "umschulung",
    "fortbildung",
    "seminar",
    "dauert",
)


# "friseurin, 20 jahre, im salon": years set off by punctuation are an age (read on the text
# with its punctuation, which the keyed text no longer has).
_YEARS_SET_OFF = re.compile(
    r"(?:^|[,;(]\s*)(?P<n>\d{2})\s*(?:j\.?|jahre)\s*(?:[,;.)!?]|$)"
    # "ich (46) bin ...", "frau (52)"
    r"|\b(?:ich|frau|mann|mutter|vater|mama|papa)\s*\(\s*(?P<m>\d{2})\s*(?:j\.?|jahre)?\s*\)"
    # "chemikant, 29, arbeite im chemiepark": a bare number between commas in a self-description
    r"|(?:^|,)\s*(?P<k>\d{2}),\s*(?=[^\W\d])"
    # "ich bin azubi in bitterfeld und 19.": the number that ends a sentence about oneself
    r"|\bbin\b[^!?]{0,80}?\bund\s+(?P<u>\d{2})\s*(?:jahre|j)?\s*(?:[.,;!?]|$)"
)


def read_age(keyed: str, text: str = "") -> int | None:
    """The visitor's age, from 'bin 52', '52 jahre alt', 'jahrgang 1971', 'anfang 50' ..."""
    set_off = _YEARS_SET_OFF.search(with_digits(text).lower()) if text else None
    years = int(next(g for g in set_off.group("n", "m", "k", "u") if g)) if set_off else 0
    if MIN_AGE <= years <= MAX_AGE:
        return years
    for pattern in _AGE_PATTERNS:
        match = pattern.search(keyed)
        if match and MIN_AGE <= int(match.group("n")) <= MAX_AGE:
            return int(match.group("n"))
    born = _BIRTH_YEAR.search(keyed)
    if born:
        age = date.today().year - int(born.group("y"))
        return age if MIN_AGE <= age <= MAX_AGE else None
    band = _AGE_BAND.search(keyed)
    if band:
        return int(band.group("n")) + _BAND_OFFSET[band.group("band")]
    return None


# "wir sind 8", "(wir sind so 35)": a headcount at work, when no unit follows.
_WE_ARE = re.compile(
    r"\bwir sind (?:(?:so|etwa|ca|circa|rund|ungefahr)\s+)?(?P<n>\d+)\b"
    r"(?!\s*(?:jahre|jahren|km|euro|prozent))"
)


# "wir sind 8" counts only where the message speaks of a workplace.
_WORKPLACE = re.compile(
    r"firma|betrieb|praxis|team|buro|laden|werk|kolleg|arbeite|salon|filiale|kanzlei|kita|klinik|"
    r"station|abteilung|unternehmen|spedition|pflegedienst"
)


def read_headcount(keyed: str) -> int | None:
    """A number of employees ('120 leute', 'über 500 mitarbeiter', 'knapp 50 beschäftigte')."""
    match = _headcount_pattern().search(keyed)
    if not match:
        we_are = _WE_ARE.search(keyed) if _WORKPLACE.search(keyed) else None
        count = int(we_are.group("n")) if we_are else 0
        return count if 2 <= count <= MAX_COMPANY_SIZE else None
    count = int(match.group("n"))
    modifier = match.group("mod") or ""
    if modifier in ("ueber", "uber", "mehr als"):
        count += 1
    elif modifier in ("unter", "weniger als", "knapp", "fast"):
        count -= 1
    return count if 1 <= count <= MAX_COMPANY_SIZE else None


def read_hours(keyed: str) -> tuple[int | None, int | None]:
    """(hours of the course, working hours a week): '200 stunden' in a course context,
    '30 stunden die woche' or 'teilzeit 30 std' for work."""
    weekly = _WEEKLY_HOURS.search(keyed)
    weekly_hours = int(weekly.group("n") or weekly.group("m")) if weekly else None
    course = _COURSE_HOURS.search(keyed)
    course_hours = None
    if (
        course
        and any(word in keyed for word in _COURSE_CONTEXT)
        and (not weekly or course.start() != weekly.start())
    ):
        course_hours = int(course.group("n"))
    return course_hours, weekly_hours
