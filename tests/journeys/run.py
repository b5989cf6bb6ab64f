"""Play the journeys (tests/journeys/*.yml, format in FORMAT.md) against a running assistant.

    .venv-app/bin/python -m tests.journeys.run --token $RASA_AUTH_TOKEN [--json-out FILE] [name ...]

Each journey is one visitor: the runner sends the first message, answers the questions the
assistant asks (read from Rasa's tracker through the HTTP API) from the journey's `answers`,
sends the journey's further turns when no question is open, and checks at the end what the
visitor was told. It prints the pass rate and every failure with its transcript.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

JOURNEY_DIR = Path(__file__).resolve().parent
MAX_MESSAGES = 25
DONT_KNOW = "weiß ich nicht"
# The form question (active loop, requested slot) → the key of `answers`.
QUESTION_KEYS = {
    "person_intake_form": {"situation_confirmed": "confirm"},
    "employer_intake_form": {"situation_confirmed": "confirm"},
    "course_search_form": {},
    "callback_form": {
        "handover_consent": "consent",
        "contact_detail": "contact",
        "contact_name": "name",
        "callback_time": "time",
    },
    "erasure_form": {"erasure_reference": "reference", "erasure_contact": "erasure_contact"},
}
REPEATS_ALLOWED = 2


@dataclass
class Exchange:
    visitor: str
    replies: list[dict[str, Any]]
    asked: str | None = None

    @property
    def text(self) -> str:
        """What the visitor sees of the reply: texts and button titles."""
        parts = []
        for message in self.replies:
            parts.append(message.get("text") or "")
            parts += [b.get("title", "") for b in message.get("buttons") or []]
        return "\n".join(p for p in parts if p)


@dataclass
class Outcome:
    name: str
    exchanges: list[Exchange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self) -> str:
        lines = [f"✗ {self.name}"] + [f"    - {p}" for p in self.problems] + ["    transcript:"]
        for exchange in self.exchanges:
            asked = f" [auf: {exchange.asked}]" if exchange.asked else ""
            lines.append(f"      Besucher{asked}: {exchange.visitor}")
            for reply_line in exchange.text.splitlines():
                lines.append(f"        Lotse: {reply_line}")
        return "\n".join(lines)


def normalised(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def found(expected: str, text: str) -> bool:
    """`expected` in `text` from the start of a word (case and runs of spaces aside):
    alternatives separated by " | ", "re:" for a regular expression."""
    for alternative in expected.split(" | "):
        alternative = alternative.strip()
        if alternative.startswith("re:"):
            if re.search(alternative[3:], text):
                return True
        elif re.search(_whole_words(normalised(alternative)), normalised(text)):
            return True
    return False


def _whole_words(expected: str) -> str:
    """A pattern for `expected` that does not start inside a word ("Bildungsprämie" is not in
    "Weiterbildungsprämie"); it may go on into a compound ("Gabelstapler" in "Gabelstaplerschein")."""
    start = r"(?<!\w)" if expected[:1].isalnum() else ""
    return f"{start}{re.escape(expected)}"


class Assistant:
    """The running assistant, over the REST channel and the HTTP API."""

    def __init__(self, rasa_url: str, token: str) -> None:
        self.rasa_url, self.token = rasa_url.rstrip("/"), token

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        reply = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120
        )
        reply.raise_for_status()
        return reply.json()

    def open_question(self, sender: str) -> str | None:
        """The key of the question the assistant is waiting for, if any."""
        reply = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "NONE"},
            timeout=60,
        )
        reply.raise_for_status()
        tracker = reply.json()
        loop = (tracker.get("active_loop") or {}).get("name")
        slots = tracker.get("slots") or {}
        if loop == "funding_question_form":
            return slots.get("funding_fact")
        if loop in QUESTION_KEYS and slots.get("requested_slot"):
            requested = slots["requested_slot"]
            return QUESTION_KEYS[loop].get(requested, requested)
        return None


def _answer(answers: dict[str, Any], key: str, times_asked: int) -> str:
    given = answers.get(key)
    if given is None:
        return DONT_KNOW
    if isinstance(given, list):
        return str(given[min(times_asked, len(given) - 1)])
    return str(given)


def _button_payload(title: str, replies: list[dict[str, Any]]) -> str | None:
    for message in replies:
        for button in message.get("buttons") or []:
            if normalised(button.get("title", "")) == normalised(title):
                return button.get("payload")
    return None


def play(journey: dict[str, Any], assistant: Assistant) -> Outcome:
    """One journey from its first message to the end, then its checks."""
    outcome = Outcome(journey["journey"])
    sender = f"journey-{journey['journey']}-{uuid.uuid4().hex[:8]}"
    turns: list[Any] = list(journey["turns"])
    answers: dict[str, Any] = journey.get("answers") or {}
    asked: Counter[str] = Counter()
    replies: list[dict[str, Any]] = []
    question: str | None = None

    def send(text: str, payload: str | None = None, on: str | None = None) -> None:
        nonlocal replies
        try:
            replies = assistant.say(sender, payload or text)
        except requests.RequestException as error:
            outcome.problems.append(f"Fehler bei „{text}“: {error}")
            replies = []
        outcome.exchanges.append(Exchange(text, replies, on))
        if not replies:
            outcome.problems.append(f"keine Antwort auf „{text}“")

    while len(outcome.exchanges) < MAX_MESSAGES and not any(p.startswith("Fehler") for p in outcome.problems):
        if outcome.exchanges:
            question = assistant.open_question(sender)
        if question:
            send(_answer(answers, question, asked[question]), on=question)
            asked[question] += 1
        elif turns:
            turn = turns.pop(0)
            if isinstance(turn, dict) and "button" in turn:
                payload = _button_payload(turn["button"], replies)
                if payload is None:
                    outcome.problems.append(f"Knopf „{turn['button']}“ wurde nicht angeboten")
                send(turn["button"], payload)
            else:
                send(str(turn))
        else:
            break
    outcome.problems += check(journey.get("expect") or {}, outcome.exchanges, asked)
    return outcome


def check(expect: dict[str, Any], exchanges: Sequence[Exchange], asked: Counter[str]) -> list[str]:
    """What the journey expects, and what every conversation must be."""
    problems = []
    whole = "\n".join(e.text for e in exchanges)
    first = (expect.get("first_reply") or {}) if exchanges else {}
    first_text = exchanges[0].text if exchanges else ""
    problems += [f"erste Antwort ohne „{m}“" for m in first.get("mentions") or [] if not found(m, first_text)]
    problems += [f"erste Antwort mit „{m}“" for m in first.get("never") or [] if found(m, first_text)]
    problems += [f"nie gesagt: „{m}“" for m in expect.get("mentions") or [] if not found(m, whole)]
    problems += [f"gesagt, obwohl nie erlaubt: „{m}“" for m in expect.get("never") or [] if found(m, whole)]
    problems += [f"gefragt, obwohl schon gesagt: {k}" for k in expect.get("not_asked") or [] if asked[k]]
    problems += repeated_replies([e.text for e in exchanges])
    return problems


def repeated_replies(replies: Sequence[str]) -> list[str]:
    """The same reply three times in a row is a dead end."""
    problems = []
    for index in range(REPEATS_ALLOWED, len(replies)):
        window = replies[index - REPEATS_ALLOWED : index + 1]
        if window[0] and all(normalised(r) == normalised(window[0]) for r in window):
            problems.append(f"dieselbe Antwort dreimal hintereinander: „{window[0][:80]}“")
    return problems


def load_journeys(names: Iterable[str] = ()) -> list[dict[str, Any]]:
    wanted = set(names)
    journeys = []
    for path in sorted(JOURNEY_DIR.glob("*.yml")):
        if wanted and path.stem not in wanted:
            continue
        journeys.append(yaml.safe_load(path.read_text(encoding="utf-8")))
    return journeys


def play_all(
    journeys: Sequence[dict[str, Any]],
    assistant: Assistant,
    workers: int = 3,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = []
        for outcome in pool.map(lambda j: play(j, assistant), journeys):
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return outcomes


def summary(outcomes: Sequence[Outcome]) -> str:
    passed = sum(o.passed for o in outcomes)
    lines = [o.report() for o in outcomes if not o.passed]
    rate = passed / len(outcomes) if outcomes else 0.0
    lines.append(f"Journeys: {passed} von {len(outcomes)} bestanden ({rate:.1%})")
    return "\n".join(lines)


def write_json(outcomes: Sequence[Outcome], path: Path) -> None:
    """Every journey with whether it passed and its problems, for the quality report
    (scripts/eval_report.py)."""
    rows = [{"name": o.name, "passed": o.passed, "problems": o.problems} for o in outcomes]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"journeys": rows}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these journeys (file names without .yml)")
    parser.add_argument("--rasa", default="http://localhost:5005")
    parser.add_argument("--token", required=True, help="RASA_AUTH_TOKEN of the running assistant")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--min-pass-rate", type=float, default=0.95)
    parser.add_argument("--json-out", type=Path, help="also write the outcomes as JSON to this file")
    args = parser.parse_args(argv)
    outcomes = play_all(load_journeys(args.names), Assistant(args.rasa, args.token), args.workers)
    print(summary(outcomes))
    if args.json_out:
        write_json(outcomes, args.json_out)
    rate = sum(o.passed for o in outcomes) / max(len(outcomes), 1)
    return 0 if rate >= args.min_pass_rate else 1


if __name__ == "__main__":
    sys.exit(main())
