"""Teams are permissions, written as the attack: Herr Schulz (wba_nord) tries the case and
the live chat of a visitor from Halle (wba_sued) by reference and by chat id. He gets 403
with the German page, nothing changes, his attempt is recorded on the case, and lists never
show him what is not his. Every opening of a case is recorded and shown on the case."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from lotse.db import session_scope
from lotse.handover.cases import close, find_case
from lotse.handover.live import LiveChat, request_chat
from lotse.handover.models import CaseView, HandoverCase
from lotse.privacy.erasure import erase_case
from tests.web.accounts import browser_of
from tests.web.conftest import RasaStub, csrf_of, relay
from tests.web.test_staff_cases import add_case, case_state
from tests.web.test_staff_live import post

SOUTH = "Weiterbildungsagentur Sachsen-Anhalt Süd"
PHONE = "+49 345 1234567"


@pytest.fixture
def south_case(engine: Engine) -> str:
    return add_case(engine, "wba_sued", "halle", channel="phone", contact_phone=PHONE,
                    contact_name="Erika Muster")


def plain(page: str) -> str:
    """The page's text without tags, its white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def recorded(engine: Engine, reference: str) -> list[tuple[str, str, bool]]:
    with session_scope(engine) as session:
        query = select(CaseView).join(CaseView.case).where(HandoverCase.reference == reference)
        views = session.scalars(query.order_by(CaseView.id))
        return [(view.username, view.action, view.granted) for view in views]


def test_a_north_account_opening_a_south_case_gets_403_and_is_recorded(schulz: TestClient, becker: TestClient,
                                                                        engine: Engine, south_case: str):
    page = schulz.get(f"/staff/cases/{south_case}")
    assert page.status_code == 403
    text = html.unescape(page.text)
    assert f"Dieser Fall gehört zur {SOUTH}" in text and "vermerkt" in text
    assert "1234567" not in text and "Erika Muster" not in text and "Umschulung" not in text
    assert recorded(engine, south_case) == [("tschulz", "view", False)]
    # By reference from the overview's search: the same refusal.
    found = schulz.get("/staff/", params={"ref": south_case.lower()})
    assert schulz.get(found.headers["location"]).status_code == 403
    # The owner sees the attempt on the case, with name and team.
    shown = plain(becker.get(f"/staff/cases/{south_case}").text)
    assert re.search(r"Abgewiesen: Herr Schulz \(tschulz, Weiterbildungsagentur Sachsen-Anhalt Nord\) wollte "
                     r"den Fall öffnen – am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr", shown)
    assert "Geöffnet von Frau Becker (mbecker) am" in shown


@pytest.mark.parametrize("action", ["claim", "note", "close", "reopen"])
def test_a_north_account_cannot_change_a_south_case(schulz: TestClient, engine: Engine, south_case: str,
                                                     action: str):
    if action == "reopen":
        with session_scope(engine) as session:
            close(find_case(session, south_case))
    before = case_state(engine, south_case)
    response = schulz.post(f"/staff/cases/{south_case}/{action}",
                           data={"csrf_token": csrf_of(schulz), "text": "Fremde Notiz"})
    assert response.status_code == 403 and SOUTH in html.unescape(response.text)
    assert case_state(engine, south_case) == before
    assert recorded(engine, south_case) == [("tschulz", action, False)]


def test_lists_show_only_what_is_permitted(schulz: TestClient, engine: Engine, south_case: str):
    unassigned = add_case(engine, None, None)
    for params in ({}, {"team": "alle"}, {"team": "wba_sued"}, {"status": "open"}):
        page = schulz.get("/staff/", params=params).text
        assert south_case not in page and unassigned in page


def test_a_case_without_region_is_everybodys(schulz: TestClient, becker: TestClient, engine: Engine):
    unassigned = add_case(engine, None, None)
    assert becker.get(f"/staff/cases/{unassigned}").status_code == 200
    assert schulz.get(f"/staff/cases/{unassigned}").status_code == 200
    claim = schulz.post(f"/staff/cases/{unassigned}/claim", data={"csrf_token": csrf_of(schulz)})
    assert claim.status_code == 303 and case_state(engine, unassigned) == ("in_progress", "Herr Schulz", 0)


