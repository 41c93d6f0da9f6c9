"""What a visitor does, in a real Chromium against the real server: map, filters, shared links, page switches,
a click through to a city, downloads and the Chinese interface.

Each journey waits on conditions (Playwright's auto-waiting expect, or the websocket probe's "run finished"),
never on time, and ends with watch.assert_clean(): no exception box, no console error from the app, no request
to a host other than loopback (those are also aborted).
"""

from __future__ import annotations

import csv
import io
import re
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from gdclusters import maps
from gdclusters.i18n import t
from tests.support.browser import deck_specs, finished_count, wait_for_rerun
from tests.support.journeys import (
    EXCEPTION,
    ROOT,
    hover_city,
    map_canvas,
    open_app,
    pixel_of,
    record_frames,
)

pytestmark = pytest.mark.browser

SHARED_QUERY = {"cluster": ["semiconductors_ic"], "city": ["440300"]}
# Large cities far apart (north, west, east, centre), so a pixel well inside each is robust to small offsets.
PROBE_CITIES = ["440200", "440800", "441400", "441800"]


def names(file_name: str, key: str, lang: str = "en") -> dict[str, str]:
    """id -> display name from a data file (cities.csv by adcode, clusters.csv by cluster_id)."""
    with (ROOT / "data" / file_name).open(encoding="utf-8") as handle:
        return {row[key]: row["name_zh" if lang == "zh" else "name_en"] for row in csv.DictReader(handle)}


CITY = names("cities.csv", "adcode")
CITY_ZH = names("cities.csv", "adcode", "zh")
CLUSTER = names("clusters.csv", "cluster_id")


def sidebar_multiselect(page: Page, label: str) -> Locator:
    """The sidebar multiselect whose label reads label."""
    label_locator = page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has=label_locator)


def selected_tag(multiselect: Locator, option: str) -> Locator:
    """The tag a multiselect shows for a selected option."""
    return multiselect.locator(f'[data-tag][aria-label="{option}"]')


def pick(page: Page, label: str, option: str) -> None:
    """Add option to a sidebar multiselect and wait for the rerun it triggers."""
    multiselect = sidebar_multiselect(page, label)
    before = finished_count(page)
    # Type first: the option list is virtualised, so options far down the list are not in the DOM yet.
    multiselect.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    expect(selected_tag(multiselect, option)).to_be_visible()
    wait_for_rerun(page, before)


def query(page: Page) -> dict[str, list[str]]:
    """The current URL's query parameters."""
    return parse_qs(urlsplit(page.url).query)


def charts_fingerprint(page: Page) -> list:
    """What the main area's charts and tables show: marks per Vega chart and rows per table."""
    main = page.get_by_test_id("stMain")
    marks = [
        chart.locator('[role="graphics-symbol"], .mark-rect path, .mark-symbol path, .mark-text text').count()
        for chart in main.get_by_test_id("stVegaLiteChart").all()
    ]
    rows = [
        grid.get_attribute("aria-rowcount") for grid in main.locator('[data-testid="stDataFrame"] [role="grid"]').all()
    ]
    return [marks, rows]


def navigate(page: Page, page_key: str, lang: str = "en") -> None:
    """Click a page's link in the sidebar navigation and wait for it to be drawn."""
    before = finished_count(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=re.compile(re.escape(t(page_key, lang)))).click()
    wait_for_rerun(page, before)
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=t(page_key, lang), level=1)).to_be_visible()


FOCUSED_LINK = """() => {
    const el = document.activeElement;
    if (!el || el.tagName !== "A") return null;
    const style = getComputedStyle(el);
    return {testid: el.getAttribute("data-testid") || "", width: parseFloat(style.outlineWidth),
            style: style.outlineStyle};
}"""


def test_a_page_link_reached_with_tab_shows_a_focus_ring(dashboard, page, watch):
    # Streamlit marks a focused page link only by a faint background (about 1.1:1 on white): WCAG 2.4.7.
    page.goto(dashboard)
    expect(page.get_by_test_id("stMain").get_by_role("heading", level=1)).to_be_visible()
    page.get_by_test_id("stMain").get_by_role("heading", level=1).click()  # start from the page, not the URL bar
    seen: dict[str, dict] = {}
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_LINK)
        if focused and focused["testid"] in ("stSidebarNavLink", "stPageLink-NavLink"):
            seen.setdefault(focused["testid"], focused)
        if len(seen) == 2:
            break
    assert set(seen) == {"stSidebarNavLink", "stPageLink-NavLink"}, seen
    for focused in seen.values():
        assert focused["style"] != "none" and focused["width"] >= 2, focused


