"""Memoisation of the joins and views the pages share: computed once per dataset and arguments, never leaked."""

import json

import pandas as pd
import pytest

from gdclusters import analysis, maps, overview
from gdclusters.analysis import MAX_MEMOISED_FILTERS, memoised_per_args
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.paths import BOUNDARIES_FILE
from gdclusters.state import Filters

SHENZHEN = "440300"


@pytest.fixture
def ds():
    """A fresh dataset per test: each starts with empty memo stores."""
    return load_dataset()


@pytest.fixture(scope="module")
def boundaries():
    return maps.Boundaries(json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"])


def counting(build):
    """build wrapped to count its calls, then memoised."""
    calls = []

    def counted(ds, *args):
        calls.append(args)
        return build(ds, *args)

    counted.__qualname__ = f"counted_{id(calls)}"
    return memoised_per_args(counted), calls


def test_memoised_per_args_computes_once_per_dataset_and_arguments(ds):
    summary, calls = counting(lambda ds, filters: pd.DataFrame({"n": [len(filters.cities)]}))
    first = summary(ds, Filters(cities=(SHENZHEN,)))
    summary(ds, Filters(cities=(SHENZHEN,)))
    assert len(calls) == 1
    summary(ds, Filters())
    assert len(calls) == 2, "other arguments, another computation"
    summary(load_dataset(), Filters(cities=(SHENZHEN,)))
    assert len(calls) == 3, "another dataset (e.g. edited data files), another computation"
    first.loc[0, "n"] = 99
    assert summary(ds, Filters(cities=(SHENZHEN,))).loc[0, "n"] == 1, "a caller's change must not reach the memo"


def test_memoised_per_args_keeps_the_most_recently_used_argument_tuples(ds):
    square, calls = counting(lambda ds, n: [n * n])
    for n in range(MAX_MEMOISED_FILTERS):
        square(ds, n)
    square(ds, 0)  # used again: now the most recent
    square(ds, MAX_MEMOISED_FILTERS)  # one too many: the least recently used (1) goes
    assert len(calls) == MAX_MEMOISED_FILTERS + 1
    square(ds, 0)
    assert len(calls) == MAX_MEMOISED_FILTERS + 1, "0 was kept: it had been used again"
    square(ds, 1)
    assert len(calls) == MAX_MEMOISED_FILTERS + 2, "1 had been evicted"
    listed = square(ds, 3)
    listed.append("x")
    assert square(ds, 3) == [9], "lists are handed out as copies"


def test_count_map_is_shared_for_the_same_view_and_rebuilt_for_another(ds, boundaries):
    view = overview.count_map(ds, Filters(cities=(SHENZHEN,)), "en", boundaries)
    assert overview.count_map(ds, Filters(cities=(SHENZHEN,)), "en", boundaries) is view
    assert overview.count_map(ds, Filters(), "en", boundaries) is not view
    tips = dict(zip(view.styles["adcode"], view.styles["tooltip"], strict=True))
    assert sum(t("map.tip_outside", "en") in tip for tip in tips.values()) == 20
    zh = overview.count_map(ds, Filters(cities=(SHENZHEN,)), "zh", boundaries)
    assert t("map.tip_outside", "zh") in zh.styles.set_index("adcode").loc["440100", "tooltip"]
    assert view.source_ids == tuple(maps.link_source_ids(maps.link_table(ds, Filters(cities=(SHENZHEN,)), "en")))


def test_on_a_phone_the_count_maps_legend_goes_under_it(ds, boundaries):
    # Beside the map the legend took half a phone's width: the province drew at half size over a tall blank.
    phone_ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    desktop_ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
    assert maps.is_phone(phone_ua) and not maps.is_phone(desktop_ua) and not maps.is_phone(None)

    def legends(phone: bool) -> list[dict]:
        spec = overview.count_map(ds, Filters(), "en", boundaries, phone).chart.to_dict()
        found = [
            channel["legend"]
            for layer in spec["layer"]
            for channel in layer.get("encoding", {}).values()
            if isinstance(channel, dict) and channel.get("legend")
        ]
        assert found, "the map has its legend"
        return found

    assert {legend["orient"] for legend in legends(False)} == {"right"}
    below = legends(True)
    assert {legend["orient"] for legend in below} == {"bottom"}
    assert all(legend["columns"] == 3 for legend in below), "in rows, not one line past the phone's edge"


def test_count_map_is_none_when_no_link_matches(ds, boundaries):
    nothing = Filters(clusters=("smart_robots",), regions=("northern_ecological",))
    assert maps.link_table(ds, nothing, "en").empty
    assert overview.count_map(ds, nothing, "en", boundaries) is None


def test_boundaries_are_equal_only_to_themselves(boundaries):
    # Boundaries key the memo by identity: the same object finds its entry, an equal reload does not.
    assert {boundaries: 1}.get(boundaries) == 1
    reloaded = maps.Boundaries(boundaries.features)
    assert reloaded.features is boundaries.features
    assert reloaded != boundaries and {boundaries: 1}.get(reloaded) is None, "identity: a reloaded file is another key"


def test_memoised_summaries_match_a_fresh_computation(ds):
    filters = Filters(cities=(SHENZHEN,), categories=("emerging",))
    memo = analysis.city_summary(ds, filters)
    analysis.city_summary(ds, filters)
    fresh = analysis.city_summary.__wrapped__(ds, filters)
    pd.testing.assert_frame_equal(memo, fresh)