def test_an_admin_sees_and_works_on_every_case(app, engine: Engine, south_case: str):
    north = add_case(engine, "wba_nord", "magdeburg")
    with browser_of(app, engine, "chefin", "Frau Chefin", admin=True) as chefin:
        overview = chefin.get("/staff/").text
        assert south_case in overview and north in overview
        page = chefin.get(f"/staff/cases/{south_case}")
        assert page.status_code == 200 and PHONE in page.text
        assert "Administration (alle Weiterbildungsagenturen)" in page.text
        chefin.post(f"/staff/cases/{south_case}/claim", data={"csrf_token": csrf_of(chefin)})
    assert case_state(engine, south_case) == ("in_progress", "Frau Chefin", 0)


def test_an_account_without_team_is_no_admin(app, engine: Engine, south_case: str):
    unassigned = add_case(engine, None, None)
    with browser_of(app, engine, "ohneteam", "Herr Ohne") as nobody:
        overview = html.unescape(nobody.get("/staff/").text)
        assert south_case not in overview and unassigned in overview
        assert "keine Weiterbildungsagentur zugeordnet" in overview
        assert nobody.get(f"/staff/cases/{south_case}").status_code == 403


def test_every_opening_is_recorded_and_shown_on_the_case(becker: TestClient, engine: Engine, south_case: str):
    becker.get(f"/staff/cases/{south_case}")
    page = plain(becker.get(f"/staff/cases/{south_case}").text)
    assert recorded(engine, south_case) == [("mbecker", "view", True), ("mbecker", "view", True)]
    assert len(re.findall(r"Geöffnet von Frau Becker \(mbecker\) am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr",
                          page)) == 2
    with session_scope(engine) as session:
        assert erase_case(session, south_case, PHONE)
        assert session.scalars(select(CaseView)).all() == []


def test_a_north_account_cannot_read_take_or_write_in_a_south_chat(schulz: TestClient, becker: TestClient,
                                                                     chat_id: int, rasa: RasaStub,
                                                                     engine: Engine):
    assert f"/staff/live/{chat_id}" not in schulz.get("/staff/live/").text
    page = schulz.get(f"/staff/live/{chat_id}")
    assert page.status_code == 403 and "Dieser Live-Chat gehört zur" in html.unescape(page.text)
    assert "Umschulung" not in page.text
    events = schulz.get(f"/staff/live/{chat_id}/events", headers={"Accept": "application/json"})
    assert events.status_code == 403 and "messages" not in events.json()
    token = csrf_of(schulz)
    attempts = (("take", None), ("send", {"text": "Hallo, hier ist Herr Schulz."}), ("handback", None))
    for action, body in attempts:
        response = post(schulz, f"/staff/live/{chat_id}/{action}", body, token)
        assert response.status_code == 403 and SOUTH in response.json()["error"]
    assert relay(becker)["live"] == "waiting" and rasa.appended == [] and rasa.tokens == []
    # Not even once the owner has taken it.
    assert post(becker, f"/staff/live/{chat_id}/take").status_code == 200
    assert post(schulz, f"/staff/live/{chat_id}/send", {"text": "Hallo"}, token).status_code == 403
    assert post(schulz, f"/staff/live/{chat_id}/handback", None, token).status_code == 403
    assert [m["kind"] for m in relay(becker)["messages"]] == ["notice"]
    with session_scope(engine) as session:
        chat = session.get(LiveChat, chat_id)
        assert chat.status == "active" and chat.staff_name == "Frau Becker"


def test_a_chat_without_team_is_everybodys_and_an_admin_takes_any(app, schulz: TestClient, engine: Engine,
                                                                     chat_id: int, rasa: RasaStub):
    with session_scope(engine) as session:
        loose = request_chat(session, "ohne-region-1", None, None, "").id
    listed = schulz.get("/staff/live/").text
    assert f"/staff/live/{loose}" in listed and f"/staff/live/{chat_id}" not in listed
    assert post(schulz, f"/staff/live/{loose}/take").status_code == 200
    with browser_of(app, engine, "chefin", "Frau Chefin", admin=True) as chefin:
        assert f"/staff/live/{chat_id}" in chefin.get("/staff/live/").text
        assert post(chefin, f"/staff/live/{chat_id}/take").status_code == 200