def test_map_page_draws_the_choropleth(dashboard, page, watch):
    """The Map page draws the cities in their own fill colours (read back from the canvas), no exception box."""
    frames = record_frames(page)
    open_app(page, dashboard, "map")
    expect(page.get_by_role("heading", name=t("pages.map"), level=1)).to_be_visible()
    canvas, box = map_canvas(page)
    spec = deck_specs(frames)[-1]
    fills = {f["properties"]["adcode"]: f["properties"]["fill"] for f in city_layer(spec)["data"]}
    points = {adcode: pixel_of(spec, box, adcode) for adcode in PROBE_CITIES}
    page.mouse.move(0, 0)  # no hover highlight while reading colours
    # WebGL draws a few frames after the element exists; read until the cities show their fills.
    deadline = time.monotonic() + 20
    while True:
        image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
        drawn = {adcode: image.getpixel((round(x), round(y))) for adcode, (x, y) in points.items()}
        wrong = {
            adcode: (drawn[adcode], fills[adcode][:3])
            for adcode in PROBE_CITIES
            if not close_colour(drawn[adcode], fills[adcode])
        }
        if not wrong or time.monotonic() > deadline:
            break
    assert not wrong, f"cities not drawn in their fill colour (drawn, expected): {wrong}"
    colours = image.getcolors(maxcolors=4096)
    assert colours is None or len(colours) >= 3, "the map canvas is (nearly) blank"
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def city_layer(spec: dict) -> dict:
    """The GeoJsonLayer of the 21 cities in a deck spec."""
    return next(
        layer
        for layer in spec["layers"]
        if layer.get("@@type") == "GeoJsonLayer"
        and any("adcode" in f.get("properties", {}) for f in layer.get("data") or [])
    )


def close_colour(drawn: tuple, fill: list, tolerance: int = 12) -> bool:
    """Whether a drawn pixel matches an RGBA fill (alpha-blended over the map's light background)."""
    alpha = (fill[3] if len(fill) > 3 else 255) / 255
    background = (244, 246, 248)
    expected = [alpha * f + (1 - alpha) * b for f, b in zip(fill[:3], background, strict=True)]
    return all(abs(d - e) <= tolerance for d, e in zip(drawn, expected, strict=True))


def overview_map_fills(page: Page) -> list[str]:
    """The fill of each city shape on the Overview's Vega map, once all 21 are drawn."""
    shapes = page.get_by_test_id("stMain").locator('.mark-shape path[aria-roledescription="geoshape"]')
    expect(shapes).to_have_count(21)
    return [shape.get_attribute("fill") for shape in shapes.all()]


def test_overview_map_draws_every_city_from_the_fetched_shapes(dashboard, page, watch):
    """The landing map fetches the display shapes (HTTP 200), colours all 21 cities, and follows a city filter."""
    with page.expect_response(lambda response: response.url.endswith(maps.DISPLAY_SHAPES_URL)) as shapes_response:
        open_app(page, dashboard)
    assert shapes_response.value.status == 200
    assert "json" in shapes_response.value.headers.get("content-type", ""), "static serving is off: got the app page"
    fills = overview_map_fills(page)
    palette = {colour.lower() for colour in (*maps.COUNT_PALETTE, maps.NONE_COLOUR)}
    assert {fill.lower() for fill in fills} <= palette and len(set(fills)) >= 3, fills
    pick(page, t("filters.cities"), CITY["440300"])
    expect(page.get_by_test_id("stMain").locator(f'.mark-shape path[fill="{maps.OUTSIDE_COLOUR}" i]')).to_have_count(20)
    filtered = overview_map_fills(page)
    assert sum(fill.lower() == maps.OUTSIDE_COLOUR for fill in filtered) == 20
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def test_filtering_by_city_and_cluster_changes_the_charts(dashboard, page, watch):
    """Picking a city, then a cluster, in the sidebar changes what the Revenue tiers charts and tables show."""
    open_app(page, dashboard, "tiers")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    unfiltered = charts_fingerprint(page)
    pick(page, t("filters.cities"), CITY["440300"])
    assert query(page).get("city") == ["440300"]
    by_city = charts_fingerprint(page)
    pick(page, t("filters.clusters"), CLUSTER["semiconductors_ic"])
    assert query(page).get("cluster") == ["semiconductors_ic"]
    by_city_and_cluster = charts_fingerprint(page)
    assert by_city_and_cluster != unfiltered, "filters did not change the charts"
    assert by_city_and_cluster != by_city, "the cluster filter did not change the charts"
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def test_shared_link_reproduces_the_view(dashboard, page, watch):
    """A link with ?cluster=…&city=… opens with those filters selected and kept in the URL, without notices."""
    open_app(page, dashboard, "tiers?cluster=semiconductors_ic&city=440300")
    expect(selected_tag(sidebar_multiselect(page, t("filters.clusters")), CLUSTER["semiconductors_ic"])).to_be_visible()
    expect(selected_tag(sidebar_multiselect(page, t("filters.cities")), CITY["440300"])).to_be_visible()
    assert query(page) == SHARED_QUERY
    assert urlsplit(page.url).path == "/tiers"
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def test_switching_pages_keeps_the_filters(dashboard, page, watch):
    """Following a nav link keeps the filters in the widgets and in the URL."""
    open_app(page, dashboard, "?cluster=semiconductors_ic&city=440300")
    for page_key, path in [("pages.tiers", "/tiers"), ("pages.targets", "/targets"), ("pages.overview", "/")]:
        navigate(page, page_key)
        assert urlsplit(page.url).path == path
        assert query(page) == SHARED_QUERY, f"filters lost on {path}"
        expect(
            selected_tag(sidebar_multiselect(page, t("filters.clusters")), CLUSTER["semiconductors_ic"])
        ).to_be_visible()
        expect(selected_tag(sidebar_multiselect(page, t("filters.cities")), CITY["440300"])).to_be_visible()
        expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def test_deep_link_on_a_fresh_server(fresh_dashboard, page, watch):
    """The first visit after a server start may be a shared link to a page other than the landing page."""
    open_app(page, fresh_dashboard, "tiers?cluster=semiconductors_ic&city=440300")
    expect(page.get_by_role("heading", name=t("pages.tiers"), level=1)).to_be_visible()
    expect(selected_tag(sidebar_multiselect(page, t("filters.clusters")), CLUSTER["semiconductors_ic"])).to_be_visible()
    assert query(page) == SHARED_QUERY
    watch.assert_clean()


