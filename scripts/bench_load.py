"""`make bench-load`: the production profile (scripts/stack.py) under growing load, first with
one Rasa instance and one action server behind nginx, then with two of each, in one run.

Locust (its own environment, .venv-load, requirements/load.txt) plays visitors' conversations
of 6 to 10 turns with 2-5 s think time, half over the REST channel and half over the widget's
socket.io channel (scripts/load/locustfile.py), adding LOAD_STEP_USERS visitors every
LOAD_STEP_SECONDS until a step's p95 passes 1 s. Printed per step and side by side: messages
per second, p50/p95/p99 and the error rate; then the most visitors each setup served with
p95 under 1 s. Locust runs on the same machine and takes its share of the CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import ROOT, Stack  # noqa: E402

LOCUST = ROOT / ".venv-load" / "bin" / "locust"
LOCUSTFILE = ROOT / "scripts" / "load" / "locustfile.py"


def run_locust(stack: Stack, args: argparse.Namespace) -> list[dict]:
    env = dict(os.environ, LOAD_PUBLIC_URL=stack.public, LOAD_STEP_USERS=str(args.step_users),
               LOAD_STEP_SECONDS=str(args.step_seconds), LOAD_MAX_USERS=str(args.max_users),
               LOAD_P95_LIMIT_MS="1000")
    done = subprocess.run([str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--host", stack.internal,
                           "--only-summary", "--loglevel", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    steps = [json.loads(line[5:]) for line in done.stdout.splitlines() if line.startswith("STEP ")]
    if not steps:
        raise RuntimeError(f"Locust lieferte keine Messung:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return steps


def measure(instances: int, args: argparse.Namespace) -> list[dict]:
    stack = Stack(rasa_instances=instances, action_servers=instances, catalogue_size=args.catalogue)
    stack.start()
    try:
        return run_locust(stack, args)
    finally:
        stack.stop()


def capacity(steps: list[dict]) -> int:
    """The most visitors at once with p95 ≤ 1 s and errors under 1 %."""
    served = [s["users"] for s in steps if s["p95_ms"] <= 1000 and s["error_rate"] < 0.01]
    return max(served, default=0)


def print_table(results: dict[int, list[dict]]) -> None:
    print(f"\nLast in Stufen, {platform.node()}: {os.cpu_count()} Kerne, Python {platform.python_version()}")
    print("Besucher | " + " | ".join(f"{n} Instanz(en): Nachr./s  p50  p95  p99 ms  Fehler"
                                     for n in results))
    users = sorted({s["users"] for steps in results.values() for s in steps})
    for count in users:
        cells = []
        for steps in results.values():
            step = next((s for s in steps if s["users"] == count), None)
            cells.append("—" if step is None else
                         f"{step['messages_per_s']:6.1f} {step['p50_ms']:5d} {step['p95_ms']:5d} "
                         f"{step['p99_ms']:5d} {step['error_rate']:6.1%}")
        print(f"{count:8d} | " + " | ".join(cells))
    for n, steps in results.items():
        most = capacity(steps)
        per_thousand = f"{1000 / most * n:.0f}" if most else "—"
        print(f"{n} Instanz(en): höchstens {most} Besucher gleichzeitig mit p95 ≤ 1 s "
              f"→ {per_thousand} Instanzen je 1.000 gleichzeitige Besucher (bei dieser Maschine)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step-users", type=int, default=10)
    parser.add_argument("--step-seconds", type=float, default=30)
    parser.add_argument("--max-users", type=int, default=200)
    parser.add_argument("--catalogue", type=int, default=65000, help="Kurse im Demo-Katalog")
    parser.add_argument("--instances", default="1,2")
    args = parser.parse_args(argv)
    results = {n: measure(n, args) for n in (int(x) for x in args.instances.split(","))}
    out = ROOT / "var" / "bench" / "load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)


if __name__ == "__main__":
    main()
