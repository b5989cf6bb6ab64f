"""The figures page (/staff/zahlen) and its CSV: only for logged-in staff; a team member sees
their region beside the agency's totals and nothing of another region, an admin every region;
no contact detail, reference or conversation id on the page or in the CSV."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.clock import today
from lotse.db import session_scope
from lotse.figures.models import ConversationFigure
from lotse.handover.cases import CaseContext, Routing, open_case
from tests.web.accounts import browser_of

SUED, NORD = "Weiterbildungsagentur Sachsen-Anhalt Süd", "Weiterbildungsagentur Sachsen-Anhalt Nord"
PHONE, NAME, CONVERSATION_ID = "0345 1234567", "Maria Schulze", "c0ffee-visitor-4711"


@pytest.fixture
def figures(engine: Engine) -> str:
    """Counters of Süd (1717 conversations, topic Excel) and Nord (2323, topic Gabelstapler),
    and a case with contact details; returns the case's reference."""
    day = today()
    rows = [("wba_sued", "halle", "conversations", "", 1717), ("wba_sued", "halle", "topic", "Excel", 606),
            ("wba_nord", "magdeburg", "conversations", "", 2323),
            ("wba_nord", "magdeburg", "topic", "Gabelstapler", 808)]
    with session_scope(engine) as session:
        for region, district, metric, value, number in rows:
            session.add(ConversationFigure(day=day, region=region, district=district, metric=metric,
                                           value=value, count=number))
        case = open_case(session, CaseContext("request", conversation_id=CONVERSATION_ID, region="halle",
                                              team="wba_sued", summary=f"{NAME} möchte Excel lernen"),
                         Routing(), contact_phone=PHONE, contact_name=NAME)
        return case.reference


def test_the_figures_need_a_login(client: TestClient):
    for path in ("/staff/zahlen", "/staff/zahlen.csv"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/staff/login")


def test_a_team_member_sees_their_region_and_the_totals_but_no_other_region(becker: TestClient, figures: str):
    page = becker.get("/staff/zahlen", params={"team": "wba_nord"})  # asking for Nord changes nothing
    assert page.status_code == 200
    html = page.text
    assert SUED in html and "Sachsen-Anhalt gesamt" in html
    assert "1717" in html and "4040" in html  # Süd's conversations, and all of them
    assert NORD not in html and "2323" not in html and "Gabelstapler" not in html and "Magdeburg" not in html
    assert "Excel" in html and "Halle (Saale)" in html
    for secret in (PHONE, NAME, figures, CONVERSATION_ID):
        assert secret not in html
    assert '<a href="/staff/zahlen">Zahlen</a>' in html
    assert 'id="team"' not in html  # no choice of region for a team member


def test_the_csv_download_holds_the_same_figures_and_nothing_personal(becker: TestClient, figures: str):
    response = becker.get("/staff/zahlen.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    name = r'attachment; filename="weiterbildungslotse-zahlen-wba_sued-[-0-9]+-bis-[-0-9]+\.csv"'
    assert re.fullmatch(name, response.headers["content-disposition"])
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Von;Bis;Bereich;Merkmal;Schlüssel;Spalte;Wert"
    assert f"Überblick;Gespräche;conversations;{SUED};1717" in text
    assert "Überblick;Gespräche;conversations;Sachsen-Anhalt gesamt;4040" in text
    assert "Excel" in text
    for other in (NORD, "2323", "Gabelstapler", "magdeburg", PHONE, NAME, figures, CONVERSATION_ID):
        assert other not in text


def test_an_admin_sees_every_region_and_may_choose_one(app, engine: Engine, figures: str):
    with browser_of(app, engine, "admin", "Frau Admin", admin=True) as admin:
        html = admin.get("/staff/zahlen").text
        assert SUED in html and NORD in html and "2323" in html and "Gabelstapler" in html
        assert 'id="team"' in html
        chosen = admin.get("/staff/zahlen", params={"team": "wba_nord"}).text
        assert "2323" in chosen and "1717" not in chosen
        csv = admin.get("/staff/zahlen.csv", params={"team": "wba_nord"}).content.decode("utf-8-sig")
        assert f"Überblick;Gespräche;conversations;{NORD};2323" in csv and SUED not in csv


def test_the_charts_get_their_numbers_as_data_and_each_has_a_text_alternative(becker: TestClient,
                                                                               figures: str):
    html = becker.get("/staff/zahlen", params={"von": "2020-01-01", "bis": "2020-01-31"}).text
    assert 'value="2020-01-01"' in html and 'value="2020-01-31"' in html
    data = json.loads(re.search(r'<script type="application/json" id="figures-data">(.*?)</script>', html,
                                re.S).group(1))
    days = next(chart for chart in data if chart["id"] == "chart-days")
    assert len(days["labels"]) == 31
    assert [series["label"] for series in days["datasets"]] == [SUED, "Sachsen-Anhalt gesamt"]
    canvases = re.findall(r'<canvas id="([^"]+)" role="img"\s+aria-label="([^"]+)"', html)
    assert {chart["id"] for chart in data} == {canvas for canvas, _ in canvases}
    assert all(label.startswith("Diagramm: ") for _, label in canvases)
    # Every section as a table, the charts' included; in 2020 there were no topics nor programmes.
    assert html.count("<table") == 7 and html.count("Für diese Auswahl gibt es hier keine Zahlen.") == 2
