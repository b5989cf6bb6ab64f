"""The figures as staff see them (lotse.figures.report) and as CSV (lotse.figures.export): a
team sees its region beside the agency's totals and nothing of another region; an admin sees
every region; nothing personal reaches the page's numbers or the CSV."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from lotse.db import session_scope
from lotse.figures.export import BOM, HEADERS, csv_text, file_name
from lotse.figures.period import MAX_DAYS, Period, default_period, parse_period
from lotse.figures.report import Figures, figures_for
from lotse.handover.cases import CaseContext, Routing, claim, open_case
from lotse.intake_stats import record_intake
from lotse.situation import PERSON, Situation
from lotse.staff.permissions import Scope
from tests.lotse.figures.conftest import NOW, PERSONAL, REFERENCE, SENDERS, count

PERIOD = Period(date(2026, 11, 23), date(2026, 12, 6))
SUED, NORD = "Weiterbildungsagentur Sachsen-Anhalt Süd", "Weiterbildungsagentur Sachsen-Anhalt Nord"


@pytest.fixture
def figures_db(tracker: Engine) -> Engine:
    """The counted conversations, three cases (two of Süd, one of Nord) and three intakes."""
    count(tracker)
    with session_scope(tracker) as session:
        taken = open_case(session, CaseContext("request", region="saalekreis", team="wba_sued",
                                               summary=f"{PERSONAL[0]}, Tel {PERSONAL[3]}"),
                          Routing(), NOW - timedelta(hours=3), contact_phone=PERSONAL[3])
        claim(taken, "Frau Becker", NOW - timedelta(hours=1))
        open_case(session, CaseContext("fallback", region="halle", team="wba_sued"), Routing(), NOW)
        nord = open_case(session, CaseContext("request", region="magdeburg", team="wba_nord"), Routing(),
                         NOW - timedelta(hours=2))
        claim(nord, "Herr Schulz", NOW - timedelta(hours=2) + timedelta(minutes=30))
        for region in ("saalekreis", "magdeburg", "stendal"):
            record_intake(session, Situation(kind=PERSON, region=region)).created_at = NOW
    return tracker


def figures_of(engine: Engine, scope: Scope, team: str | None = None) -> Figures:
    with session_scope(engine) as session:
        return figures_for(session, scope, team, PERIOD)


def rows(figures: Figures, section: str) -> dict[str, tuple]:
    return {row.key: row.values for row in next(s for s in figures.sections if s.key == section).rows}


def test_a_team_sees_its_region_beside_the_totals_and_no_other_region(figures_db: Engine):
    # Asking for Nord changes nothing.
    figures = figures_of(figures_db, Scope(team="wba_sued"), team="wba_nord")
    assert [column.title for column in figures.columns] == [SUED, "Sachsen-Anhalt gesamt"]
    overview = rows(figures, "overview")
    assert overview["conversations"] == (1, 3)
    assert overview["understood_first"] == (100.0, 66.7)
    assert overview["fallbacks"] == (25.0, 33.3)  # 1 of 4 messages; 3 of 9 in all
    assert overview["handed_over"] == (100.0, 66.7)
    assert overview["intakes"] == (1, 3) and overview["cases"] == (2, 3)
    assert overview["claim_median"] == (2.0, 1.2)  # Süd: 2 hours; all: 2 h and 30 min
    assert rows(figures, "handover") == {"phone": (1, 1), "email": (0, 0), "live_chat": (0, 1)}
    assert rows(figures, "topics") == {"Pflegefachmann": (1, 1)}  # Nord's Gabelstapler is not Süd's topic
    assert rows(figures, "programmes") == {"bildungsgutschein": (1, 1)}
    districts = rows(figures, "districts")
    assert set(districts) == {"halle", "burgenlandkreis", "mansfeld_suedharz", "saalekreis"}
    assert districts["saalekreis"] == (1, 1, 1) and districts["halle"] == (0, 0, 1)
    assert rows(figures, "cases") == {"open": (1, 1), "in_progress": (1, 2), "closed": (0, 0)}
    claim_bands = rows(figures, "claim")
    assert claim_bands["band_1"] == (1, 1) and claim_bands["band_0"] == (0, 1)
    assert claim_bands["waiting"] == (1, 1)
    days = rows(figures, "days")
    assert len(days) == 14 and days["2026-12-01"] == (1, 3)
    assert rows(figures, "weeks") == {"2026-W48": (0, 0), "2026-W49": (1, 3)}


def test_an_admin_sees_every_region_and_what_has_none(figures_db: Engine):
    figures = figures_of(figures_db, Scope(team=None, admin=True))
    assert [column.key for column in figures.columns] == ["wba_nord", "wba_ost", "wba_sued", "wba_west",
                                                           "none", "total"]
    assert rows(figures, "overview")["conversations"] == (1, 0, 1, 0, 1, 3)
    assert rows(figures, "topics")["Gabelstapler"] == (1, 0, 0, 0, 0, 1)
    assert len(rows(figures, "districts")) == 15  # 14 districts and the unknown one
    chosen = figures_of(figures_db, Scope(team=None, admin=True), team="wba_nord")
    assert [column.title for column in chosen.columns] == [NORD, "Sachsen-Anhalt gesamt"]


def test_an_account_without_team_sees_the_totals_only(figures_db: Engine):
    figures = figures_of(figures_db, Scope(team=None))
    assert [column.key for column in figures.columns] == ["total"]
    assert rows(figures, "districts") == {}


def test_figures_and_their_csv_hold_nothing_personal(figures_db: Engine):
    for scope in (Scope(team="wba_sued"), Scope(team=None, admin=True)):
        figures = figures_of(figures_db, scope)
        text = csv_text(figures)
        for secret in (*PERSONAL, *SENDERS, REFERENCE, "Frau Becker", "Herr Schulz", "Landsberg"):
            assert secret not in text and secret not in repr(figures)


def test_the_csv_is_semicolon_separated_with_a_bom_and_one_number_per_line(figures_db: Engine):
    figures = figures_of(figures_db, Scope(team="wba_sued"))
    text = csv_text(figures)
    assert text.startswith(BOM)
    lines = text.removeprefix(BOM).splitlines()
    assert lines[0] == ";".join(HEADERS)
    assert "2026-11-23;2026-12-06;Überblick;beim ersten Satz verstanden (%);understood_first;" \
           f"{SUED};100,0" in lines
    assert f"2026-11-23;2026-12-06;Überblick;Gespräche;conversations;{SUED};1" in lines
    assert NORD not in text and "magdeburg" not in text and "Gabelstapler" not in text
    assert file_name(figures) == "weiterbildungslotse-zahlen-wba_sued-2026-11-23-bis-2026-12-06.csv"


def test_the_period_defaults_to_twelve_weeks_and_reads_what_a_form_sends():
    assert default_period(date(2026, 12, 3)) == Period(date(2026, 9, 14), date(2026, 12, 3))
    assert parse_period("2026-12-06", "2026-11-23", date(2026, 12, 3)) == PERIOD  # swapped back
    assert parse_period("kaputt", "", date(2026, 12, 3)) == default_period(date(2026, 12, 3))
    assert len(parse_period("2000-01-01", "2026-12-03").days) == MAX_DAYS
    assert Period(date(2026, 12, 28), date(2027, 1, 4)).weeks == [(2026, 53), (2027, 1)]