# deck.gl's gesture recogniser (mjolnir.js) makes a click of a press only if the page handles its release within
# 250 ms of handling the press.
TAP_LIMIT_MS = 250
# True once the GPU has run every command the map's WebGL context had been given when the wait began: a fence,
# polled once per animation frame (its status only changes between tasks). Reads no pixels, so the wait does not
# block the page itself.
MAP_DRAWN = """canvas => {
  const gl = canvas.getContext('webgl2');
  if (!gl) throw new Error('the map canvas has no WebGL2 context');
  if (!canvas.__gdcFence) {
    canvas.__gdcFence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    return false;
  }
  if (gl.getSyncParameter(canvas.__gdcFence, gl.SYNC_STATUS) !== gl.SIGNALED) return false;
  gl.deleteSync(canvas.__gdcFence);
  canvas.__gdcFence = null;
  return true;
}"""
# When the page handles each pointer release (the websocket probe records each press in probe.clicks).
RECORD_RELEASES = """() => { const probe = window.__gdcProbe; probe.releases = [];
  document.addEventListener('pointerup', () => probe.releases.push(performance.now()), true); }"""


def wait_for_map_drawn(page: Page, canvas: Locator) -> None:
    """Wait until the GPU has finished drawing every frame the map has asked for (such as a hover highlight).

    Under SwiftShader one frame of this map costs about a second of GPU time. A press makes deck.gl pick, and
    that read-back waits for the frame in progress; the page handles the release only afterwards.
    """
    page.wait_for_function(MAP_DRAWN, arg=canvas.element_handle(), polling="raf")


def click_city(page: Page, canvas: Locator, adcode: str) -> None:
    """Click the city under the pointer (hover_city put it there) once; wait for the run its selection starts.

    Waits for the map to be drawn first, then presses and releases without moving: a move, even to the same
    spot, makes deck.gl pick and redraw the hover highlight on the next frame, and that second of GPU work can
    fall between the press and the release, which deck.gl then takes for a long press, not a click.
    """
    wait_for_map_drawn(page, canvas)
    page.evaluate(RECORD_RELEASES)
    before = finished_count(page)
    page.mouse.down()
    page.mouse.up()
    try:
        wait_for_rerun(page, before, timeout_ms=30_000)
    except PlaywrightTimeoutError:
        held = page.evaluate("() => window.__gdcProbe.releases[0] - window.__gdcProbe.clicks.at(-1)")
        why = (
            f"deck.gl ignores presses longer than {TAP_LIMIT_MS} ms"
            if held > TAP_LIMIT_MS
            else "short enough for deck.gl to make it a click"
        )
        raise AssertionError(
            f"a click on {adcode} never reached the server (the page handled the release "
            f"{held:.0f} ms after the press: {why})"
        ) from None


