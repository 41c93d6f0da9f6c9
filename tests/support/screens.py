"""Open every dashboard page at a given window size and read what a reader would see: the same way for the phone
and accessibility browser tests and for `make screenshots` (tests/support/screenshots.py).

A page is ready when its first script run has finished and been painted, the app reports itself idle, and every
chart on screen has drawn (no loading skeleton left, a Vega chart its canvas or SVG, a deck.gl map a canvas sized
to its container).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.browser import APP_IDLE, INIT_SCRIPT, is_local, wait_for_rerun
from ui.frame import SECTIONS

ROOT = Path(__file__).resolve().parents[2]
# Every page of the navigation, in its order (ui.frame.SECTIONS: a new page is covered without editing this).
PAGES: tuple[str, ...] = tuple(slug for slugs in SECTIONS.values() for slug in slugs)
# The default page of the navigation (ui.frame: default=slug == "overview").
DEFAULT_PAGE = "overview"
LANGUAGES = ("en", "zh")
PHONE = {"width": 390, "height": 844}
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
DESKTOP = {"width": 1400, "height": 1000}
EXCEPTION = '[data-testid="stException"]'
DIALOG = '[role="dialog"]'

# True once no element is waiting for its code (Streamlit shows a skeleton while an element's chunk loads: charts,
# tables, download buttons) and every visible chart has drawn. A Vega chart draws into a canvas or an SVG inside
# the chart's element (which is also the .vega-embed); a deck.gl canvas starts at the browser's default 300 x 150
# and is resized once deck.gl has measured its container.
PAGE_DRAWN = """() => {
  if (document.querySelector('[data-testid="stSkeleton"]') !== null) return false;
  const visible = (el) => el.getClientRects().length > 0;
  const vega = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(visible);
  const decks = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].filter(visible);
  const vegaDrawn = vega.every((chart) => {
    const surface = chart.querySelector('canvas, svg');
    return surface !== null && surface.getBoundingClientRect().width > 0;
  });
  const decksDrawn = decks.every((chart) => {
    const canvas = chart.querySelector('canvas');
    return canvas !== null && canvas.width > 0 && !(canvas.width === 300 && canvas.height === 150);
  });
  return vegaDrawn && decksDrawn;
}"""

# What is wider than the window: the page itself, Streamlit's main block, and each chart surface. Boxes are read
# with getBoundingClientRect (what the reader sees), after scrolling the page back to its left edge.
OVERFLOW_REPORT = """() => {
  window.scrollTo(0, window.scrollY);
  const width = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const mainBlock = document.querySelector('[data-testid="stMainBlockContainer"]');
  const describe = (el) => {
    const testid = el.closest('[data-testid^="st"]');
    const heading = [...document.querySelectorAll('h1, h2, h3')]
      .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    return {
      element: (testid ? testid.dataset.testid : el.tagName) + ' > ' + el.tagName.toLowerCase(),
      text: el.tagName.toLowerCase() === 'text' ? el.textContent.slice(0, 80) : '',
      label: (el.closest('[aria-label]') || el).getAttribute('aria-label') || '',
      after_heading: heading ? heading.textContent.trim().slice(0, 80) : '',
      right: Math.round(el.getBoundingClientRect().right),
      width: Math.round(el.getBoundingClientRect().width),
    };
  };
  // A chart's extent: its canvas, or its SVG and the SVG's text (Vega titles and labels can run past the SVG).
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"]')]
    .filter((chart) => chart.getClientRects().length > 0);
  const widest = (chart) => [...chart.querySelectorAll('canvas, svg, svg text')]
    .reduce((best, el) => (el.getBoundingClientRect().right > best.getBoundingClientRect().right ? el : best));
  const surfaces = charts.filter((chart) => chart.querySelector('canvas, svg') !== null).map(widest);
  return {
    inner_width: width,
    document_scroll_width: document.scrollingElement.scrollWidth,
    main_scroll_width: main ? main.scrollWidth : null,
    main_block_scroll_width: mainBlock ? mainBlock.scrollWidth : null,
    main_block_client_width: mainBlock ? mainBlock.clientWidth : null,
    wide_charts: surfaces.filter((el) => el.getBoundingClientRect().right > width + 1).map(describe),
  };
}"""


def page_url(base: str, slug: str, lang: str) -> str:
    """A page's URL, in Chinese with ?lang=zh. The default page (Overview) lives at the site root: /overview is
    "Page not found" to Streamlit, which then draws the default page under a dialog."""
    path = "" if slug == DEFAULT_PAGE else slug
    return f"{base}/{path}" + ("?lang=zh" if lang == "zh" else "")


def new_context(browser: Browser, viewport: dict[str, int], *, phone: bool) -> BrowserContext:
    """A browser context at viewport size (a touch phone at device scale 2 when phone), external hosts blocked."""
    options: dict = {"viewport": viewport, "locale": "en-US"}
    if phone:
        # A phone's User-Agent too: the Map page fits its initial view to a phone by it (maps.view_width).
        options |= {"device_scale_factor": 2, "is_mobile": True, "has_touch": True, "user_agent": PHONE_USER_AGENT}
    context = browser.new_context(**options)
    context.add_init_script(INIT_SCRIPT)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    context.set_default_timeout(60_000)
    return context


def open_page(page: Page, base: str, slug: str, lang: str, timeout_ms: float = 60_000) -> None:
    """Load one page and wait until it is idle with every visible chart drawn; fail on Streamlit's exception box."""
    page.goto(page_url(base, slug, lang))
    wait_for_rerun(page, 0, timeout_ms)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=timeout_ms)
    page.wait_for_function(PAGE_DRAWN, timeout=timeout_ms, polling=50)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    # A dialog (Streamlit's "Page not found", for one) would hide the page from the reader and from axe.
    expect(page.locator(DIALOG)).to_have_count(0)


# Headline figures (st.metric) are drawn on one line and cut with an ellipsis when they do not fit: the cut text
# (a unit, a year, "(indicative)") is lost to every reader.
CUT_FIGURES = """() => Array.from(document.querySelectorAll(
    '[data-testid=stMetricValue], [data-testid=stMetricLabel], [data-testid=stMetricValue] *, [data-testid=stMetricLabel] *'
  )).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def cut_figures(page: Page) -> list[str]:
    """The texts of the page's headline figures (values and labels) that are drawn cut short."""
    return sorted(set(page.evaluate(CUT_FIGURES)))


def overflow_report(page: Page) -> dict:
    """How wide the page, its main block and its charts are against the window (see OVERFLOW_REPORT)."""
    return page.evaluate(OVERFLOW_REPORT)
