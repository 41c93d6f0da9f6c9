"""serve/fonts.py: the icon and text font subsets (what they keep and drop), their cache, and the middleware.

The subsets are made from the installed Streamlit's own fonts, once per module (about 20 s of CPU for three);
requests are ASGI calls to the middleware around a small Starlette app that serves a font as Streamlit does
(immutable, with an ETag).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from serve import fonts
from serve.fonts import FontSubset, FontSubsetMiddleware, Plan, font_subset_middleware
from tests.support.asgi import request

STATIC = fonts.streamlit_static_dir()
ROOT = Path(__file__).resolve().parents[2]


def plan_for(pattern: str) -> Plan:
    return next(plan for plan in fonts.plans(STATIC) if plan.font_path.match(pattern))


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("font-cache")


@pytest.fixture(scope="module")
def icon_subset(cache) -> FontSubset:
    font = FontSubset(plan_for(fonts.ICON_FONT_GLOB), cache=cache)
    font.prepare()
    assert font.subset is not None
    return font


@pytest.fixture(scope="module")
def text_subset(cache) -> FontSubset:
    font = FontSubset(plan_for(fonts.TEXT_FONT_GLOBS[0]), cache=cache)
    font.prepare()
    assert font.subset is not None
    return font


def parsed(body: bytes) -> TTFont:
    return TTFont(io.BytesIO(body))


def test_every_icon_written_in_the_code_is_planned_and_drawn(icon_subset):
    in_code = fonts.names_in_code(ROOT)
    # The pages' own icons are found (compare_arrows: the Cluster profile's disagreement notes).
    assert "compare_arrows" in in_code
    assert in_code <= icon_subset.plan.icons
    # Every name in the code is a real icon, but for gdclusters/text.py's comment naming the syntax.
    original = set(fonts.ligatures(parsed(icon_subset.plan.font_path.read_bytes())))
    assert in_code - original == {"x"}
    drawn = set(fonts.ligatures(parsed(icon_subset.subset.body)))
    assert in_code & original <= drawn
    # The front end's own icons: sidebar collapse, expanders, selects, alerts.
    assert {"keyboard_double_arrow_left", "expand_more", "keyboard_arrow_down", "error", "check"} <= drawn


def test_the_icon_subset_drops_the_icons_nothing_asks_for(icon_subset):
    glyph_of = fonts.ligatures(parsed(icon_subset.plan.font_path.read_bytes()))
    drawn = set(fonts.ligatures(parsed(icon_subset.subset.body)))
    assert len(glyph_of) > 4000
    assert set(icon_subset.subset.icons) <= drawn
    assert len(drawn) < len(glyph_of) / 4
    # Names nothing asks for are gone, unless they are another spelling of a kept icon (same glyph).
    kept_glyphs = {glyph_of[name] for name in icon_subset.subset.icons}
    unused = {name for name in glyph_of if name not in icon_subset.plan.icons and glyph_of[name] not in kept_glyphs}
    assert len(unused) > 3000 and not unused & drawn
    assert {glyph_of[name] for name in drawn} == kept_glyphs
    assert len(icon_subset.subset.body) < icon_subset.plan.font_path.stat().st_size / 4


def test_the_icon_subset_keeps_the_letters_the_ligatures_are_spelt_with(icon_subset):
    cmap = parsed(icon_subset.subset.body).getBestCmap()
    assert {ord(c) for c in fonts.LIGATURE_LETTERS} <= set(cmap)


def test_the_text_subset_keeps_latin_pinyin_and_symbols_and_drops_other_scripts(text_subset):
    original = parsed(text_subset.plan.font_path.read_bytes()).getBestCmap()
    kept = parsed(text_subset.subset.body).getBestCmap()
    for char in "Az09é ǎǚ–—…→≤×·%€":
        assert ord(char) in kept, char
    for char in "ЖжΩλ":  # Cyrillic and Greek letters the original has
        assert ord(char) in original and ord(char) not in kept, char
    assert len(text_subset.subset.body) < 0.7 * text_subset.plan.font_path.stat().st_size
    # Still a variable font: the weight axis the stylesheet's font-weight values use.
    assert [axis.axisTag for axis in parsed(text_subset.subset.body)["fvar"].axes] == ["wght"]


def test_a_later_start_reads_the_subset_from_the_cache(icon_subset, cache, monkeypatch):
    def refuse(*_args):
        raise AssertionError("made again instead of read from the cache")

    monkeypatch.setattr(fonts, "make_subset", refuse)
    again = FontSubset(icon_subset.plan, cache=cache)
    again.prepare()
    assert again.subset == icon_subset.subset


def test_a_changed_icon_set_is_not_read_from_an_old_cache_entry(icon_subset, cache, monkeypatch):
    made: list[Plan] = []

    def record(font_bytes, plan):
        made.append(plan)
        return b"subset", frozenset()

    monkeypatch.setattr(fonts, "make_subset", record)
    plan = Plan(icon_subset.plan.font_path, icons=icon_subset.plan.icons | {"rocket_launch"})
    changed = FontSubset(plan, cache=cache)
    changed.prepare()
    assert made == [plan]
    assert changed.subset.etag != icon_subset.subset.etag


def test_an_unwritable_cache_still_gives_a_subset(tmp_path, caplog, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(fonts, "make_subset", lambda font_bytes, plan: (b"subset", frozenset()))
    font = FontSubset(plan_for(fonts.ICON_FONT_GLOB), cache=blocked / "cache")
    with caplog.at_level(logging.WARNING):
        font.prepare()
    assert font.subset is not None and font.subset.body == b"subset"
    assert "cannot keep the subset" in caplog.text


def test_a_failed_subset_serves_the_original_and_says_why(caplog, monkeypatch):
    def broken(*_args):
        raise ValueError("bad font")

    monkeypatch.setattr(fonts, "make_subset", broken)
    font = FontSubset(plan_for(fonts.ICON_FONT_GLOB), cache=None)
    with caplog.at_level(logging.ERROR):
        font.prepare()
    assert font.wait(0) is False and font.subset is None
    assert "serving the whole font" in caplog.text


# The middleware ------------------------------------------------------------------------------------------------

ORIGINAL = b"the whole font" * 100
STREAMLIT_HEADERS = {"Cache-Control": "public, immutable, max-age=31536000", "ETag": '"original"'}


def font_app(font: FontSubset):
    """The middleware around a stand-in for Streamlit's static route (the font and one other asset)."""

    def asset(request):
        return Response(ORIGINAL, media_type="font/woff2", headers=STREAMLIT_HEADERS)

    inner = Starlette(
        routes=[
            Route(f"/static/media/{font.name}", asset, methods=["GET", "HEAD", "POST"]),
            Route("/static/media/Other.woff2", asset),
        ]
    )
    return FontSubsetMiddleware(inner, fonts=[font])


