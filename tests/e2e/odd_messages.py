"""Odd visitor messages for the fuzz run: made from a fixed seed, so a failure comes back.

Kinds: very long, binary and control characters, emoji, markup and script, SQL, template
syntax, right-to-left and invisible characters, other languages and scripts, slot-looking
payloads with values no question would accept, and ordinary intake answers with such
things mixed in (so that the odd part arrives while a form is asking).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

# A template engine that evaluated input would answer 7*191 with this.
EVALUATED = "1337"
MARKUP = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">hier</a>',
    "<b>fett</b> und <i>kursiv</i>",
    "<iframe src=//evil.example>",
    "<svg/onload=alert(1)>",
    "[klick](javascript:alert(1))",
    "</div></body><h1>weg</h1>",
    "&lt;script&gt;",
    "<!-- x -->",
]
SQL = [
    "'; DROP TABLE events; --",
    "1 OR 1=1",
    "Robert'); DROP TABLE handover_cases;--",
    '" OR ""="',
    "admin'--",
    "1; SELECT * FROM staff_accounts",
    "' UNION SELECT password FROM staff --",
]
TEMPLATES = [
    "{{7*191}}",
    "${7*191}",
    "{% for x in range(9) %}x{% endfor %}",
    "#{7*191}",
    "{{config}}",
    "{location}",
    "{0.__class__}",
    "%s%s%s%n",
    "<%= 7*191 %>",
    "{{ self.__init__.__globals__ }}",
]
RTL = [
    "مرحبا، أريد دورة تدريبية",
    "שלום, אני מחפש קורס",
    "\u202eevil\u202c kurs",
    "abc\u200b\u200b\u200bdef",
    "\u2066isolated\u2069",
    "Pfl\u0000ege",
    "ﷺ" * 20,
    "Z̷a̶l̵g̴o̷ ̶t̸e̵x̷t̶",
]
LANGUAGES = [
    "Szukam kursu języka niemieckiego w Magdeburgu",
    "Ищу курсы немецкого языка, я из Казахстана",
    "Almanca kursu arıyorum, Halle'de oturuyorum",
    "我想参加德语课程",
    "I need a forklift licence, who pays?",
    "Je cherche une formation en soins infirmiers",
    "Busco un curso de alemán",
    "أبحث عن عمل في ألمانيا",
]
EMOJI = ["😀😀😀", "👍", "🙈🙉🙊 kurs?", "🏳️‍🌈🇩🇪", "❤️" * 50, "🤖?", "💶💶 wer zahlt 💶💶", "🧑🏽‍🔧"]
INTAKE = [
    "ich bin arbeitslos",
    "Magdeburg",
    "Pflege",
    "ja",
    "nein",
    "weiß ich nicht",
    "Berufsausbildung",
    "wir sind 12 Leute",
    "Halle",
    "abbrechen",
    "Ich möchte mit einem Menschen sprechen",
    "mehr",
]
INTENTS = [
    "inform",
    "request_human",
    "search_course",
    "delete_data",
    "affirm",
    "deny",
    "ask_funding",
    "employer_inquiry",
    "change_field",
    "greet",
    "stop",
    "no_such_intent",
    "EXTERNAL_x",
    "session_start",
]
BAD_VALUES: list[object] = [
    -1,
    0,
    10**12,
    "-5",
    "zwölftausend Milliarden",
    "<script>alert(1)</script>",
    "'; DROP TABLE events; --",
    "{{7*191}}",
    None,
    True,
    [],
    {"a": 1},
    "x" * 5000,
    "\u202e",
    3.5,
    "NaN",
    "WBA-2026-00001",
    "fax",
    "🙈",
]
SLOTS = [
    "company_size",
    "employment_status",
    "location",
    "topic",
    "qualification",
    "course_format",
    "contact_channel",
    "reference",
    "handover_consent",
    "situation_confirmed",
    "region",
    "goal",
]


def _long(rng: random.Random) -> str:
    words = ["Weiterbildung", "Förderung", "Bildungsgutschein", "bitte", "Halle", "arbeitslos", "und", "ich"]
    return " ".join(rng.choice(words) for _ in range(rng.choice([400, 1500, 4000])))


def _binary(rng: random.Random) -> str:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))).decode("latin-1")


def _payload(rng: random.Random) -> str:
    entities = {rng.choice(SLOTS): rng.choice(BAD_VALUES) for _ in range(rng.randrange(1, 3))}
    body = json.dumps(entities, ensure_ascii=False)
    if rng.random() < 0.15:
        body = body[: rng.randrange(1, max(2, len(body)))]  # broken JSON
    return f"/{rng.choice(INTENTS)}{body}"


def _mixed(rng: random.Random) -> str:
    odd = rng.choice(MARKUP + SQL + TEMPLATES + EMOJI)
    return f"{rng.choice(INTAKE)} {odd}" if rng.random() < 0.5 else f"{odd} {rng.choice(INTAKE)}"


KINDS: list[Callable[[random.Random], str]] = [
    _long,
    _binary,
    _payload,
    _payload,
    _mixed,
    _mixed,
    lambda rng: rng.choice(MARKUP),
    lambda rng: rng.choice(SQL),
    lambda rng: rng.choice(TEMPLATES),
    lambda rng: rng.choice(RTL),
    lambda rng: rng.choice(LANGUAGES),
    lambda rng: rng.choice(EMOJI),
    lambda rng: rng.choice(INTAKE),
    lambda rng: rng.choice([" ", "\n\n", "\t", ".", "?", "/", "//", "/ ", "{}"]),
]


def odd_messages(count: int, seed: int = 20261203) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(KINDS)(rng) for _ in range(count)]
