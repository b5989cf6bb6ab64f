"""Pages of the staff console in a real browser (Debian's Chromium driven by Playwright): the
figures page (/staff/zahlen) with its charts passes axe-core (no serious or critical finding)
and works by keyboard alone. Only the web application runs (uvicorn on a free port, a
database of its own); Rasa is not needed."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from lotse.clock import today
from lotse.config import get_settings
from lotse.db import make_engine, session_scope
from lotse.figures.models import ConversationFigure
from lotse.schema import init_db
from lotse.staff.accounts import create_account
from lotse.staff.permissions import set_admin
from tests.e2e.browser import serious
from web.app import create_app
from web.pages import HERE

CHART_LIBRARY = HERE / "static" / "staff" / "vendor" / "chart.umd.js"
PASSWORD = "browser-test-passwort-1"


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web application on loopback with a team member, an admin and some figures."""
    if not CHART_LIBRARY.exists():
        pytest.fail(f"{CHART_LIBRARY} fehlt: bitte `make widget` ausführen (Chart.js aus npm).")
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('console') / 'lotse.db'}")
    init_db(engine)
    with session_scope(engine) as session:
        create_account(session, "becker", PASSWORD, "Frau Becker", "wba_sued")
        set_admin(session, create_account(session, "chefin", PASSWORD, "Frau Chefin", None), True)
        for step, number in enumerate((12, 30, 7, 19, 25, 3, 14)):
            day = today() - timedelta(days=3 * step)
            for region, district, metric, value, count in (
                    ("wba_sued", "halle", "conversations", "", number),
                    ("wba_nord", "magdeburg", "conversations", "", number + 5),
                    ("wba_sued", "halle", "topic", "Excel", 2),
                    ("wba_sued", "halle", "handover_way", "phone", 1)):
                session.add(ConversationFigure(day=day, region=region, district=district, metric=metric,
                                               value=value, count=count))
    settings = get_settings().replace(staff_cookie_secure=False)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(bind=engine, settings=settings), log_level="warning",
                                           ws="none"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the web application did not start"
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


def figures_page(browser: Browser, console: str, username: str) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{console}/staff/zahlen")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Zahlen")
    yield page
    context.close()
    assert errors == [], "the page reported errors (a blocked script or style shows here too)"


@pytest.fixture
def team_page(browser: Browser, console: str) -> Iterator[Page]:
    yield from figures_page(browser, console, "becker")


@pytest.fixture
def admin_page(browser: Browser, console: str) -> Iterator[Page]:
    yield from figures_page(browser, console, "chefin")


def test_the_charts_are_drawn_from_the_tables_numbers(team_page: Page):
    charts = team_page.locator("canvas[role=img]")
    expect(charts.first).to_be_visible()
    drawn = team_page.evaluate("Object.keys(window.Chart.instances).length")
    assert drawn == charts.count() >= 5
    assert "Weiterbildungsagentur Sachsen-Anhalt Nord" not in team_page.content()


@pytest.mark.parametrize("who", ["team_page", "admin_page"])
def test_no_serious_accessibility_violations(who: str, request: pytest.FixtureRequest):
    page: Page = request.getfixturevalue(who)
    assert serious(page) == []
    page.click("summary")  # the daily figures' table, opened
    assert serious(page) == []


def test_keyboard_reaches_the_filters_and_downloads_the_csv(admin_page: Page):
    reached: list[str] = []
    for _ in range(40):
        admin_page.keyboard.press("Tab")
        reached.append(admin_page.evaluate(
            "document.activeElement.id || document.activeElement.textContent.trim().slice(0, 40)"))
        if reached[-1].startswith("Zahlen als CSV"):
            break
    assert {"von", "bis", "team"} <= set(reached), reached
    assert reached[-1].startswith("Zahlen als CSV"), reached
    with admin_page.expect_download() as download:
        admin_page.keyboard.press("Enter")
    content = Path(download.value.path()).read_bytes().decode("utf-8")
    assert content.startswith("\ufeffVon;Bis;Bereich;Merkmal;Schlüssel;Spalte;Wert")
    assert "Weiterbildungsagentur Sachsen-Anhalt Nord" in content  # the admin's choice: every region

    admin_page.focus("#team")
    admin_page.keyboard.press("ArrowDown")  # from "alle Regionen" to the first region (Nord)
    admin_page.focus("form.filters button")
    admin_page.keyboard.press("Enter")
    expect(admin_page.locator("#team")).to_have_value("wba_nord")
    headers = admin_page.locator("#overview th[scope=col]").all_inner_texts()
    assert headers == ["Merkmal", "Weiterbildungsagentur Sachsen-Anhalt Nord", "Sachsen-Anhalt gesamt"]


def test_the_quality_page_passes_axe_and_is_read_by_keyboard(team_page: Page, console: str):
    """/staff/qualitaet with the reports of reports/: the trend chart drawn, nothing serious for
    axe, and the keyboard gets from the navigation into the page."""
    team_page.goto(f"{console}/staff/qualitaet")
    expect(team_page.locator("h1")).to_have_text("Qualität des Assistenten")
    expect(team_page.locator("#quality-chart")).to_be_visible()
    assert serious(team_page) == []
    reached = []
    for _ in range(15):
        team_page.keyboard.press("Tab")
        reached.append(team_page.evaluate("document.activeElement.textContent.trim()"))
    assert "Qualität" in reached and "Gespräche prüfen" in reached