def test_clicking_a_city_on_the_map_opens_its_profile(dashboard, page, watch):
    """Hovering Shaoguan shows its tooltip; clicking it opens the City profile filtered to Shaoguan."""
    frames = record_frames(page)
    open_app(page, dashboard, "map")
    canvas, box = map_canvas(page)
    spec = deck_specs(frames)[-1]
    expect(hover_city(page, spec, box, "440200")).to_contain_text(CITY["440200"])
    click_city(page, canvas, "440200")
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=t("pages.city"), level=1)).to_be_visible()
    page.wait_for_url(re.compile(r"/city\?"))
    assert query(page).get("city") == ["440200"]
    expect(selected_tag(sidebar_multiselect(page, t("filters.cities")), CITY["440200"])).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_text(CITY["440200"]).first).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def download(page: Page, popover: Locator, label: str):
    """Open a download popover, click one of its buttons and return the saved file's bytes and name."""
    popover.click()
    button = page.get_by_test_id("stPopoverBody").get_by_role("button", name=re.compile(re.escape(label)))
    with page.expect_download(timeout=60_000) as info:
        button.click()
    saved = info.value
    data = Path(saved.path()).read_bytes()
    page.keyboard.press("Escape")
    return data, saved.suggested_filename


def test_downloads_from_the_map_page(dashboard, page, watch):
    """The map's download menu gives a PNG, an SVG, a CSV with its citation and an HTML map that works offline."""
    open_app(page, dashboard, "map?cluster=semiconductors_ic")
    map_canvas(page)
    popover = page.get_by_test_id("stMain").get_by_test_id("stPopover").first.get_by_role("button")

    png, png_name = download(page, popover, t("export.png"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png_name.endswith(".png")
    assert Image.open(io.BytesIO(png)).size[0] >= 400

    svg, svg_name = download(page, popover, t("export.svg"))
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and svg_name.endswith(".svg")
    assert "semiconductors" in svg_name

    table, csv_name = download(page, popover, t("export.csv"))
    text = table.decode("utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip()]
    assert csv_name.endswith(".csv") and len(lines) >= 3
    assert lines[0].count(",") >= 1, "no header row"
    assert lines[-1].startswith("#"), "no citation line at the end"

    html, html_name = download(page, popover, t("export.html"))
    markup = html.decode("utf-8")
    assert html_name.endswith(".html") and "<html" in markup.lower()
    external_scripts = re.findall(r"<script[^>]+src=[\"']?(?:https?:)?//[^\"' >]+", markup, re.IGNORECASE)
    assert not external_scripts, f"the offline map loads scripts from the network: {external_scripts}"
    assert CITY["440300"] in markup or CITY_ZH["440300"] in markup
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_interface(dashboard, page, watch):
    """The sidebar language switch turns chart text and the map tooltip into Chinese and keeps lang=zh in the URL."""
    frames = record_frames(page)
    open_app(page, dashboard, "tiers")
    chart_text = page.get_by_test_id("stVegaLiteChart").first.locator(".role-title-text text, .role-axis-title text")
    expect(chart_text.first).to_be_visible()
    english = chart_text.all_text_contents()
    before = finished_count(page)
    page.get_by_test_id("stSidebar").get_by_role("radio", name="简体中文").click()
    wait_for_rerun(page, before)
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=t("pages.tiers", "zh"), level=1)).to_be_visible()
    assert query(page).get("lang") == ["zh"]
    expect(chart_text.first).to_have_text(CJK)
    chinese = chart_text.all_text_contents()
    assert chinese != english and all(CJK.search(text) for text in chinese), chinese

    frames.clear()
    navigate(page, "pages.map", "zh")
    assert query(page).get("lang") == ["zh"], "the language was lost on the page switch"
    _, box = map_canvas(page)
    spec = deck_specs(frames)[-1]
    expect(hover_city(page, spec, box, "440200")).to_contain_text(CITY_ZH["440200"])
    expect(page.locator(".deck-tooltip")).to_have_text(CJK)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    watch.assert_clean()


def test_an_open_lazy_expander_stays_open_across_the_language_switch_and_every_click_counts(dashboard, page, watch):
    """The Overview's quotes (a lazy expander): opened, they stay open when the language changes its label, and each
    later click closes or opens them (a click after a toggle was once lost: the expander's id changed under it)."""
    open_app(page, dashboard)
    main = page.get_by_test_id("stMain")

    def toggle(lang: str) -> None:
        before = finished_count(page)
        main.locator("summary", has_text=t("overview.trillion_quotes", lang)).click()
        wait_for_rerun(page, before)

    quotes_en = main.get_by_text(t("overview.trillion_quotes_joined", "en"))
    expect(quotes_en).to_have_count(0)
    toggle("en")
    expect(quotes_en).to_be_visible()
    before = finished_count(page)
    page.get_by_test_id("stSidebar").get_by_role("radio", name="简体中文").click()
    wait_for_rerun(page, before)
    expect(main.get_by_role("heading", name=t("pages.overview", "zh"), level=1)).to_be_visible()
    quotes_zh = main.get_by_text(t("overview.trillion_quotes_joined", "zh"))
    expect(quotes_zh).to_be_visible()
    for shown in (False, True, False):
        toggle("zh")
        if shown:
            expect(quotes_zh).to_be_visible()
        else:
            expect(quotes_zh).to_have_count(0)
    watch.assert_clean()
