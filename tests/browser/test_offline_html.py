"""The offline map HTML export draws in Chromium with every request outside the file blocked."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from gdclusters import export
from tests.support.decks import sample_deck

pytestmark = pytest.mark.browser


def test_offline_map_html_draws_in_chromium_without_network(browser, tmp_path):
    html_file = tmp_path / "map.html"
    html_file.write_bytes(export.deck_html(sample_deck(), title="地图", lines=["来源：X (2023)"], lang="zh"))
    requests, blocked, errors = [], [], []
    context = browser.new_context(viewport={"width": 800, "height": 600})
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))

        def only_the_file(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_file)
        page.goto(html_file.as_uri())
        canvas = page.locator("#deck-container canvas").first
        page.wait_for_function(
            "() => { const c = document.querySelector('#deck-container canvas');"
            " return c && c.width > 0 && c.height > 0; }"
        )
        # deck.gl draws once its layers have loaded and no redraw is pending.
        page.wait_for_function(
            "() => typeof deckInstance !== 'undefined' && deckInstance.isInitialized"
            " && deckInstance.layerManager.getLayers().every(layer => layer.isLoaded)"
            " && !deckInstance.needsRedraw({clearRedrawFlags: false})"
        )
        shot = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    finally:
        context.close()
    colours = shot.getcolors(maxcolors=1 << 20)
    red = sum(count for count, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
    assert red > 0.02 * shot.width * shot.height, "no polygon drawn"
    assert len(colours) > 2, "the canvas is blank"
    assert errors == []
    assert blocked == [], f"requests left the file: {blocked}"
    assert requests == [html_file.as_uri()]
