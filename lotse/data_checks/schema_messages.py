"""German wording for the English messages of jsonschema that lotse.knowledge.load_file passes
on ("Feld website/confirmed: 'vielleicht' is not of type 'boolean'"). A message without a
pattern here stays as it is."""

from __future__ import annotations

import re

_VALUE = r"(?P<value>.+?)"
PATTERNS = [
    (re.compile(rf"^{_VALUE} is not of type (?P<expected>.+)$"), "{value} hat nicht die erwartete Art"),
    (re.compile(r"^'(?P<value>.+)' is a required property$"), "das Pflichtfeld „{value}“ fehlt"),
    (re.compile(rf"^{_VALUE} is not one of (?P<allowed>.+)$"), "{value} ist hier nicht erlaubt"),
    (re.compile(rf"^{_VALUE} does not match (?P<pattern>.+)$"), "{value} hat nicht die erwartete Form"),
    (re.compile(r"^Additional properties are not allowed \((?P<value>.+) (was|were) unexpected\)$"),
     "unbekanntes Feld {value}"),
    (re.compile(rf"^{_VALUE} is not valid under any of the given schemas$"),
     "{value} passt zu keiner der erlaubten Formen"),
    (re.compile(rf"^{_VALUE} (is too short|should be non-empty)$"), "{value} ist zu kurz oder leer"),
    (re.compile(rf"^{_VALUE} is less than the minimum of (?P<limit>.+)$"), "{value} ist kleiner als {limit}"),
    (re.compile(rf"^{_VALUE} is greater than the maximum of (?P<limit>.+)$"),
     "{value} ist größer als {limit}"),
    (re.compile(rf"^{_VALUE} is not a '(?P<format>.+)'$"), "{value} ist kein gültiges Format {format}"),
]


def german(problem: str) -> str:
    """`problem` of a KnowledgeError ("Feld a/b: <jsonschema message>") in German."""
    prefix, separator, message = problem.partition(": ")
    if not separator or not prefix.startswith("Feld "):
        return problem
    for pattern, wording in PATTERNS:
        match = pattern.match(message)
        if match:
            return f"{prefix}: {wording.format(**match.groupdict())}"
    return problem
