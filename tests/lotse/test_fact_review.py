"""The staff's fact review: every stated fact with source, Stand and confirmation."""

from __future__ import annotations

import csv
import io
from datetime import date

from lotse import cli, clock
from lotse.fact_review import ending_soon, fact_rows, stale, write_csv
from lotse.knowledge import knowledge
from lotse.programmes import catalogue


def _rows():
    return fact_rows(knowledge(), catalogue())


def test_every_amount_rule_date_and_contact_is_listed_with_source_and_stand():
    rows = _rows()
    assert {"Betrag", "Regel", "Datum", "Kontakt"} <= {row.kind for row in rows}
    assert all(row.source and date.fromisoformat(row.stand) for row in rows)
    childcare = next(row for row in rows if "160 €" in row.text and "bildungsgutschein" in row.where)
    assert "domain-facts.md 7.3" in childcare.source and not childcare.confirmed
    hotline = next(row for row in rows if row.where == "agency.yml › hotline")
    assert hotline.text == knowledge().agency.data["hotline"]["value"] and hotline.source.startswith("http")


def test_the_csv_has_one_line_per_fact_and_german_headers():
    rows = _rows()
    out = io.StringIO()
    write_csv(rows, out)
    read = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert read[0] == ["Art", "Wo", "Angabe", "Quelle", "Stand", "bestätigt"]
    assert len(read) == len(rows) + 1 and {line[-1] for line in read[1:]} <= {"ja", "nein"}


def test_programmes_ending_soon_and_old_facts_are_named():
    assert {p.key for p in ending_soon(catalogue(), date(2026, 12, 2))} >= {"meistergruendungspraemie"}
    assert not ending_soon(catalogue(), date(2027, 1, 1))
    old = stale(_rows(), date(2026, 12, 2))
    assert any(row.where == "agency.yml › hotline" for row in old)  # Stand 2021
    assert len(stale(_rows(), date(2020, 1, 1))) < len(old)


def test_check_knowledge_names_what_needs_a_look(capsys, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 2))
    assert cli.check_knowledge() == 0
    printed = capsys.readouterr().out
    assert "Endet in den nächsten 90 Tagen: Meistergründungsprämie (bis 2026-12-31" in printed
    assert "Stand älter als 2 Jahre" in printed


def test_the_facts_command_writes_csv(tmp_path, capsys):
    target = tmp_path / "fakten.csv"
    assert cli.main(["facts", "--csv", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Art;Wo;Angabe") and len(lines) > 100
    assert cli.main(["facts"]) == 0
    assert "Stand" in capsys.readouterr().out
