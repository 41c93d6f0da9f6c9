"""The Chinese interface shows no working text in Latin script: every page, a few filter combinations.

Two checks per page (tests/support/script_scan.py): no English working text of the data (a role or base detail,
a description, a region basis, a plan name, a note: the English column of every *_zh twin) is on screen, and no
English phrase is left once names, ids, URLs, units, numbers and quotes in their source language are set aside.
test_the_scan_sees_a_working_text_left_in_english proves the first check fails when a column goes back to English.
"""

from __future__ import annotations

import pytest
import streamlit as st

from gdclusters import i18n
from gdclusters.dataset import load_dataset
from gdclusters.validation.rules import CJK_PATTERN
from tests.support.apptest import assert_healthy, open_page
from tests.support.script_scan import (
    allowed_latin,
    english_working_texts,
    english_working_texts_shown,
    latin_phrases,
    shown_strings,
)

# (page, URL parameters, layers to switch on): each page by default, and the selections that put the most working
# texts on screen (cities' role details, the 2016-2020 bases, plan names, notes of figures and sources).
VIEWS = [
    ("overview", {}, ()),
    ("map", {"cluster": ["green_petrochemicals", "electronic_information", "new_energy"]}, ("map_plan_bases",)),
    ("map", {"cluster": ["smart_robots"], "region": ["pearl_river_delta"]}, ("map_city_figures", "map_regions")),
    ("matrix", {}, ()),
    ("tiers", {}, ()),
    ("tiers", {"category": ["emerging"]}, ()),
    ("targets", {}, ()),
    ("targets", {"cluster": ["automobiles"], "city": ["440100"]}, ()),
    ("city", {"city": ["440300"]}, ()),
    ("city", {"city": ["440800"], "cluster": ["green_petrochemicals"]}, ()),
    ("cluster", {}, ()),
    ("cluster", {"cluster": ["green_petrochemicals"]}, ()),
    ("cluster", {"cluster": ["electronic_information"]}, ()),
    ("sources", {}, ()),
]


@pytest.fixture(scope="module")
def vocabulary():
    ds = load_dataset()
    return english_working_texts(ds), allowed_latin(ds)


def render(page: str, params: dict, layers: tuple[str, ...]):
    # Every lazy expander open: their tables are part of the screen a reader sees.
    at = open_page(page, params, lang="zh", expand=True)
    for key in layers:
        at.checkbox(key=key).check().run()
    assert_healthy(at, "zh")
    return at


@pytest.mark.parametrize(("page", "params", "layers"), VIEWS, ids=[f"{v[0]}-{i}" for i, v in enumerate(VIEWS)])
def test_chinese_pages_show_working_texts_in_chinese(page, params, layers, vocabulary):
    english, allowed = vocabulary
    at = render(page, params, layers)
    left_in_english = english_working_texts_shown(at, english, allowed)
    assert not left_in_english, "\n".join(f"{s.where}: {s.text}" for s in left_in_english[:20])
    phrases = latin_phrases(at, allowed)
    assert not phrases, "\n".join(f"{s.where}: {s.text[:160]}" for s in phrases[:20])
    assert any(CJK_PATTERN.search(shown.text) for shown in shown_strings(at)), "the scan read the page's Chinese text"


def test_the_scan_sees_a_working_text_left_in_english(monkeypatch, vocabulary):
    english, allowed = vocabulary
    at = render("city", {"city": ["440800"]}, ())
    assert not english_working_texts_shown(at, english, allowed)
    original = i18n.localised_column

    def role_detail_in_english(name, lang, available=None):
        return name if name == "role_detail" else original(name, lang, available)

    monkeypatch.setattr(i18n, "localised_column", role_detail_in_english)
    st.cache_data.clear()  # the dataset and its memoised joins are rebuilt with the regression in place
    st.cache_resource.clear()
    try:
        shown = english_working_texts_shown(render("city", {"city": ["440800"]}, ()), english, allowed)
    finally:
        monkeypatch.undo()
        st.cache_data.clear()
        st.cache_resource.clear()
    assert "coastal petrochemical industry belt" in {s.text for s in shown}, shown
