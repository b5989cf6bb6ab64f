"""Staff find a case (filters, reference search), read everything the visitor told, and
work on it with forms that need the session's CSRF token."""

from __future__ import annotations

import html
from datetime import datetime, timezone

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.db import session_scope
from lotse.handover.cases import CaseContext, Routing, close, find_case, open_case
from tests.web.accounts import browser_of
from tests.web.conftest import csrf_of

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)
CONSENT = "Damit Sie jemand aus der Weiterbildungsagentur zurückruft, lege ich einen Fall an. Einverstanden?"
SCRIPT = "<script>alert(1)</script>"


def add_case(engine: Engine, team: str, region: str, closed: bool = False, **contact) -> str:
    context = CaseContext(
        reason="advisor", conversation_id="gespraech-1", region=region, team=team,
        summary="Lage: arbeitslos gemeldet\nZiel: Umschulung in der Pflege",
        suggestions=("Förderung: Bildungsgutschein (passt)", "Kurs: Pflegefachkraft (Halle), Katalog-Nr. 7"),
        transcript=({"who": "visitor", "text": SCRIPT, "at": NOW.isoformat()},
                    {"who": "assistant", "text": "Dazu passt der Bildungsgutschein.", "at": NOW.isoformat()}))
    with session_scope(engine) as session:
        case = open_case(session, context, Routing(email_default=("team-sued@wba.example",)), NOW, **contact)
        if closed:
            close(case, NOW)
        return case.reference


@pytest.fixture
def reference(engine: Engine) -> str:
    return add_case(engine, "wba_sued", "halle", channel="phone", contact_phone="0345 1234567",
                    contact_email="erika@example.org", contact_name="Erika Muster",
                    preferred_time="vormittags", consent_text=CONSENT, consent_at=NOW)


def case_state(engine: Engine, reference: str) -> tuple[str, str | None, int]:
    with session_scope(engine) as session:
        case = find_case(session, reference)
        return case.status, case.assigned_to, len(case.notes)


def test_a_case_shows_summary_suggestions_contact_consent_and_transcript(becker: TestClient, reference: str):
    page = becker.get(f"/staff/cases/{reference}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Lage: arbeitslos gemeldet\nZiel: Umschulung in der Pflege" in text
    assert "<li>Förderung: Bildungsgutschein (passt)</li>" in text
    assert "Kurs: Pflegefachkraft (Halle), Katalog-Nr. 7" in text
    assert '<a href="tel:03451234567">0345 1234567</a>' in text
    assert '<a href="mailto:erika@example.org">erika@example.org</a>' in text
    assert "Erika Muster" in text and "vormittags" in text
    assert CONSENT in text and "25.11.2026, 10:30 Uhr" in text  # local time (CET)
    assert "Beratung empfohlen" in text and "neu" in text and "Rückruf" in text
    assert "Weiterbildungsagentur Sachsen-Anhalt Süd" in text and "Halle (Saale)" in text
    assert "Besucher/in" in text and "Assistent" in text and "Dazu passt der Bildungsgutschein." in text
    assert "email offen" in text  # the notification's delivery state


def test_html_in_the_transcript_is_shown_as_text(becker: TestClient, reference: str):
    page = becker.get(f"/staff/cases/{reference}").text
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_overview_shows_the_own_team_open_cases(becker: TestClient, engine: Engine, reference: str):
    north = add_case(engine, "wba_nord", "magdeburg")
    done = add_case(engine, "wba_sued", "halle", closed=True)
    page = becker.get("/staff/").text
    assert reference in page and north not in page and done not in page
    assert "Wunsch nach einer Person" not in page and "Beratung empfohlen" in page
    assert '<select id="team"' not in page and "Weiterbildungsagentur Sachsen-Anhalt Süd" in page
    for asked in ("alle", "wba_nord"):  # another team's cases are not a filter away
        assert north not in becker.get("/staff/", params={"team": asked}).text
    closed = becker.get("/staff/", params={"status": "closed"}).text
    assert done in closed and reference not in closed


def test_an_admin_chooses_among_all_teams(app, engine: Engine, reference: str):
    north = add_case(engine, "wba_nord", "magdeburg")
    with browser_of(app, engine, "chefin", "Frau Chefin", admin=True) as chefin:
        everyone = chefin.get("/staff/").text
        assert reference in everyone and north in everyone and '<select id="team"' in everyone
        assert "Administration (alle Weiterbildungsagenturen)" in everyone
        north_only = chefin.get("/staff/", params={"team": "wba_nord", "status": "open"}).text
        assert north in north_only and reference not in north_only


def test_a_reference_number_leads_to_its_case(becker: TestClient, reference: str):
    response = becker.get("/staff/", params={"ref": f" {reference.lower()} "})
    assert response.status_code == 303 and response.headers["location"] == f"/staff/cases/{reference}"
    missing = becker.get("/staff/", params={"ref": "WBA-2026-99999"})
    assert missing.status_code == 200 and "Kein Fall mit dieser Referenznummer." in missing.text


def test_an_unknown_reference_is_a_german_404(becker: TestClient):
    response = becker.get("/staff/cases/WBA-2026-99999")
    assert response.status_code == 404 and "Kein Fall mit dieser Referenznummer." in response.text
    assert becker.post("/staff/cases/WBA-2026-99999/claim",
                       data={"csrf_token": csrf_of(becker)}).status_code == 404


@pytest.mark.parametrize("action", ["claim", "note", "close"])
def test_a_case_form_without_the_right_csrf_token_changes_nothing(becker: TestClient, engine: Engine,
                                                                   reference: str, action: str):
    for token in ({}, {"csrf_token": "falsch"}):
        response = becker.post(f"/staff/cases/{reference}/{action}", data={"text": "Notiz", **token})
        assert response.status_code == 403
    assert case_state(engine, reference) == ("open", None, 0)


def test_staff_claim_note_close_and_reopen_a_case(becker: TestClient, engine: Engine, reference: str):
    token = csrf_of(becker)
    response = becker.post(f"/staff/cases/{reference}/claim", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == f"/staff/cases/{reference}"
    assert case_state(engine, reference) == ("in_progress", "Frau Becker", 0)
    becker.post(f"/staff/cases/{reference}/note", data={"csrf_token": token, "text": "Rückruf <b>morgen</b>"})
    becker.post(f"/staff/cases/{reference}/note", data={"csrf_token": token, "text": "   "})
    assert case_state(engine, reference) == ("in_progress", "Frau Becker", 1)
    page = becker.get(f"/staff/cases/{reference}").text
    assert "Rückruf &lt;b&gt;morgen&lt;/b&gt;" in page and "in Bearbeitung" in page
    becker.post(f"/staff/cases/{reference}/close", data={"csrf_token": token})
    assert case_state(engine, reference)[0] == "closed"
    assert "Wieder öffnen" in becker.get(f"/staff/cases/{reference}").text
    becker.post(f"/staff/cases/{reference}/reopen", data={"csrf_token": token})
    assert case_state(engine, reference) == ("in_progress", "Frau Becker", 1)
