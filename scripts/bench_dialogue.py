"""`make bench-dialogue`: answer time per turn over the REST channel, the Weiterbildungslotse
side by side with a stock `rasa init` bot started in the same run (same Rasa, same channel).

Both bots get the same five German messages, the Weiterbildungslotse twice: without its
changes to Rasa (`LOTSE_RASA_PATCHES=0`, "vorher") and as it runs ("nachher"). It also plays
its own conversations (intake with advice, course search with refinement). Each is played by one
visitor at a time and by ten at once; the figures are p50/p95/p99 per turn in milliseconds.

    python scripts/bench_dialogue.py [--conversations 20] [--profile]

`--profile` then plays the conversations once more, one visitor at a time, while py-spy
records Rasa and the action server (`var/bench/profile-*.txt`), and prints where a turn's
time goes (`scripts/profile_summary.py`). The figures above are measured without it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import profile_summary  # noqa: E402
from processes import wait_until_up  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "var" / "bench"
RASA = ROOT / ".venv" / "bin" / "rasa"
APP_PYTHON = ROOT / ".venv-app" / "bin" / "python"
OURS = {"RASA_PORT": "35005", "ACTION_PORT": "35055"}
STOCK_PORT = "35105"
STARTUP_SECONDS = 300
CATALOGUE_SIZE = 65000
PROFILE_RATE = 100

# The same five messages for both bots (the stock bot is English: it answers anyway, which
# is all that is timed).
SAME_FIVE = ["Hallo", "Wie geht es Ihnen?", "Gut, danke", "Bist du ein Bot?", "Danke, tschüss"]
# The Weiterbildungslotse's common turns: the intake to the advice, and a course search.
CONVERSATIONS = {
    "same five": SAME_FIVE,
    "intake and advice": ["Hallo", "Ich bin arbeitslos und möchte mich weiterbilden", "Magdeburg", "Pflege",
                          "Ich habe eine Ausbildung als Verkäuferin", "ja", "Bürgergeld", "Berufsabschluss",
                          "Danke, tschüss"],
    "course search": ["suche einen excel kurs in magdeburg", "nur online", "weitere Angebote",
                      "was kostet der zweite?", "Danke, tschüss"],
}


@dataclass
class Figures:
    turns: list[float]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.turns)
        return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]

    def row(self) -> tuple[float, float, float]:
        return statistics.median(self.turns), self.percentile(0.95), self.percentile(0.99)


@contextmanager
def running(commands: dict[str, list[str]], health: dict[str, str], env: dict[str, str],
            workdir: Path, cwd: Path = ROOT) -> Iterator[dict[str, int]]:
    """Start the commands, wait for their health URLs, yield their pids, stop them."""
    processes: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            log = workdir / f"{name}.log"
            processes[name] = subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"),
                                               stderr=subprocess.STDOUT)
        for name, url in health.items():
            wait_until_up(url, processes[name], workdir / f"{name}.log", STARTUP_SECONDS)
        yield {name: process.pid for name, process in processes.items()}
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def stock_bot() -> Path:
    """The project `rasa init` makes, trained once and kept in var/bench/stock."""
    project = BENCH / "stock"
    if not list((project / "models").glob("*.tar.gz")):
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        print("Stock-Bot wird mit `rasa init` angelegt und trainiert (gut eine Minute) ...", flush=True)
        subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(project)], cwd=project,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return project


def catalogue_copy(workdir: Path, env: dict[str, str]) -> Path:
    """The demo catalogue at full size (as `make run` has it), built once, copied per run."""
    kept = BENCH / "catalogue.db"
    if not kept.exists():
        print(f"Demo-Katalog mit {CATALOGUE_SIZE} Angeboten wird angelegt ...", flush=True)
        building = dict(env, DATABASE_URL=f"sqlite:///{kept}")
        for command in (["init-db"], ["demo-catalogue", "--count", str(CATALOGUE_SIZE)]):
            subprocess.run([str(APP_PYTHON), "-m", "lotse.cli", *command], cwd=ROOT, env=building,
                           check=True, stdout=subprocess.DEVNULL)
    target = workdir / "lotse.db"
    shutil.copyfile(kept, target)
    return target


def say(base: str, sender: str, text: str) -> float:
    started = time.perf_counter()
    response = requests.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                             timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or not response.json():
        raise RuntimeError(f"{text!r}: {response.status_code} {response.text[:200]}")
    return elapsed


def play(base: str, messages: Sequence[str], conversations: int, visitors: int) -> Figures:
    """`conversations` per visitor, `visitors` at once; every turn's time."""
    def visitor(_: int) -> list[float]:
        times: list[float] = []
        for _ in range(conversations):
            sender = f"bench-{uuid.uuid4().hex}"
            times += [say(base, sender, text) for text in messages]
        return times

    with ThreadPoolExecutor(max_workers=visitors) as pool:
        return Figures([t for times in pool.map(visitor, range(visitors)) for t in times])


