"""`make screenshots`: start the dashboard, open every page in English at desktop (1400 x 1000) and phone (390 x 844)
widths, and write docs/screenshots/<page>-desktop.png and <page>-phone.png (the README's "Screenshots" section).

Streamlit scrolls its main area inside the window, so a "full page" is taken by making the window as tall as the
page (capped: MAX_HEIGHT) and waiting for the page to be drawn again. The PNGs are reduced to a palette and
optimised with Pillow to stay small; the total size is printed.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from tests.support.browser import chromium_available, launch_chromium
from tests.support.screens import DESKTOP, PAGE_DRAWN, PAGES, PHONE, ROOT, new_context, open_page
from tests.support.server import Server

OUTPUT = ROOT / "docs" / "screenshots"
# Tallest screenshot per width, in CSS pixels: the first screens of a page, not every table below them.
MAX_HEIGHT = {"desktop": 2400, "phone": 2600}
# Phone screenshots are taken at device scale 2 and halved: enough to read, a quarter of the bytes.
WIDTHS = {"desktop": (DESKTOP, False), "phone": (PHONE, True)}
COLOURS = 128
SCROLL_HEIGHT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(main ? main.scrollHeight : 0, document.scrollingElement.scrollHeight);
}"""


def shrink(png: bytes, width: int) -> bytes:
    """The screenshot at width CSS pixels, reduced to a palette and optimised."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width != width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    quantised = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def capture(browser, base: str, size: str) -> dict[str, bytes]:
    """Every page at one width: page slug -> PNG bytes."""
    viewport, phone = WIDTHS[size]
    context = new_context(browser, viewport, phone=phone)
    page = context.new_page()
    shots = {}
    for slug in PAGES:
        page.set_viewport_size(viewport)
        open_page(page, base, slug, "en")
        height = min(MAX_HEIGHT[size], max(viewport["height"], page.evaluate(SCROLL_HEIGHT)))
        page.set_viewport_size({"width": viewport["width"], "height": height})
        # The taller window makes charts and maps resize: wait until they have drawn again.
        page.wait_for_function(PAGE_DRAWN, timeout=60_000, polling=50)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        shots[slug] = shrink(page.screenshot(), viewport["width"])
        print(f"{slug}-{size}: {len(shots[slug]) / 1024:.0f} KiB", flush=True)
    context.close()
    return shots


def main() -> int:
    """Write the screenshots; return the exit status."""
    if not chromium_available():
        print("Chromium not found (apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 1
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        server = Server("dashboard.py", Path(scratch) / "streamlit.log").start()
        try:
            server.wait_ready(timeout=90)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for size in WIDTHS:
                    for slug, png in capture(browser, server.url, size).items():
                        (OUTPUT / f"{slug}-{size}.png").write_bytes(png)
                browser.close()
        finally:
            server.stop()
    total = sum(path.stat().st_size for path in OUTPUT.glob("*.png"))
    print(f"{len(PAGES) * len(WIDTHS)} screenshots in {OUTPUT.relative_to(ROOT)}: {total / 1024 / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
