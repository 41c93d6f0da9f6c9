"""The font subsets in a real browser: every icon on the pages is drawn as one glyph, and the subsets are what
the pages load (serve/fonts.py).

An icon whose name the subset lacked would be drawn as its name in letters ("compare_arrows"), many times wider
than the icon; the check is that width against the icon's font size.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from serve import fonts
from tests.support.journeys import open_app
from tests.support.server import wait_for_font_subsets

pytestmark = pytest.mark.browser

ICON_FONT = fonts.find_font(fonts.streamlit_static_dir(), fonts.ICON_FONT_GLOB)
TEXT_FONT = fonts.find_font(fonts.streamlit_static_dir(), fonts.TEXT_FONT_GLOBS[0])
# Pages with the most icons: navigation, help marks, expanders, alerts with icons, page links.
PAGES = ["", "cluster?cluster=semiconductors_ic", "targets?lang=zh", "sources", "map"]
ICONS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.children.length === 0 && el.textContent.trim()
    && getComputedStyle(el).fontFamily.includes('Material Symbols'))
  .map(el => {
    // The text's own extent, not the element's: Streamlit sizes icon boxes and hides what overflows them.
    const range = document.createRange();
    range.selectNodeContents(el);
    return {text: el.textContent.trim(), width: range.getBoundingClientRect().width,
            size: parseFloat(getComputedStyle(el).fontSize)};
  })"""


def test_every_icon_on_the_pages_is_drawn_as_one_glyph_from_the_subset(page: Page, dashboard, watch):
    wait_for_font_subsets(dashboard)
    font_sizes: dict[str, int] = {}

    def on_response(response) -> None:
        if "/static/media/" in response.url and response.url.endswith(".woff2"):
            font_sizes[response.url.rsplit("/", 1)[-1]] = len(response.body())

    page.on("response", on_response)
    seen: set[str] = set()
    for path in PAGES:
        open_app(page, dashboard, path)
        page.evaluate("document.fonts.ready.then(() => true)")
        icons = page.evaluate(ICONS)
        assert icons, f"/{path}: no icon found (the check would pass vacuously)"
        wide = [icon for icon in icons if icon["width"] > 1.5 * icon["size"]]
        assert wide == [], f"/{path}: icons drawn as text (name missing from the subset): {wide}"
        seen.update(icon["text"] for icon in icons)
    # The navigation's icons and at least one of the pages' own were among those checked.
    assert {"home", "map"} <= seen and len(seen) >= 10
    assert ICON_FONT.name in font_sizes and font_sizes[ICON_FONT.name] < ICON_FONT.stat().st_size / 4
    assert TEXT_FONT.name in font_sizes and font_sizes[TEXT_FONT.name] < 0.7 * TEXT_FONT.stat().st_size
    watch.assert_clean()