def measure(base: str, conversations: dict[str, Sequence[str]], count: int) -> dict[tuple[str, int], Figures]:
    for messages in conversations.values():
        play(base, messages, 1, 1)  # warm-up: first calls load and compile what they need
    results = {}
    for name, messages in conversations.items():
        results[(name, 1)] = play(base, messages, count, 1)
        results[(name, 10)] = play(base, messages, max(1, count // 4), 10)
    return results


@contextmanager
def profiling(pids: dict[str, int]) -> Iterator[None]:
    """py-spy on each process (and its children) while the block runs."""
    spy = ROOT / ".venv-bench" / "bin" / "py-spy"
    if not spy.exists():
        sys.exit("py-spy fehlt: `make bench-dialogue` richtet .venv-bench ein.")
    recorders = [subprocess.Popen([str(spy), "record", "--format", "raw", "--rate", str(PROFILE_RATE),
                                   "--subprocesses", "--output", str(BENCH / f"profile-{name}.txt"),
                                   "--pid", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for name, pid in pids.items()]
    time.sleep(1)
    try:
        yield
    finally:
        for recorder in recorders:
            recorder.send_signal(signal.SIGINT)
        for recorder in recorders:
            recorder.wait(timeout=120)


def profile(base: str, pids: dict[str, int], count: int) -> None:
    with profiling(pids):
        turns = sum(len(play(base, messages, count, 1).turns) for messages in CONVERSATIONS.values())
    profile_summary.main([str(BENCH / "profile-rasa.txt"), str(BENCH / "profile-actions.txt"),
                          "--turns", str(turns), "--rate", str(PROFILE_RATE)])


def print_table(before: dict[tuple[str, int], Figures], after: dict[tuple[str, int], Figures],
                stock: dict[tuple[str, int], Figures]) -> None:
    print("\nAntwortzeit je Runde in ms, REST-Kanal, alles im selben Lauf")
    print(f"{'Gespräch':<19}{'Bes.':>5} | {'vorher p50':>10}{'p95':>6} | {'nachher p50':>11}{'p95':>6}"
          f"{'p99':>6} | {'Stock p50':>9}{'p95':>6}{'p99':>6} | {'p50 ×':>6}{'p95 ×':>6}")
    for key, figures in after.items():
        name, visitors = key
        old, new, base = before[key].row(), figures.row(), stock[("same five", visitors)].row()
        print(f"{name:<19}{visitors:>5} | {old[0]:>10.0f}{old[1]:>6.0f} | {new[0]:>11.0f}{new[1]:>6.0f}"
              f"{new[2]:>6.0f} | {base[0]:>9.0f}{base[1]:>6.0f}{base[2]:>6.0f} | "
              f"{new[0] / base[0]:>6.1f}{new[1] / base[1]:>6.1f}")
    print("vorher: ohne die Änderungen in rasa_addons/ (LOTSE_RASA_PATCHES=0); Stock: `rasa init`-Bot mit")
    print("denselben fünf Nachrichten; × = nachher / Stock bei gleich vielen Besuchern.")


@contextmanager
def assistant(env: dict[str, str], workdir: Path, patched: bool) -> Iterator[dict[str, int]]:
    commands = {"actions": [str(APP_PYTHON), "-m", "action_server"], "rasa": [str(ROOT / "bin" / "run-rasa")]}
    health = {"actions": f"http://localhost:{OURS['ACTION_PORT']}/health",
              "rasa": f"http://localhost:{OURS['RASA_PORT']}/"}
    with running(commands, health, dict(env, LOTSE_RASA_PATCHES="1" if patched else "0"), workdir) as pids:
        yield pids


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20, help="Gespräche je Messung (ein Besucher)")
    parser.add_argument("--profile", action="store_true", help="danach mit py-spy aufzeichnen")
    args = parser.parse_args(argv)
    if not (ROOT / "models" / "lotse.tar.gz").exists():
        sys.exit("Kein trainiertes Modell: bitte zuerst `make train`.")
    BENCH.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    env = dict(os.environ, **OURS, RASA_AUTH_TOKEN="bench-token", ACTION_SERVER_SECRET="bench-action-secret",
               CONVERSATION_SIGNING_KEY="bench-signing-key", LOG_LEVEL="WARNING",
               ACTION_SERVER_URL=f"http://localhost:{OURS['ACTION_PORT']}/webhook",
               TRACKER_DB=str(workdir / "tracker.db"))
    env["DATABASE_URL"] = f"sqlite:///{catalogue_copy(workdir, env)}"
    project = stock_bot()
    stock_env = dict(os.environ, LOG_LEVEL="WARNING")
    with running({"stock": [str(RASA), "run", "--model", "models", "--port", STOCK_PORT,
                            "--interface", "127.0.0.1"]},
                 {"stock": f"http://localhost:{STOCK_PORT}/"}, stock_env, workdir, cwd=project):
        stock = measure(f"http://localhost:{STOCK_PORT}", {"same five": SAME_FIVE}, args.conversations)
    base = f"http://localhost:{OURS['RASA_PORT']}"
    with assistant(env, workdir, patched=False):
        before = measure(base, CONVERSATIONS, args.conversations)
    with assistant(env, workdir, patched=True) as pids:
        after = measure(base, CONVERSATIONS, args.conversations)
        print_table(before, after, stock)
        if args.profile:
            profile(base, pids, max(1, args.conversations // 2))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
