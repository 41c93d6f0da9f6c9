"""Every chart and map on every page has a text alternative (issue 15, item 5): a Vega-Lite chart carries a
`description` (vega-embed's ARIA label), a deck.gl map its `alt`, in the page's language.

The views cover each page's default and the views that draw more charts: a cluster's and a city's profile, the
Map page with a cluster (role map, legends) and as an atlas, the Growth targets page on one target.
"""

from __future__ import annotations

import re

import pytest

from gdclusters.i18n import t
from tests.support.apptest import assert_healthy, chart_specs, open_page

VIEWS = [
    ("overview", {}),
    ("map", {}),
    ("map", {"cluster": "semiconductors_ic"}),
    ("map", {"view": "atlas", "category": "emerging"}),
    ("matrix", {}),
    ("tiers", {}),
    ("targets", {}),
    ("city", {"city": "440300"}),
    ("cluster", {"cluster": "new_energy"}),
    ("cluster", {}),
    ("sources", {}),
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p}-{'&'.join(q)}" for p, q in VIEWS])
def test_every_chart_and_map_has_a_text_alternative_in_the_language(page, params, lang):
    at = open_page(page, params, lang=lang)
    assert_healthy(at, lang)
    specs = chart_specs(at)
    decks = at.get("deck_gl_json_chart")
    assert specs or decks or (page == "cluster" and not params), f"{page}: nothing drawn, the check would be vacuous"
    missing = [
        spec.get("title", spec.get("mark", "?")) for spec in specs if not str(spec.get("description", "")).strip()
    ]
    assert missing == [], f"{page} {params}: charts without a text alternative: {missing}"
    assert all(deck.proto.alt.strip() for deck in decks), f"{page}: a map without alt text"
    if lang == "zh":
        texts = [spec["description"] for spec in specs] + [deck.proto.alt for deck in decks]
        assert all(CJK.search(text) for text in texts), f"{page}: an English text alternative in Chinese: {texts}"


# A machine name: lower-case ASCII, digits and underscores (Markdown-escaped in st.table: 'row\\_kind').
RAW_HEADER = re.compile(r"^[a-z][a-z0-9]*(?:\\?_[a-z0-9]+)*$")
# Codes a twin must put in words (definitions, roles, period kinds, the trillion chart's rows and marks).
RAW_CELL = re.compile(r"^[a-z]+(?:\\?_[a-z]+)+$")
ZH_CODES = {"standard", "segment", "wider", "core", "base", "region", "none", "True", "False"}
TWIN_VIEWS = [
    ("overview", {}),
    ("tiers", {}),
    ("targets", {}),
    ("matrix", {}),
    ("cluster", {"cluster": "new_energy"}),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("page", "params"), TWIN_VIEWS, ids=[f"{p}-{'&'.join(q)}" for p, q in TWIN_VIEWS])
def test_table_twins_show_headers_and_codes_in_words(page, params, lang):
    """A chart's table twin names its columns in the page's language, drops ids, and puts coded cells in words;
    short twins are st.table, long ones st.dataframe: both are read."""
    at = open_page(page, params, lang=lang, expand=True)
    twins = [e for e in at.expander if e.label == t("a11y.table_twin", lang)]
    tables = [table.value for twin in twins for kind in ("table", "dataframe") for table in twin.get(kind)]
    assert tables, f"{page}: no table twin drawn"
    for frame in tables:
        headers = [str(c) for c in frame.columns]
        assert not [h for h in headers if RAW_HEADER.match(h)], f"{page}: internal headers {headers}"
        if lang == "zh":
            assert all(CJK.search(h) for h in headers), f"{page}: English headers in Chinese: {headers}"
        cells = {str(v) for v in frame.to_numpy().ravel()}
        assert not {c for c in cells if RAW_CELL.match(c)}, f"{page}: codes in cells"
        if lang == "zh":
            assert not cells & ZH_CODES, f"{page}: English codes in Chinese cells: {cells & ZH_CODES}"
