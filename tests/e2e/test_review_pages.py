"""The conversation review pages in a real browser: axe-core finds nothing serious, a staff
member gets through list, conversation and correction form by keyboard alone; and the
screenshots of the editors' guide (docs/redaktion.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import serious
from tests.e2e.conftest import ROOT, STAFF_PASSWORD, STAFF_USER
from tests.e2e.talk import say

SCREENSHOTS = ROOT / "docs"
ODD = "ey sagt ma wie isn dat jetzt mit dem ding da vom amt, krieg ich dat oder nich"


@pytest.fixture
def staff_page(browser: Browser, servers) -> Iterator[Page]:
    say(servers, f"review-page-{uuid.uuid4().hex}", ODD)
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(servers["web"] + "/staff/login?next=/staff/gespraeche")
    tab.fill("#username", STAFF_USER)
    tab.fill("#password", STAFF_PASSWORD)
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: "/staff/gespraeche" in url and "/staff/login" not in url)
    yield tab
    context.close()
    assert errors == [], "the page reported errors"


def test_review_pages_have_no_serious_accessibility_findings(staff_page: Page):
    staff_page.goto(staff_page.url.split("/staff/")[0] + "/staff/gespraeche?missverstanden=1")
    assert serious(staff_page) == []
    staff_page.screenshot(path=str(SCREENSHOTS / "review-list.png"))
    staff_page.locator("a", has_text="ansehen").first.click()
    staff_page.locator("summary", has_text="Korrigieren").first.click()
    assert serious(staff_page) == []
    staff_page.locator("li.visitor", has=staff_page.locator("details[open]")).first.screenshot(
        path=str(SCREENSHOTS / "review-correction.png"))
    staff_page.goto(staff_page.url.split("/staff/")[0] + "/staff/gespraeche/korrekturen")
    assert serious(staff_page) == []


def focused(page: Page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}; last: {focused(page)}")


def test_a_correction_form_is_reached_and_filled_by_keyboard(staff_page: Page):
    tab_to(staff_page, "#missverstanden")
    staff_page.keyboard.press("Space")
    tab_to(staff_page, "button[type=submit]")
    staff_page.keyboard.press("Enter")
    staff_page.wait_for_url("**missverstanden=1**")
    tab_to(staff_page, "a[href^='/staff/gespraeche/']:not([href$='korrekturen'])")
    staff_page.keyboard.press("Enter")
    staff_page.wait_for_url("**/staff/gespraeche/*")
    tab_to(staff_page, "summary")
    staff_page.keyboard.press("Enter")
    tab_to(staff_page, "details[open] select[name=absicht]")
    expect(staff_page.locator("details[open] textarea[name=satz]")).to_have_value(ODD)
    tab_to(staff_page, "details[open] input[name=markiert_1]")
    staff_page.keyboard.type("amt")
    tab_to(staff_page, "details[open] button[type=submit]")
