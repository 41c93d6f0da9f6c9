"""Markup in the data never executes or renders, in a real browser: pages, tables and pydeck tooltips.

The server runs on a copy of data/ whose names, quotes and publishers end in HTML, Markdown and script
payloads (tests/support/hostile.py). A payload that ran would open a dialog or request evil.example (blocked and
recorded by the watch fixture); one that rendered would leave an <img>, a link or bold text in the page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gdclusters.i18n import t
from tests.support.browser import deck_specs
from tests.support.hostile import make_hostile_copy
from tests.support.journeys import EXCEPTION, hover_city, map_canvas, open_app, record_frames
from tests.support.server import Server

pytestmark = pytest.mark.browser
PAGES = [
    "?cluster=semiconductors_ic&city=440300",
    "map?cluster=semiconductors_ic",
    "city?city=440300",
    "matrix?cluster=semiconductors_ic",
    "tiers",
    "targets",
    "sources",
    "cluster?cluster=semiconductors_ic",
]


@pytest.fixture
def hostile_dashboard(tmp_path, browser, monkeypatch) -> str:
    """A dashboard server reading the hostile copy of the data."""
    monkeypatch.setenv("GDC_DATA_DIR", str(make_hostile_copy(tmp_path / "data")))
    server = Server("dashboard.py", tmp_path / "server" / "streamlit.log").start()
    try:
        server.wait_ready(timeout=60)
        yield server.url
    finally:
        server.stop()


def assert_no_rendered_markup(page) -> None:
    """No element a payload could have produced, and at least one payload visible as plain text."""
    main = page.get_by_test_id("stMain")
    expect(main.locator('img[src="x"], img[src*="evil.example"]')).to_have_count(0)
    expect(main.locator('a[href*="evil.example"]')).to_have_count(0)
    expect(main.locator("strong", has_text="bold")).to_have_count(0)
    expect(page.locator("script", has_text="alert(1)")).to_have_count(0)


def test_payloads_in_data_stay_text_on_every_page(hostile_dashboard, page, watch):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PAGES:
        open_app(page, hostile_dashboard, path)
        expect(page.locator(EXCEPTION)).to_have_count(0)
        expect(page.get_by_text(t("errors.data_title"))).to_have_count(0)
        assert_no_rendered_markup(page)
    open_app(page, hostile_dashboard, "?city=440300")
    payload = page.get_by_test_id("stMain").get_by_text("<img src=x onerror=alert(1)>", exact=False)
    expect(payload.first).to_be_attached()
    assert dialogs == [], f"a payload ran: {dialogs}"
    watch.assert_clean()


def test_map_tooltip_shows_payloads_as_text(hostile_dashboard, page, watch):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    frames = record_frames(page)
    open_app(page, hostile_dashboard, "map")
    _, box = map_canvas(page)
    spec = deck_specs(frames)[-1]
    tooltip = hover_city(page, spec, box, "440200")  # Shaoguan: its name carries a payload in this data
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("img, script, a, strong")).to_have_count(0)
    text = tooltip.inner_text()
    assert any(marker in text for marker in ("<script>", "<img", "**bold**", "](http", ":red[", "$x^2$")), text
    assert dialogs == []
    watch.assert_clean()


HOSTILE_URLS = [
    "?cluster=%3Cscript%3Ealert(1)%3C%2Fscript%3E&city=440300",
    "tiers?city=999999&city=440100&tier=-1",
    "map?x=%21%5Bi%5D(http%3A%2F%2Fevil.example%2Fi.png)&region=..%2F..%2Fetc%2Fpasswd",
    "targets?category=%5Ba%5D(http%3A%2F%2Fevil.example)&lang=fr",
    "city?city=" + "9" * 3000,
]


@pytest.mark.parametrize("path", HOSTILE_URLS)
def test_hostile_links_are_announced_and_dropped(dashboard, page, watch, path):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, dashboard, path)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    notice = page.get_by_test_id("stAlertContentWarning").first
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Ignored the link's")
    assert_no_rendered_markup(page)
    assert "evil.example" not in page.url and "script" not in page.url
    assert dialogs == []
    watch.assert_clean()
