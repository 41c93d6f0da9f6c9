"""Every page on a phone (390 x 844, touch, device scale 2), in English and Chinese: it reads without horizontal
scrolling, no chart or map is wider than the screen, and no headline figure is cut short.

A screenshot of each page is saved to tmp/phone/ (gitignored) before the checks, so a failure can be looked at.
"""

from __future__ import annotations

import pytest

from tests.support.browser import APP_IDLE
from tests.support.screens import (
    LANGUAGES,
    PAGE_DRAWN,
    PAGES,
    PHONE,
    ROOT,
    cut_figures,
    new_context,
    open_page,
    overflow_report,
    page_url,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "tmp" / "phone"


@pytest.fixture(scope="module")
def phone_page(browser):
    """One phone-sized page for the module (each test loads its own URL into it)."""
    context = new_context(browser, PHONE, phone=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_page_fits_a_phone(dashboard, phone_page, slug, lang):
    """No horizontal scrolling of the page or of its main block; every chart's right edge inside the screen."""
    open_page(phone_page, dashboard, slug, lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(SCREENSHOTS / f"{slug}-{lang}.png"), full_page=True)
    report = overflow_report(phone_page)
    width = report["inner_width"]
    assert width == PHONE["width"], f"the page was not laid out at phone width: {report}"
    assert report["document_scroll_width"] <= width, f"{slug} ({lang}) scrolls sideways: {report}"
    assert report["main_block_scroll_width"] <= width, f"{slug} ({lang}): the main block overflows: {report}"
    assert not report["wide_charts"], f"{slug} ({lang}): charts wider than the screen: {report['wide_charts']}"
    cut = cut_figures(phone_page)
    assert not cut, f"{slug} ({lang}): figures cut short: {cut}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_cluster_profile_with_its_charts_fits_a_phone(dashboard, phone_page, lang):
    """The cluster page's default draws no chart: a cluster's profile draws the host-city map and the faceted
    timeline, which cannot take its container's width (it was 609 px wide in Chinese, 804 px in English)."""
    phone_page.goto(page_url(dashboard, "cluster", lang) + ("&" if lang == "zh" else "?") + "cluster=semiconductors_ic")
    phone_page.wait_for_selector(APP_IDLE, state="attached", timeout=60_000)
    phone_page.wait_for_function(PAGE_DRAWN, timeout=60_000, polling=50)
    report = overflow_report(phone_page)
    assert report["document_scroll_width"] <= PHONE["width"], report
    assert report["main_block_scroll_width"] <= PHONE["width"], report
    assert not report["wide_charts"], report["wide_charts"]
