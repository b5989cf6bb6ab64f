"""Where a turn's time goes: py-spy's raw profiles of Rasa and the action server
(`scripts/bench_dialogue.py --profile`) summed into the parts of a turn, in ms per turn.

    python scripts/profile_summary.py var/bench/profile-rasa.txt var/bench/profile-actions.txt \
        --turns 240 --rate 100

Each sample is counted once, for the first part (in the order below) that a frame of its
stack belongs to; the action server's samples are also split by action.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

RASA_PARTS = (
    ("Prüfung der Aktionsantworten (jsonschema)", ("jsonschema/",)),
    ("Tracker laden", ("retrieve (rasa/core/tracker_store.py",
                       "retrieve_full_tracker (rasa/core/tracker_store.py")),
    ("Tracker speichern mit Schwärzung", ("save (rasa_addons/tracker_store", "save (rasa/core/tracker_store",
                                         "lotse/privacy/")),
    ("NLU (Tokenizer, Featurizer, DIET, 2. Klassifikator)", ("rasa/nlu/", "rasa_addons/nlu/")),
    ("Policies (Regeln, TED, Memo)", ("rasa/core/policies/",)),
    ("Aktionsaufrufe (HTTP, Antworten)", ("rasa/core/actions/action.py", "aiohttp/")),
    ("Antworttexte (NLG)", ("rasa/core/nlg/",)),
    ("Tracker im Speicher (Ereignisse, Zustände)",
     ("rasa/shared/core/trackers.py", "rasa/shared/core/events.py", "rasa/shared/core/domain.py")),
)
ACTION_PARTS = (
    ("Wissen laden (YAML)", ("yaml/", "lotse/knowledge.py")),
    ("Datenbank (SQLAlchemy, SQLite)", ("sqlalchemy/", "sqlite3")),
    ("Aktionen (actions/, lotse/)", ("(actions/", "(lotse/")),
)
OTHER = "Sanic, JSON, Sonstiges"
ACTION_RUN = re.compile(r"run \((actions/[a-z_]+\.py):\d+\)")


def read_profile(path: Path) -> Iterable[tuple[str, int]]:
    """(stack, samples) for each line of py-spy's raw (collapsed) format."""
    root = str(Path(__file__).resolve().parents[1]) + "/"
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit():
            yield re.sub(r"\([^()]*site-packages/", "(", stack.replace(root, "")), int(count)


def split(profile: Iterable[tuple[str, int]], parts: Sequence[tuple[str, Sequence[str]]]) -> Counter:
    totals: Counter = Counter()
    for stack, count in profile:
        label = next((name for name, marks in parts if any(mark in stack for mark in marks)), OTHER)
        totals[label] += count
    return totals


def by_action(profile: Iterable[tuple[str, int]]) -> Counter:
    totals: Counter = Counter()
    for stack, count in profile:
        runs = ACTION_RUN.findall(stack)
        if runs:
            totals[runs[0]] += count
    return totals


def print_parts(title: str, totals: Counter, turns: int, rate: int) -> None:
    whole = sum(totals.values())
    print(f"\n{title}: {whole / rate / turns * 1000:.1f} ms CPU je Runde")
    for label, count in totals.most_common():
        print(f"  {label:<52}{count / rate / turns * 1000:>7.1f} ms  {100 * count / whole:>5.1f} %")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rasa", type=Path)
    parser.add_argument("actions", type=Path)
    parser.add_argument("--turns", type=int, required=True, help="Runden während der Aufzeichnung")
    parser.add_argument("--rate", type=int, default=100, help="Abtastrate von py-spy (je Sekunde)")
    args = parser.parse_args(argv)
    rasa, actions = list(read_profile(args.rasa)), list(read_profile(args.actions))
    print_parts("Rasa", split(rasa, RASA_PARTS), args.turns, args.rate)
    print_parts("Aktionsserver", split(actions, ACTION_PARTS), args.turns, args.rate)
    print_parts("Aktionsserver nach Aktion (Datei)", by_action(actions), args.turns, args.rate)


if __name__ == "__main__":
    main()
