"""The chat widget in a real browser (Debian's Chromium driven by Playwright) against the real
servers: a whole conversation, reload, a dropped connection, keyboard use, axe-core scans,
text-only rendering, staff messages; and the README's screenshot."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from lotse.knowledge import knowledge
from tests.e2e.browser import serious
from tests.e2e.conftest import ROOT
from tests.e2e.talk import Console, wait_for

SCREENSHOT = ROOT / "docs" / "widget.png"
LOG, INPUT, LAUNCHER = "[role=log] ol", "#lotse-input", "button.lotse-launcher"
REPLY_MS = 60_000


@pytest.fixture
def page(browser: Browser, servers) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # The browser itself logs each failed connection attempt while a test has cut the line.
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error"
           and not message.text.startswith("WebSocket connection to") else None)
    tab.goto(servers["web"] + "/")
    yield tab
    context.close()
    assert errors == [], "the page reported errors"


def open_chat(page: Page) -> None:
    page.click(LAUNCHER)
    expect(page.locator(INPUT)).to_be_focused()
    expect(page.locator(".lotse-connection")).to_have_text("verbunden", timeout=REPLY_MS)


def say(page: Page, text: str) -> None:
    before = page.locator(f"{LOG} > li.lotse-bot").count()
    page.fill(INPUT, text)
    page.keyboard.press("Enter")
    expect(page.locator(f"{LOG} > li.lotse-bot")).not_to_have_count(before, timeout=REPLY_MS)
    page.wait_for_timeout(800)  # the rest of the turn's messages


def choose(page: Page, title: str) -> None:
    before = page.locator(f"{LOG} > li.lotse-bot").count()
    buttons = page.locator(f"{LOG} li.lotse-bot [role=group] button", has_text=title)
    try:
        expect(buttons.last).to_be_visible(timeout=REPLY_MS)
    except AssertionError as error:
        shown = page.locator(LOG).inner_text()
        raise AssertionError(f"no button {title!r}; the chat shows:\n{shown}") from error
    buttons.last.click()
    expect(page.locator(f"{LOG} > li.lotse-bot")).not_to_have_count(before, timeout=REPLY_MS)
    page.wait_for_timeout(800)


def test_a_whole_conversation_greeting_intake_and_results(page: Page):
    expect(page.locator(LAUNCHER)).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("window.sessionStorage.length") == 0  # nothing stored before opening
    open_chat(page)
    expect(page.locator(".lotse-disclosure")).to_contain_text("Sie sprechen mit einem digitalen Assistenten")
    say(page, "Hallo")
    expect(page.locator(LOG)).to_contain_text("Weiterbildungslotse")
    say(page, "ich bin arbeitslos in halle und will in die pflege")
    choose(page, "Berufsausbildung")
    expect(page.locator(LOG)).to_contain_text("Habe ich Sie richtig verstanden?")
    choose(page, "Ja, das stimmt")
    expect(page.locator(LOG)).to_contain_text("Eine Frage noch")
    # An advisor asks an unemployed visitor about the benefit first, then the course goal.
    choose(page, "Arbeitslosengeld")
    choose(page, "Berufsabschluss")
    expect(page.locator(LOG)).to_contain_text("Bildungsgutschein", timeout=REPLY_MS)
    expect(page.locator(f"{LOG} li.lotse-visitor").first).to_contain_text("Hallo")
    assert page.locator(f"{LOG} li.lotse-visitor", has_text="[Berufsausbildung]").count() == 0
    expect(page.locator(f"{LOG} li.lotse-visitor", has_text="Berufsausbildung")).to_have_count(1)


def test_reload_keeps_the_conversation_and_the_open_chat(page: Page):
    open_chat(page)
    say(page, "Hallo")
    shown = page.locator(f"{LOG} > li").count()
    page.reload()
    expect(page.locator("#lotse-panel")).to_be_visible()
    expect(page.locator(f"{LOG} > li")).to_have_count(shown)
    expect(page.locator(".lotse-connection")).to_have_text("verbunden", timeout=REPLY_MS)
    say(page, "Wie ist die Telefonnummer?")
    expect(page.locator(LOG)).to_contain_text(knowledge().agency.data["hotline"]["value"])


def test_a_dropped_connection_is_shown_and_reconnects(page: Page, rasa_proxy):
    open_chat(page)
    rasa_proxy.drop()
    try:
        expect(page.locator(".lotse-connection")).to_have_attribute("data-state", "offline", timeout=20_000)
        expect(page.locator("[role=status]")).to_contain_text("Verbindung unterbrochen")
    finally:
        rasa_proxy.resume()
    expect(page.locator(".lotse-connection")).to_have_text("verbunden", timeout=30_000)
    say(page, "Hallo")
    expect(page.locator(LOG)).to_contain_text("Weiterbildungslotse")


def test_a_message_typed_while_offline_is_answered_after_reconnecting(page: Page, rasa_proxy):
    rasa_proxy.drop()
    try:
        page.click(LAUNCHER)
        page.fill(INPUT, "Hallo")
        page.keyboard.press("Enter")
        expect(page.locator("[role=status]")).to_contain_text("Keine Verbindung")
    finally:
        rasa_proxy.resume()
    expect(page.locator(f"{LOG} > li.lotse-bot")).not_to_have_count(0, timeout=REPLY_MS)
    expect(page.locator(LOG)).to_contain_text("Weiterbildungslotse")


def test_keyboard_only_tab_enter_type_enter_escape(page: Page):
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('lotse-launcher')"):
            break
    expect(page.locator(LAUNCHER)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(INPUT)).to_be_focused()
    expect(page.locator(LAUNCHER)).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("Hallo")
    page.keyboard.press("Enter")
    expect(page.locator(f"{LOG} > li.lotse-bot")).not_to_have_count(0, timeout=REPLY_MS)
    page.keyboard.press("Tab")  # from the input on to the send button, still inside the chat
    page.keyboard.press("Escape")
    expect(page.locator("#lotse-panel")).to_be_hidden()
    expect(page.locator(LAUNCHER)).to_be_focused()


def test_quick_replies_are_buttons_reachable_by_keyboard(page: Page):
    open_chat(page)
    say(page, "Hallo")
    choices = page.locator(f"{LOG} li.lotse-bot [role=group] button")
    expect(choices.first).to_be_visible()
    choices.first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"{LOG} li.lotse-visitor").last).to_have_text(re.compile("Weiterbildung finden"))


@pytest.mark.parametrize("width", [1280, 320])
def test_no_serious_accessibility_violations_closed_open_with_buttons_and_results(browser: Browser, servers,
                                                                                 width: int):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 800},
                                  reduced_motion="reduce")
    page = context.new_page()
    page.goto(servers["web"] + "/")
    try:
        found = {"closed": serious(page)}
        open_chat(page)
        found["open"] = serious(page)
        say(page, "Hallo")
        found["with buttons"] = serious(page)
        say(page, "Gibt es Schweißkurse in Magdeburg?")
        expect(page.locator(f"{LOG} li.lotse-card-item").first).to_be_visible(timeout=REPLY_MS)
        found["after results"] = serious(page)
        if width == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"horizontal scrolling at 320 px: {overflow} px"
        assert {state: v for state, v in found.items() if v} == {}
    finally:
        context.close()


def test_markup_in_messages_is_shown_as_text(page: Page):
    open_chat(page)
    attack = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
    say(page, attack)
    visitor = page.locator(f"{LOG} li.lotse-visitor").last
    expect(visitor).to_contain_text("<script>window.__xss = 1</script>")
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{LOG} img, {LOG} script").count() == 0


def test_links_open_safely(page: Page):
    open_chat(page)
    say(page, "Gibt es Schweißkurse in Magdeburg?")
    link = page.locator(f"{LOG} a[href^='http']").first
    if link.count():
        assert link.get_attribute("rel") == "noopener noreferrer"
    say(page, "javascript:alert(1) www.example.org")
    assert page.locator(f"{LOG} a[href^='javascript']").count() == 0
    expect(page.locator(f"{LOG} li.lotse-visitor a[href='https://www.example.org/']")).to_have_count(1)


def test_clearing_the_history_starts_afresh(page: Page):
    open_chat(page)
    say(page, "Hallo")
    old = page.evaluate("JSON.parse(sessionStorage.getItem('lotse-chat')).sessionId")
    page.click("button.lotse-clear")
    page.click("button.lotse-clear")  # "Wirklich löschen?"
    expect(page.locator(f"{LOG} > li")).to_have_count(0)
    assert page.evaluate("JSON.parse(sessionStorage.getItem('lotse-chat')).sessionId") != old
    expect(page.locator("[role=status]")).to_have_text("Der Verlauf ist gelöscht.")


def test_staff_messages_appear_marked_as_from_a_person(page: Page, servers):
    console = Console(servers["web"])
    console.login()
    console.post("/staff/presence", data={"available": "1"})
    open_chat(page)
    say(page, '/request_human{"contact_channel":"chat"}')
    expect(page.locator(LOG)).to_contain_text("Bitte bleiben Sie in diesem Chat")
    chat_id = max(wait_for(console.waiting_chats))  # the takeover test's chat has ended
    assert console.post(f"/staff/live/{chat_id}/take").status_code == 200
    assert console.post(f"/staff/live/{chat_id}/send", json={"text": "Guten Tag, hier ist Frau Becker."}).ok
    staff = page.locator(f"{LOG} li.lotse-staff")
    expect(staff).to_have_count(1, timeout=20_000)
    expect(staff).to_contain_text("Frau Becker · Weiterbildungsagentur Sachsen-Anhalt")
    expect(staff).to_contain_text("Guten Tag, hier ist Frau Becker.")
    console.post(f"/staff/live/{chat_id}/handback")
    handed_back = page.locator(f"{LOG} li.lotse-notice").last
    expect(handed_back).to_contain_text("wieder mit dem digitalen Assistenten", timeout=20_000)


def reach_the_advice(page: Page) -> None:
    open_chat(page)
    say(page, "ich bin arbeitslos in halle und will in die pflege")
    choose(page, "Berufsausbildung")
    choose(page, "Ja, das stimmt")
    choose(page, "Arbeitslosengeld")
    choose(page, "Berufsabschluss")
    expect(page.locator(f"{LOG} article h3").first).to_be_visible(timeout=REPLY_MS)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_advice_and_the_courses_come_as_cards(browser: Browser, servers, width: int):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 844},
                                  reduced_motion="reduce")
    page = context.new_page()
    page.goto(servers["web"] + "/")
    try:
        reach_the_advice(page)
        cards = page.locator(f"{LOG} li.lotse-card-item article")
        expect(cards.first).to_be_visible()
        # The programme's name is a heading; the phone a tel: link; "Stand" is there.
        expect(page.get_by_role("heading", name="Bildungsgutschein", level=3)).to_be_visible()
        phone = page.locator(f"{LOG} article a[href^='tel:']").first
        expect(phone).to_have_attribute("href", re.compile(r"^tel:0800\d+$"))
        expect(cards.first).to_contain_text("Stand:")
        # "Mehr dazu" opens and closes by keyboard.
        more = page.locator(f"{LOG} button.lotse-more").first
        details = page.locator("#" + more.get_attribute("aria-controls"))
        expect(details).to_be_hidden()
        more.focus()
        page.keyboard.press("Enter")
        expect(more).to_have_attribute("aria-expanded", "true")
        expect(details).to_be_visible()
        page.keyboard.press("Space")
        expect(more).to_have_attribute("aria-expanded", "false")
        expect(details).to_be_hidden()
        assert serious(page) == []
        page.screenshot(path=str(ROOT / "docs" / f"cards-advice-{width}.png"), full_page=False)
        say(page, "Ich suche einen Pflegekurs in Halle")
        courses = page.locator(f"{LOG} li.lotse-card-item h3", has_text=re.compile(r"^1\. "))
        expect(courses.last).to_be_visible(timeout=REPLY_MS)
        assert serious(page) == []
        courses.last.scroll_into_view_if_needed()
        page.screenshot(path=str(ROOT / "docs" / f"cards-courses-{width}.png"), full_page=False)
        page.set_viewport_size({"width": 320, "height": 700})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        inner = page.evaluate("(() => { const s = document.querySelector('.lotse-scroller');"
                              " return s.scrollWidth - s.clientWidth; })()")
        assert overflow <= 0 and inner <= 0, f"horizontal scrolling at 320 px: {overflow} / {inner} px"
    finally:
        context.close()


def test_the_readme_screenshot_of_the_open_widget(page: Page):
    page.set_viewport_size({"width": 1100, "height": 760})
    open_chat(page)
    say(page, "Hallo")
    page.evaluate("document.querySelector('.lotse-scroller').scrollTop = 0")  # disclosure in view
    page.mouse.move(0, 0)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
