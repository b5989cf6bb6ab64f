"""The facts of a visitor's situation, read from one whole message.

"arbeite bei ner spedition in magdeburg, 120 leute, bin 52 ... wer bezahlt das?" tells the
status, the place, the employer's size and the age. DIET finds some of it as entities; this
reader finds the rest with the phrases staff keep in `knowledge/reading.yml` and a few number
patterns, and decides whether a person or a company speaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from lotse.knowledge import knowledge
from lotse.numbers import with_digits
from lotse.understanding.countries import foreign_language_adjectives, foreign_place_words
from lotse.understanding.counts import read_age, read_headcount, read_hours
from lotse.understanding.phrases import PhraseSet, key, phrase_set
from lotse.understanding.topic import is_place_name, read_topic
from lotse.understanding.where import read_place
from lotse.vocabulary import vocabulary

PERSON, EMPLOYER = "person", "employer"
# Words just before a phrase that turn it around ("nicht arbeitslos", "kein bürgergeld").
_NEGATIONS = {"nicht", "nich", "kein", "keine", "keinen", "nie", "ohne", "nix", "nichts", "niemals"}
# How far (in words) a wish word may stand from a course goal ("will nächstes jahr meinen
# meister machen"), and "bin" or "gemacht" from a qualification the visitor holds.
GOAL_WINDOW = 5
HELD_WINDOW = 2
# "bin 47 und verkäuferin": how far "bin" may stand before an occupation the visitor has.
OCCUPATION_WINDOW = 3
# An answer of up to this many words that names an occupation names the qualification.
MAX_WORDS_OF_AN_OCCUPATION_ANSWER = 4


def _reading() -> Mapping[str, Any]:
    return knowledge().reading.data


@lru_cache(maxsize=1)
def _sets() -> dict[str, PhraseSet]:
    data = _reading()
    sets = {
        "employer": phrase_set(data["speaker"]["employer"]),
        "person": phrase_set(data["speaker"]["person"]),
        "goal_markers": phrase_set(data["goal_markers"]),
        "held_before": phrase_set(data["held_before"]),
        "held_after": phrase_set(data["held_after"]),
        "abroad": phrase_set([*data["foreign"]["abroad"], *foreign_place_words()]),
        "foreign_qualification": phrase_set(data["foreign"]["qualification_words"]),
        "foreign_adjectives": phrase_set(foreign_language_adjectives()),
        "recognition": phrase_set(data["foreign"]["recognition"]),
        "employed_hints": phrase_set(data["employed_hints"]),
        "agrees": phrase_set(data["employer_agrees"]["yes"]),
        "refuses": phrase_set(data["employer_agrees"]["no"]),
    }
    for goal, phrases in data["course_goal"].items():
        sets[f"goal:{goal}"] = phrase_set(phrases)
    for value, phrases in data["qualification"].items():
        sets[f"qualification:{value}"] = phrase_set(phrases)
    for value, phrases in data["receives"].items():
        sets[f"receives:{value}"] = phrase_set(phrases)
    return sets


# A course without a degree, also in compounds ("schweisskurs", "staplerschein").
_COURSE_WORD = re.compile(
    r"(?<!\w)\w*(?:kurs|kurse|kursen|kursus|schein|lehrgang|lehrgange|schulung|seminar|zertifikat)"
    r"(?!\w)"
)
_THOUSANDS = re.compile(r"(\d)[.\s](\d{3})(?!\d)")


def _negated(keyed: str, match: re.Match[str], window: int = 2) -> bool:
    before = keyed[: match.start()].split()[-window:]
    return any(word in _NEGATIONS for word in before)


def _present(phrases: PhraseSet, keyed: str) -> bool:
    return any(not _negated(keyed, m) for m in phrases.find(keyed))


def read_speaker(keyed: str) -> str | None:
    """Employer when the message speaks of 'meine Mitarbeiter', 'unser Betrieb' ...; person
    when it speaks of 'mein Chef', 'ich arbeite' ...; None when it says neither."""
    sets = _sets()
    employer = len(sets["employer"].find(keyed))
    person = len(sets["person"].find(keyed))
    if employer and employer > person:
        return EMPLOYER
    if person:
        return PERSON
    return None


def _near(keyed: str, match: re.Match[str], markers: PhraseSet, before: int, after: int) -> bool:
    words_before = keyed[: match.start()].split()[-before:] if before else []
    words_after = keyed[match.end() :].split()[:after] if after else []
    window = " ".join([*words_before, "|", *words_after])
    return bool(markers.first(window))


def _held(keyed: str, match: re.Match[str]) -> bool:
    """'bin meister', 'meister gemacht': the visitor has it already."""
    sets = _sets()
    return _near(keyed, match, sets["held_before"], HELD_WINDOW, 0) or _near(
        keyed, match, sets["held_after"], 0, HELD_WINDOW
    )


def goal_named(text: str) -> str | None:
    """The goal a short answer names ("staplerschein", "den techniker"), with no wish word
    needed: it answers the question what the course should lead to."""
    keyed = key(text)
    sets = _sets()
    named = next((goal for goal in ("advanced_degree", "vocational_degree", "other")
                  if sets[f"goal:{goal}"].first(keyed)), None)
    endings = tuple(key(e) for e in _reading()["goal_other_endings"])
    return named or ("other" if any(word.endswith(endings) for word in keyed.split()) else None)


def read_course_goal(keyed: str) -> str | None:
    """What the course should lead to: an upgrading degree, a vocational degree, or neither."""
    found = _course_goal(keyed)
    return found[0] if found else None


def _course_goal(keyed: str) -> tuple[str, tuple[int, int]] | None:
    """The goal and where its word stands. A goal word counts when a wish word stands near
    it ("meinen meister machen", "umschulung zur erzieherin") and no "bin" or "gemacht" says
    the visitor has it already; an Umschulung is a goal wherever it is named."""
    sets = _sets()
    for goal in ("advanced_degree", "vocational_degree"):
        for match in sets[f"goal:{goal}"].find(keyed):
            if _held(keyed, match):
                continue
            if goal == "vocational_degree" or _near(
                keyed, match, sets["goal_markers"], GOAL_WINDOW, GOAL_WINDOW
            ):
                return goal, match.span()
    for match in [*sets["goal:other"].find(keyed), *_COURSE_WORD.finditer(keyed)]:
        if _near(keyed, match, sets["goal_markers"], GOAL_WINDOW, GOAL_WINDOW):
            return "other", match.span()
    return None


_GOAL_FIELD = re.compile(r"\s+(?:im|in|fur|fuer|fuers|furs)\s+(?P<field>\w{4,})")


def _goal_as_topic(keyed: str, goal: str | None, span: tuple[int, int] | None) -> str | None:
    """An upgrading goal names what to learn: "fachwirtin im handel", "meister"."""
    if goal != "advanced_degree" or span is None:
        return None
    field = _GOAL_FIELD.match(keyed, span[1])
    return keyed[span[0]:field.end() if field else span[1]]


def read_qualification(
    keyed: str, goal_span: tuple[int, int] | None = None, answer: bool = False
) -> str | None:
    """The highest qualification the visitor has; the word of a goal ("will meister werden")
    is not one. An occupation counts when the visitor is or has learnt it ("bin
    industriekauffrau") or when it is the whole `answer` to the question."""
    sets = _sets()
    # "abgebrochene ausbildung": a named lack comes before the word it negates.
    for value in ("advanced", "academic", "none", "vocational"):
        for match in sets[f"qualification:{value}"].find(keyed):
            if goal_span and match.start() < goal_span[1] and goal_span[0] < match.end():
                continue
            # "nie was richtiges gelernt": a negation a word further off still counts here.
            if value == "none" or not _negated(keyed, match, window=3):
                return value
            if value == "vocational":
                # "nie was richtiges gelernt": nothing learnt.
                return "none"
    return _occupation_qualification(keyed, goal_span, answer)


@lru_cache(maxsize=1)
def _occupation_endings() -> tuple[tuple[str, str], ...]:
    endings = _reading()["occupation_endings"]
    pairs = [(key(ending), value) for value, words in endings.items() for ending in words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _occupation_qualification(keyed: str, goal_span: tuple[int, int] | None, answer: bool) -> str | None:
    short_answer = answer and len(keyed.split()) <= MAX_WORDS_OF_AN_OCCUPATION_ANSWER
    for position, match in enumerate(re.finditer(r"\w+", keyed)):
        if goal_span and match.start() < goal_span[1] and goal_span[0] < match.end():
            continue
        word = match.group()
        value = next((v for ending, v in _occupation_endings() if word.endswith(ending)), None)
        # An answer that starts with the occupation: "Kauffrau im Groß- und Außenhandel".
        opens_answer = answer and position == 0
        if value and (short_answer or opens_answer
                      or _near(keyed, match, _sets()["held_before"], OCCUPATION_WINDOW, 0)):
            return value
    return None


def qualification_of_answer(text: str) -> str | None:
    """The qualification in an answer to "Welchen höchsten Berufsabschluss haben Sie?",
    which visitors often answer with their occupation ("Fachinformatikerin Systemintegration")."""
    return read_qualification(key(text), None, answer=True)


@lru_cache(maxsize=1)
def _status_sets() -> dict[str, PhraseSet]:
    by_value: dict[str, list[str]] = {}
    for phrase, value in vocabulary("employment_status").synonyms.items():
        by_value.setdefault(value, []).append(phrase)
    return {value: phrase_set(phrases) for value, phrases in by_value.items()}


# The most specific situation first: "angestellt, aber in kurzarbeit" is short-time work.
_STATUS_ORDER = (
    "short_time",
    "jobseeking",
    "unemployed",
    "returner",
    "in_training",
    "self_employed",
    "employed",
)


def names_employment_status(text: str) -> bool:
    """Whether the message tells the situation ("arbeitslos", "angestellt", "30 stunden die
    woche", "krieg alg1"), not only hints at it with an occupation ("hab koch gelernt")."""
    keyed = key(with_digits(text))
    return bool(read_employment_status(keyed) or read_hours(keyed)[1]
                or read_receives(keyed) in ("alg1", "buergergeld"))


def read_employment_status(keyed: str) -> str | None:
    """The situation; the most specific wins ('angestellt, aber in kurzarbeit' is short-time)."""
    sets = _status_sets()
    return next((value for value in _STATUS_ORDER if value in sets and _present(sets[value], keyed)), None)


def read_receives(keyed: str) -> str | None:
    sets = _sets()
    for value in ("buergergeld", "alg1", "none"):
        if _present(sets[f"receives:{value}"], keyed):
            return value
    return None


def read_foreign_qualification(keyed: str) -> bool | None:
    """True when a qualification from abroad is told: a country, a language or 'Ausland' with a
    qualification word, or the wish for recognition."""
    sets = _sets()
    if sets["recognition"].first(keyed) and sets["foreign_qualification"].first(keyed):
        return True
    if sets["abroad"].first(keyed) and sets["foreign_qualification"].first(keyed):
        return True
    for match in sets["foreign_adjectives"].find(keyed):
        following = " ".join(keyed[match.end() :].split()[:2])
        if sets["foreign_qualification"].first(following):
            return True
    return None


def read_employer_agrees(keyed: str) -> bool | None:
    sets = _sets()
    if sets["refuses"].first(keyed):
        return False
    for match in sets["agrees"].find(keyed):
        following = keyed[match.end() :].split()[:2]
        return not any(word in _NEGATIONS or word in ("nichts", "nix") for word in following)
    return None


# Facts where the reader's phrases are surer than DIET's entity spans (a status read from
# "arbeitslos (ALG 1)" beats a span DIET took for one); DIET's value stays where the reader
# finds none. Place and topic are DIET's first.
READER_FIRST = frozenset({"employment_status", "qualification"})


def is_held(text: str, value: str) -> bool:
    """Whether the message names `value` as what the visitor has or is already ("hab
    fachlagerist gelernt", "bin gelernte friseurin"), not as what they want to learn."""
    keyed, wanted = key(text), key(value)
    if not wanted:
        return False
    match = re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", keyed)
    return bool(match and _held(keyed, match))


def _from_entities(entities: Iterable[Mapping[str, Any]], text: str = "") -> dict[str, Any]:
    """DIET's entities as facts, in canonical values where there are some; an occupation the
    visitor has already is not the topic they want to learn."""
    facts: dict[str, Any] = {}
    # Of several topics the longest ("büromanagement", not a stray "für").
    ordered = sorted(entities, key=lambda e: -len(str(e.get("value") or ""))
                     if e.get("entity") == "topic" else 0)
    for entity in ordered:
        name, value = entity.get("entity"), entity.get("value")
        if value is None or name in facts:
            continue
        if name == "topic" and ((text and is_held(text, str(value))) or is_place_name(str(value))):
            continue
        if name in ("employment_status", "qualification"):
            canonical = vocabulary(name).normalize(str(value))
            if canonical:
                facts[name] = canonical
        elif name in ("location", "topic"):
            facts[name] = str(value)
    return facts


def read_facts(text: str, entities: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Every fact the message tells, under the names of the funding rules (lotse.conditions)
    plus `kind`, `location`, `topic` and `weekly_hours`; a fact it does not tell is absent.

    DIET's entities come first where DIET is good at them (place, topic); the reader adds
    what DIET has no entity for (age, course goal, benefit ...) and decides who speaks.
    """
    keyed = key(_THOUSANDS.sub(r"\1\2", with_digits(text)))
    facts = _from_entities(entities, text)
    found_goal = _course_goal(keyed)
    goal, goal_span = found_goal if found_goal else (None, None)
    read = {
        "kind": read_speaker(keyed),
        "employment_status": read_employment_status(keyed),
        "age": read_age(keyed, text),
        "company_size": read_headcount(keyed),
        "course_goal": goal,
        "qualification": read_qualification(keyed, goal_span),
        "receives": read_receives(keyed),
        "foreign_qualification": read_foreign_qualification(keyed),
        "employer_agrees": read_employer_agrees(keyed),
    }
    read["course_hours"], read["weekly_hours"] = read_hours(keyed)
    read["has_job_hint"] = (
        bool(_sets()["employed_hints"].first(keyed))
        or (_occupation_qualification(keyed, goal_span, answer=False) is not None)
        or None
    )
    if "location" not in facts:
        read["location"] = read_place(text, keyed)
    # How the wish is said ("möchte SAP lernen") beats a topic DIET found elsewhere ("Großhandel").
    said_topic = read_topic(text)
    if said_topic:
        facts["topic"] = said_topic
    elif "topic" not in facts:
        read["topic"] = _goal_as_topic(keyed, goal, goal_span)
    if (
        facts.get("qualification") == "advanced"
        and goal == "advanced_degree"
        and read["qualification"] != "advanced"
    ):
        # DIET took the goal ("will meister werden") for a qualification held.
        facts.pop("qualification")
    for name, value in read.items():
        if value is not None and (name not in facts or name in READER_FIRST):
            facts[name] = value
    return _consistent(facts)


def _consistent(facts: dict[str, Any]) -> dict[str, Any]:
    """Facts that follow from others, and those that cannot hold together."""
    if facts.get("receives") in ("alg1", "buergergeld") and "employment_status" not in facts:
        facts["employment_status"] = "unemployed"
    if facts.get("weekly_hours") and "employment_status" not in facts:
        facts["employment_status"] = "employed"
    if (
        facts.pop("has_job_hint", False)
        and "employment_status" not in facts
        and facts.get("kind") != EMPLOYER
    ):
        facts["employment_status"] = "employed"
    if facts.get("kind") == EMPLOYER:
        for personal in ("age", "employment_status", "qualification", "receives", "weekly_hours"):
            facts.pop(personal, None)
    return facts
