"""The German report for the editorial staff (reports/<date>.md): headline figures, then the
tables, then what changed since the report before."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from lotse.clock import local_text

HEADLINES = [
    ("macro_f1", "Absichten erkannt (Makro-F1, alle Testsätze)"),
    ("weighted_f1", "Absichten erkannt (gewichtetes F1)"),
    ("long_macro_f1", "Lange Nachrichten (15+ Wörter, Makro-F1)"),
    ("entity_f1", "Angaben erkannt (Entitäten, F1)"),
    ("journeys_passed", "Journeys bestanden"),
    ("stories_passed", "Teststories bestanden"),
]


def number(value: float | None, digits: int = 3) -> str:
    """0.9512 → '0,951'; '–' for no value."""
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


def signed(value: float | None) -> str:
    return "neu" if value is None else ("+" if value >= 0 else "−") + number(abs(value))


def german_date(day: str) -> str:
    """'2026-12-03' → '03.12.2026'"""
    return f"{date.fromisoformat(day):%d.%m.%Y}"


def passed_text(section: dict[str, Any]) -> str:
    if not section.get("ran"):
        return "nicht gelaufen"
    return f"{section['passed']} von {section['total']}"


def _of(passed: int | None, total: int | None) -> str:
    return "–" if passed is None else f"{passed} von {total}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return lines + ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]


def _headline_rows(report: dict[str, Any]) -> list[list[str]]:
    nlu, entities = report["nlu"], report["entities"]
    return [
        [HEADLINES[0][1], number(nlu["macro_f1"])],
        [HEADLINES[1][1], number(nlu["weighted_f1"])],
        [f"{HEADLINES[2][1]}, {nlu['long_messages']} Sätze", number(nlu["long_macro_f1"])],
        [HEADLINES[3][1], number(entities.get("micro_f1"))],
        [HEADLINES[4][1], passed_text(report["journeys"])],
        [HEADLINES[5][1], passed_text(report["stories"])],
    ]


def _failures(title: str, section: dict[str, Any], problems: bool = False) -> list[str]:
    lines = ["", f"## {title}", ""]
    if not section.get("ran"):
        return lines + ["Nicht gelaufen."]
    if not section["failed"]:
        return lines + ["Keine – alle bestanden."]
    for name in section["failed"]:
        details = ((section.get("problems") or {}).get(name) or []) if problems else []
        lines.append(f"- `{name}`" + (f": {'; '.join(details)}" if details else ""))
    return lines


def _names(title: str, names: list[str]) -> list[str]:
    return [f"{title}: " + (", ".join(f"`{n}`" for n in names) if names else "keine"), ""]


def _changes(changes: dict[str, Any] | None) -> list[str]:
    if changes is None:
        return ["", "## Veränderungen", "", "Dies ist der erste Bericht; es gibt noch nichts zu vergleichen."]
    lines = ["", f"## Veränderungen gegenüber dem {german_date(changes['previous'])}", ""]
    rows = []
    for key, title in HEADLINES:
        before, after = changes["headline"][key]["before"], changes["headline"][key]["after"]
        if isinstance(after, float) or isinstance(before, float):
            difference = signed(after - before) if before is not None and after is not None else "–"
            rows.append([title, number(before), number(after), difference])
        else:
            totals = changes["headline"][key.replace("_passed", "_total")]
            rows.append([title, _of(before, totals["before"]), _of(after, totals["after"]),
                         "–" if before is None or after is None else f"{after - before:+d}"])
    lines += _table(["Kennzahl", "vorher", "jetzt", "Änderung"], rows)
    lines += ["", "### Absichten mit einer F1-Änderung über 0,01", ""]
    if changes["intents"]:
        lines += _table(["Absicht", "vorher", "jetzt", "Änderung"], [
            [f"`{row['intent']}`", number(row["before"]), number(row["after"]),
             "entfallen" if row["after"] is None else signed(row["change"])] for row in changes["intents"]])
    else:
        lines.append("Keine.")
    lines.append("")
    for section, title in (("journeys", "Journeys"), ("stories", "Teststories")):
        lines += _names(f"Neu fehlgeschlagene {title}", changes[section]["newly_failing"])
        lines += _names(f"Wieder bestandene {title}", changes[section]["newly_passing"])
    return lines[:-1]


def render(report: dict[str, Any]) -> str:
    nlu = report["nlu"]
    trained = report.get("model_trained_at")
    lines = [f"# Qualitätsbericht vom {german_date(report['date'])}", ""]
    lines.append(f"Modell trainiert am {local_text(datetime.fromisoformat(trained))}." if trained
                 else "Trainingszeitpunkt des Modells unbekannt.")
    lines += ["", f"{nlu['examples']} Testsätze aus `tests/nlu/`, Journeys aus `tests/journeys/`, "
              "Teststories aus `tests/stories/` (F1: 1 = alles richtig).", "", "## Auf einen Blick", ""]
    lines += _table(["Kennzahl", "Wert"], _headline_rows(report))
    lines += ["", "## Absichten, die schwächsten zuerst", ""]
    intents = sorted(nlu["intents"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))
    lines += _table(["Absicht", "F1", "Präzision", "Trefferquote", "Testsätze"], [
        [f"`{name}`", number(s["f1"]), number(s["precision"]), number(s["recall"]), str(s["support"])]
        for name, s in intents])
    lines += ["", "## Häufigste Verwechslungen", ""]
    if nlu["confused_pairs"]:
        lines += _table(["gemeint", "erkannt als", "Sätze"], [
            [f"`{c['true']}`", f"`{c['predicted']}`", str(c["count"])] for c in nlu["confused_pairs"]])
    else:
        lines.append("Keine.")
    entities = report["entities"]
    lines += ["", "## Angaben (Entitäten)", ""]
    if entities["per_entity"]:
        lines += _table(["Entität", "F1", "Vorkommen"], [
            [f"`{name}`", number(s["f1"]), str(s["support"])] for name, s in entities["per_entity"].items()])
    else:
        lines.append("Kein Bericht zu Entitäten.")
    lines += _failures("Nicht bestandene Journeys", report["journeys"], problems=True)
    lines += _failures("Nicht bestandene Teststories", report["stories"])
    lines += _changes(report.get("changes"))
    return "\n".join(lines) + "\n"
