"""Course search benchmark: builds the 65,000-course demo catalogue, then times 200
realistic queries with the indexed search and, in the same run, with a plain LIKE query
(the baseline). SQLite always; PostgreSQL too when it is installed. Run as `make bench`.

Queries are drawn deterministically from the topic file (names and synonyms, some with a
typo, some lower case without umlauts), most around a real town with a radius, some with a
filter, as visitors search.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sqlalchemy import Engine  # noqa: E402

from lotse.catalog.demo import load_demo_catalogue  # noqa: E402
from lotse.catalog.search import CourseQuery, CourseSearch  # noqa: E402
from lotse.catalog.topics import topic_vocabulary  # noqa: E402
from lotse.db import make_engine, session_scope  # noqa: E402
from lotse.knowledge import knowledge  # noqa: E402
from lotse.schema import init_db  # noqa: E402
from lotse.text import fold  # noqa: E402

COURSES = 65_000
QUERIES = 200
TODAY = date.today()


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2:]


def queries() -> list[CourseQuery]:
    rng = random.Random(2026)
    words = [w for t in topic_vocabulary().topics for w in (t.name, *t.synonyms)]
    towns = [d for d in knowledge().places.data["districts"]] + knowledge().places.data["towns"]
    out = []
    for _ in range(QUERIES):
        word = rng.choice(words)
        roll = rng.random()
        if roll < 0.25:
            word = _typo(rng, word)
        elif roll < 0.5:
            word = fold(word)
        query = CourseQuery(word)
        if rng.random() < 0.7:
            town = rng.choice(towns)
            point = town["coordinates"]
            query = query.changed(place_label=town["name"], lat=point["lat"], lon=point["lon"],
                                  radius_km=rng.choice((10, 25, 25, 50)))
        roll = rng.random()
        if roll < 0.1:
            query = query.changed(deliveries=("online",))
        elif roll < 0.2:
            query = query.changed(schedules=("part_time",))
        elif roll < 0.25:
            query = query.changed(azav_only=True)
        out.append(query)
    return out


@dataclass
class Timing:
    p50: float
    p95: float
    mean: float
    found: float


def measure(engine: Engine, backend: str | None, batch: list[CourseQuery]) -> Timing:
    search = CourseSearch(engine, backend=backend)
    times, found = [], []
    with session_scope(engine) as session:
        search.index_words(session)  # built once per process, not per query
        search.search(session, batch[0], TODAY)
    for query in batch:
        with session_scope(engine) as session:
            started = time.perf_counter()
            result = search.search(session, query, TODAY)
            times.append((time.perf_counter() - started) * 1000)
            found.append(result.total)
    times.sort()
    return Timing(times[len(times) // 2], times[int(len(times) * 0.95) - 1], statistics.mean(times),
                  statistics.mean(found))


def run(label: str, engine: Engine, batch: list[CourseQuery]) -> None:
    init_db(engine)
    started = time.perf_counter()
    summary = load_demo_catalogue(COURSES, bind=engine, base=TODAY)
    seconds = time.perf_counter() - started
    print(f"\n{label}: Import von {summary.added:,} Demo-Kursen: {seconds:.1f} s (Ziel < 60 s)")
    indexed, like = measure(engine, None, batch), measure(engine, "like", batch)
    print(f"{'Suche (' + str(len(batch)) + ' Anfragen)':<28}{'p50 ms':>9}{'p95 ms':>9}{'Mittel ms':>11}"
          f"{'Treffer':>9}")
    for name, t in ((f"Index ({CourseSearch(engine).backend.name})", indexed), ("LIKE (Basislinie)", like)):
        print(f"{name:<28}{t.p50:>9.1f}{t.p95:>9.1f}{t.mean:>11.1f}{t.found:>9.1f}")


def main() -> int:
    batch = queries()
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", make_engine(f"sqlite:///{folder}/bench.db"), batch)
    import pg_server

    server = pg_server.start_server()
    if server is None:
        print("\nPostgreSQL nicht installiert: nur SQLite gemessen.")
        return 0
    try:
        run("PostgreSQL", make_engine(server.url()), batch)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