def fake_font(tmp_path: Path, body: bytes | None) -> FontSubset:
    path = tmp_path / "MaterialSymbols-Rounded.abc123.woff2"
    path.write_bytes(ORIGINAL)
    font = FontSubset(Plan(path, icons=frozenset({"check"})), cache=None)
    if body is not None:
        font.subset = fonts.Subset(body=body, etag='"subset-1"', icons=frozenset({"check"}))
    return font


def test_the_subset_is_served_at_the_fonts_own_url_with_an_etag(tmp_path):
    app = font_app(fake_font(tmp_path, b"SUBSET"))
    reply = request(app, "/static/media/MaterialSymbols-Rounded.abc123.woff2")
    assert (reply.status, reply.body) == (200, b"SUBSET")
    assert reply.headers["content-type"] == "font/woff2"
    assert reply.headers["content-length"] == "6"
    assert reply.headers["etag"] == '"subset-1"'
    # Not Streamlit's immutable year: the subset changes when an icon is added, at the same URL.
    assert reply.headers["cache-control"] == "no-cache"


def test_the_subset_answers_revalidation_and_head(tmp_path):
    app = font_app(fake_font(tmp_path, b"SUBSET"))
    url = "/static/media/MaterialSymbols-Rounded.abc123.woff2"
    assert request(app, url, headers={"If-None-Match": 'W/"x", "subset-1"'}).status == 304
    # A browser holding the original (or an older subset) gets the current subset.
    assert request(app, url, headers={"If-None-Match": '"original"'}).body == b"SUBSET"
    head = request(app, url, method="HEAD")
    assert (head.status, head.body, head.headers["content-length"]) == (200, b"", "6")


def test_before_the_subset_is_ready_the_original_is_served_without_immutable_caching(tmp_path):
    app = font_app(fake_font(tmp_path, None))
    reply = request(app, "/static/media/MaterialSymbols-Rounded.abc123.woff2")
    assert (reply.status, reply.body) == (200, ORIGINAL)
    assert reply.headers.getlist("cache-control") == ["no-cache"]
    assert reply.headers["etag"] == '"original"'


def test_other_requests_pass_untouched(tmp_path):
    app = font_app(fake_font(tmp_path, b"SUBSET"))
    other = request(app, "/static/media/Other.woff2")
    assert other.body == ORIGINAL and other.headers["cache-control"] == STREAMLIT_HEADERS["Cache-Control"]
    posted = request(app, "/static/media/MaterialSymbols-Rounded.abc123.woff2", method="POST")
    assert posted.body == ORIGINAL
    # Under a base URL path the font's URL is still recognised.
    font = fake_font(tmp_path, b"SUBSET")
    assert FontSubsetMiddleware(None, fonts=[font])._font("/dash/static/media/" + font.name) is font
    assert FontSubsetMiddleware(None, fonts=[font])._font("/static/js/" + font.name) is None


def test_the_switch_leaves_the_fonts_alone(monkeypatch):
    monkeypatch.setenv(fonts.DISABLE_VARIABLE, "off")
    assert font_subset_middleware() == []
