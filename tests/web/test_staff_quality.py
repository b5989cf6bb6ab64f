"""The quality page of the staff console (/staff/qualitaet): the latest report of `make eval`
from the reports folder of the settings, and the trend over all reports."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from lotse.config import Settings
from tests.lotse.quality_fixtures import PREDICTIONS, write_results

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from eval_report import make_report  # noqa: E402


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.replace(reports_dir=tmp_path / "reports")


@pytest.fixture
def reports(settings: Settings, tmp_path: Path) -> Path:
    """Two reports: 20 November, and 3 December with "foerderung" understood and a journey failing."""
    no_model = tmp_path / "none"
    make_report(write_results(tmp_path / "before"), settings.reports_dir, date(2026, 11, 20), no_model)
    rows = [(t, i, "ask_funding" if t == "foerderung" else p) for t, i, p in PREDICTIONS]
    later = write_results(tmp_path / "after", rows, failed_stories=("rueckruf",),
                          journeys={"kassiererin_will_ins_buero": ["nie gesagt: „Umschulung“"]})
    make_report(later, settings.reports_dir, date(2026, 12, 3), no_model)
    return settings.reports_dir


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_login_required(client, reports):
    response = client.get("/staff/qualitaet")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/staff/login")


def test_latest_report_with_its_weak_points(becker, reports):
    page = becker.get("/staff/qualitaet")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Bericht vom 03.12.2026" in text
    assert "Absichten erkannt (Makro-F1) 0,775" in text
    assert "Lange Nachrichten (15+ Wörter) 0,889 (5 Sätze)" in text
    assert "Journeys bestanden 0 von 1" in text and "Teststories bestanden 2 von 3" in text
    weakest = _text(re.search(r'<table id="weakest">.*?</table>', page.text, re.S).group(0))
    assert weakest.index("ask_funding") < weakest.index("ask_course")
    assert "ask_course ask_funding 1" in _text(re.search(r'<table id="confused">.*?</table>', page.text,
                                                          re.S).group(0))
    assert "kassiererin_will_ins_buero : nie gesagt: „Umschulung“" in text
    assert "rueckruf" in _text(re.search(r'<ul id="failed-stories">.*?</ul>', page.text, re.S).group(0))
    assert "Veränderungen gegenüber dem 20.11.2026" in text
    assert "Wieder bestandene Teststories: anmeldung mit korrektur" in text


def test_trend_as_chart_and_as_table(becker, reports):
    page = becker.get("/staff/qualitaet").text
    data = json.loads(re.search(r'<script type="application/json" id="quality-trend">(.*?)</script>',
                                page, re.S).group(1))
    assert data == {"labels": ["20.11.2026", "03.12.2026"], "macro": [0.692, 0.775], "long": [0.889, 0.889],
                    "min": 0.6}
    assert re.search(r'<canvas id="quality-chart" role="img"\s+aria-label="Diagramm: [^"]+Tabelle', page)
    # The same library as /staff/zahlen, from this site (no CDN).
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/staff/vendor/chart.umd.js" in scripts and "/static/staff/quality.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    table = _text(re.search(r'<table id="trend">.*?</table>', page, re.S).group(0))
    assert "03.12.2026 0,775 0,889 0/1 2/3" in table and "20.11.2026 0,692 0,889 1/2 2/3" in table
    assert becker.get("/static/staff/quality.js").status_code == 200


def test_without_reports(becker):
    page = becker.get("/staff/qualitaet")
    assert page.status_code == 200
    assert "Es gibt noch keinen Qualitätsbericht" in page.text and "make eval" in page.text


def test_nav_links_to_the_page(becker):
    assert 'href="/staff/qualitaet"' in becker.get("/staff/").text
