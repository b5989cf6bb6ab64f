"""The dated quality report of `make eval` (scripts/eval_report.py, lotse.quality), built from
small result files shaped as Rasa 3.6 and the journeys runner write them."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from lotse.quality.results import read_nlu, read_stories
from tests.lotse.quality_fixtures import PREDICTIONS, write_core, write_nlu, write_results

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from eval_report import make_report  # noqa: E402

EARLIER, TODAY = date(2026, 11, 20), date(2026, 12, 3)


def _report(tmp_path: Path, results: Path, day: date = TODAY) -> dict:
    report, _ = make_report(results, tmp_path / "reports", day, tmp_path / "no-model.tar.gz")
    return report


def _better_results(tmp_path: Path) -> Path:
    """A week later: "foerderung" is understood, one story and one journey changed places."""
    rows = [(t, i, "ask_funding" if t == "foerderung" else p) for t, i, p in PREDICTIONS]
    return write_results(tmp_path / "later", rows, failed_stories=("rueckruf",), journeys={
        "kassiererin_will_ins_buero": ["erste Antwort ohne „Umschulung“"], "staplerschein_dessau": [],
        "neu_im_test": []})


def test_figures_of_the_held_out_files(tmp_path):
    report = _report(tmp_path, write_results(tmp_path / "results"))
    nlu = report["nlu"]
    intents = {name: score["f1"] for name, score in nlu["intents"].items()}
    assert intents == pytest.approx({"greet": 0.8, "thank": 0.8, "ask_funding": 0.4, "ask_course": 50 / 65})
    assert nlu["intents"]["ask_course"]["support"] == 6 and nlu["examples"] == 14
    assert nlu["macro_f1"] == pytest.approx((0.8 + 0.8 + 0.4 + 50 / 65) / 4)
    assert nlu["weighted_f1"] == pytest.approx((0.8 * 3 + 0.8 * 2 + 0.4 * 3 + 50 / 65 * 6) / 14)
    # As scripts/nlu_gate.py counts it: the five long messages, four of them right.
    assert nlu["long_messages"] == 5 and nlu["long_macro_f1"] == pytest.approx(2 * 0.8 / 1.8)
    assert nlu["confused_pairs"] == [
        {"true": "ask_funding", "predicted": "ask_course", "count": 2},
        {"true": "ask_course", "predicted": "ask_funding", "count": 1},
        {"true": "greet", "predicted": "thank", "count": 1}]
    entities = report["entities"]
    assert entities["extractor"] == "DIETClassifier"
    assert entities["micro_f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert entities["per_entity"]["topic"] == {"f1": pytest.approx(0.5), "support": 4}
    assert report["journeys"]["failed"] == ["staplerschein_dessau"]
    assert report["journeys"]["problems"] == {"staplerschein_dessau": ["nie gesagt: „Bildungsgutschein“"]}
    assert (report["journeys"]["total"], report["journeys"]["passed"]) == (2, 1)
    assert report["stories"]["failed"] == ["anmeldung mit korrektur"]
    assert (report["stories"]["total"], report["stories"]["passed"]) == (3, 2)
    assert report["changes"] is None
    written = json.loads((tmp_path / "reports" / "2026-12-03.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(report))


def test_differences_to_the_newest_older_report(tmp_path):
    _report(tmp_path, write_results(tmp_path / "results"), EARLIER)
    _report(tmp_path, write_results(tmp_path / "results"), date(2026, 12, 10))  # newer: not "previous"
    changes = _report(tmp_path, _better_results(tmp_path))["changes"]
    assert changes["previous"] == "2026-11-20"
    moved = {row["intent"]: row for row in changes["intents"]}
    assert set(moved) == {"ask_funding", "ask_course"}  # greet and thank did not move
    assert moved["ask_funding"]["before"] == pytest.approx(0.4)
    assert moved["ask_funding"]["change"] > 0.01
    assert changes["headline"]["macro_f1"]["after"] > changes["headline"]["macro_f1"]["before"]
    assert changes["journeys"] == {"newly_failing": ["kassiererin_will_ins_buero"],
                                   "newly_passing": ["staplerschein_dessau"]}
    assert changes["stories"] == {"newly_failing": ["rueckruf"], "newly_passing": ["anmeldung mit korrektur"]}


def test_a_report_of_the_same_day_is_replaced(tmp_path):
    _report(tmp_path, write_results(tmp_path / "results"), EARLIER)
    _report(tmp_path, write_results(tmp_path / "results"))
    report = _report(tmp_path, _better_results(tmp_path))
    assert report["changes"]["previous"] == "2026-11-20"
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "2026-11-20.json", "2026-11-20.md", "2026-12-03.json", "2026-12-03.md"]
    stored = json.loads((tmp_path / "reports" / "2026-12-03.json").read_text(encoding="utf-8"))
    assert stored["stories"]["failed"] == ["rueckruf"]


def test_german_report_for_the_editorial_staff(tmp_path):
    _report(tmp_path, write_results(tmp_path / "results"), EARLIER)
    _report(tmp_path, _better_results(tmp_path))
    text = (tmp_path / "reports" / "2026-12-03.md").read_text(encoding="utf-8")
    assert text.startswith("# Qualitätsbericht vom 03.12.2026\n")
    assert "Trainingszeitpunkt des Modells unbekannt." in text
    headline, tables, changes = (text.index("## Auf einen Blick"), text.index("## Häufigste Verwechslungen"),
                                 text.index("## Veränderungen gegenüber dem 20.11.2026"))
    assert headline < tables < changes
    assert "| Journeys bestanden | 2 von 3 |" in text
    assert "| Teststories bestanden | 2 von 3 |" in text
    assert "| `ask_funding` | 0,667 | 0,667 | 0,667 | 3 |" in text  # decimal comma
    assert "| `ask_course` | `ask_funding` | 1 |" in text
    assert "- `kassiererin_will_ins_buero`: erste Antwort ohne „Umschulung“" in text
    assert "| `ask_funding` | 0,400 | 0,667 | +0,267 |" in text[changes:]
    assert "| Journeys bestanden | 1 von 2 | 2 von 3 | +1 |" in text[changes:]
    assert "Neu fehlgeschlagene Journeys: `kassiererin_will_ins_buero`" in text
    assert "Wieder bestandene Teststories: `anmeldung mit korrektur`" in text
    first = (tmp_path / "reports" / "2026-11-20.md").read_text(encoding="utf-8")
    assert "Dies ist der erste Bericht" in first


def test_without_the_errors_file_the_pairs_come_from_the_report(tmp_path):
    folder = write_nlu(tmp_path / "nlu")
    (folder / "intent_errors.json").unlink()
    pairs = [(c.true, c.predicted, c.count) for c in read_nlu(folder).confused]
    assert pairs[0] == ("ask_funding", "ask_course", 2)


def test_stories_all_passed_and_journeys_not_run(tmp_path):
    stories = read_stories(write_core(tmp_path / "core", [], ["begruessung", "rueckruf"]))
    assert (stories.ran, stories.total, stories.failed) == (True, 2, [])
    results = write_results(tmp_path / "results")
    (results / "journeys.json").unlink()
    report = _report(tmp_path, results)
    assert report["journeys"] == {"ran": False}
    assert "| Journeys bestanden | nicht gelaufen |" in (tmp_path / "reports" / "2026-12-03.md").read_text()
