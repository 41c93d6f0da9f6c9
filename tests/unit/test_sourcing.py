"""What an export says about its origin (gdclusters.sourcing): source labels, the citation line, file-name parts."""

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from gdclusters.dataset import load_dataset
from gdclusters.i18n import join_parts, t
from gdclusters.sourcing import data_version, file_name_parts, source_labels, source_line, versioned_citation
from gdclusters.state import Filters
from gdclusters.validation.rules import ID_OR_CODE, WEB_ADDRESS
from ui.shell import Context

SOURCES = pd.DataFrame(
    {
        "source_id": ["gov-2023", "daily", "daily-bis", "repost"],
        "publisher": ["广东省人民政府", "China Daily", "China Daily", "m.kcqsx.com (repost of 羊城晚报)"],
        "publisher_zh": ["广东省人民政府", "中国日报", "中国日报", "m.kcqsx.com（转载自羊城晚报）"],
        "published": ["2023-05-04", "2024", "2024-11-30", "2020"],
    }
)


def test_a_source_is_named_publisher_and_year_in_the_readers_language():
    assert source_labels(SOURCES, "en") == {
        "gov-2023": "广东省人民政府 (2023)",
        "daily": "China Daily (2024)",
        "daily-bis": "China Daily (2024)",
        "repost": "m.kcqsx.com (repost of 羊城晚报) (2020)",
    }
    assert source_labels(SOURCES, "zh") == {
        "gov-2023": "广东省人民政府（2023）",
        "daily": "中国日报（2024）",
        "daily-bis": "中国日报（2024）",
        "repost": "m.kcqsx.com（转载自羊城晚报）（2020）",
    }


def test_no_chinese_source_label_of_the_data_carries_an_english_note():
    # The Chinese labels showed the English publisher: 113 of the 171 with notes in English ("(repost)",
    # "(mirror of …)"), 167 with ASCII brackets. Kept in Latin script: web addresses, ids, and names (capitalised:
    # "Reportify", "Yuan Shenggao"); a lowercase English word is a note left untranslated.
    sources = load_dataset().sources
    labels = source_labels(sources, "zh")
    assert len(labels) == len(sources) > 150
    note = re.compile(r"(?<![A-Za-z])[a-z]{2,}")
    left = [label for label in labels.values() if note.search(ID_OR_CODE.sub(" ", WEB_ADDRESS.sub(" ", label)))]
    assert left == []
    assert [label for label in labels.values() if "(" in label or ")" in label] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_source_line_names_each_label_once_in_first_seen_order(lang):
    line = source_line(["B (2024)", "A (2020)", "", "B (2024)"], lang)
    assert line == t("format.source_line", lang, sources=join_parts(["B (2024)", "A (2020)"], lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_view_without_sources_says_so_instead_of_an_empty_source_line(lang):
    # e.g. the matrix of a cluster no source names a city for: its caption read "来源：" and nothing more.
    line = source_line(["", ""], lang)
    assert line == t("format.source_none", lang) == source_line([], lang)
    assert line != t("format.source_line", lang, sources="")


def test_a_citation_names_a_shared_label_once_and_an_unknown_id_as_it_is():
    """Two sources of one publisher and year share a label: the caption and the files name it once."""
    ctx = Context(ds=SimpleNamespace(sources=SOURCES), filters=Filters(), lang="zh")
    line = ctx.citation(["daily", "daily-bis", "", "not-a-source", "gov-2023"])
    assert line == t("format.source_line", "zh", sources="中国日报（2024）；not-a-source；广东省人民政府（2023）")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_exported_citation_names_the_data_release_once(lang):
    line = source_line(["A (2020)"], lang)
    versioned = versioned_citation(line, "2026.12.0", lang)
    assert versioned == f"{line} · {t('format.data_release', lang, version='2026.12.0')}"
    assert versioned_citation(versioned, "2026.12.0", lang) == versioned, "a citation passed twice is not doubled"
    assert versioned_citation(line, "", lang) == line, "no release recorded: the source line alone"


def test_the_data_release_is_the_descriptor_version():
    assert data_version({"version": "2026.12.0", "resources": []}) == "2026.12.0"
    assert data_version({"resources": []}) == ""
    assert data_version({"version": 2026.12}) == ""


def test_file_name_parts_keep_every_filter_in_one_order():
    filters = Filters(
        clusters=("semiconductors_ic",),
        cities=("440300",),
        categories=("emerging",),
        tiers=(1000,),
        regions=("pearl_river_delta",),
    )
    assert file_name_parts(filters) == ["emerging", "semiconductors_ic", "440300", "tier1000", "pearl_river_delta"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # The Revenue tiers page once named its files with a copy of this rule that dropped the city and region.
        (Filters(cities=("440300",)), ["440300"]),
        (Filters(regions=("coastal_east", "coastal_west")), ["coastal_east", "coastal_west"]),
        (Filters(), ["all"]),
    ],
)
def test_a_city_or_region_filter_is_in_the_file_name(filters, expected):
    assert file_name_parts(filters) == expected


def test_long_cluster_and_city_lists_are_cut_with_a_count():
    filters = Filters(clusters=("a", "b", "c", "d", "e"), cities=("1", "2", "3", "4"))
    assert file_name_parts(filters) == ["a", "b", "c", "and2more", "1", "2", "3", "and1more"]
