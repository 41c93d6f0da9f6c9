"""The Growth targets and Revenue tiers pages' memoised views: the same output as a fresh computation, the
user's figures in the key (never shown to another session, never hidden), and frames that are the caller's own."""

from dataclasses import FrozenInstanceError, replace

import pandas as pd
import pytest

from gdclusters import charts, export, growth, scorecard, targets_view, tiers
from gdclusters.dataset import load_dataset
from gdclusters.i18n import format_value, t
from gdclusters.state import Filters
from gdclusters.targets_view import register as register_module

HEADLINE = "emerging10-revenue-growth-2025"
SHENZHEN = "440300"
FILTER_SETS = [
    Filters(),
    Filters(cities=(SHENZHEN,)),
    Filters(categories=("emerging",)),
    Filters(clusters=("new_energy",), regions=("pearl_river_delta",)),
]
# (status, year, history) of the register's own filters.
REGISTER_FILTERS = [(None, None, False), ("open", 2025, False), (None, None, True)]
USER_FIGURE = {"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}


@pytest.fixture(scope="module")
def loaded():
    return load_dataset()


@pytest.fixture
def ds(loaded):
    """The loaded tables with empty memo stores (as after a reload), shared by the calls of one test."""
    return replace(loaded, derived={})


def fresh(ds):
    """The same tables with nothing memoised: what every call computed before the views were memoised."""
    return replace(ds, derived={})


def headline(register: pd.DataFrame) -> pd.Series:
    return register.set_index("target_id").loc[HEADLINE]


def chart_data_fields(data: targets_view.TargetChartData) -> dict:
    """A TargetChartData's fields with frames as records, so two objects can be compared."""
    return {
        name: value.to_dict("records") if isinstance(value, pd.DataFrame) else value
        for name, value in vars(data).items()
    }


def evaluate_every_target_again(ds, targets, user_rows):
    """What the register did before published_register: evaluate each listed target with the user's figures."""
    return growth.register(targets, targets_view.amended_metrics(ds, user_rows), ds.sources)


# (a) memoised = fresh ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_memoised_targets_views_equal_a_fresh_computation_for_each_filter_set(ds, lang):
    for filters in FILTER_SETS:
        for status, year, history in REGISTER_FILTERS:
            targets_view.register_table(ds, filters, lang, [], status, year, history)  # fills the memo
            pd.testing.assert_frame_equal(
                targets_view.register_table(ds, filters, lang, [], status, year, history),
                targets_view.register_table(fresh(ds), filters, lang, [], status, year, history),
            )
        targets_view.target_options(ds, filters, lang)
        assert targets_view.target_options(ds, filters, lang) == targets_view.target_options(fresh(ds), filters, lang)
    pd.testing.assert_frame_equal(scorecard.scorecard(ds, lang), scorecard.scorecard(fresh(ds), lang))
    view, new = scorecard.scorecard_view(ds, lang), scorecard.scorecard_view(fresh(ds), lang)
    assert scorecard.scorecard_view(ds, lang) is view
    assert (view.takeaway, view.source_ids) == (new.takeaway, new.source_ids) and view.source_ids
    pd.testing.assert_frame_equal(view.table, new.table)
    pd.testing.assert_frame_equal(view.verdicts, new.verdicts)
    for target_id in (HEADLINE, "new-energy-revenue-2025", "auto-revenue-2025"):
        memoised = targets_view.target_chart_data(ds, target_id, lang, [])
        assert targets_view.target_chart_data(ds, target_id, lang, []) is memoised
        assert chart_data_fields(memoised) == chart_data_fields(
            targets_view.target_chart_data(fresh(ds), target_id, lang, [])
        )


def test_register_from_the_published_statuses_equals_evaluating_every_target_again(ds, monkeypatch):
    """The register reuses the statuses evaluated once per dataset, and re-evaluates only what a user figure touches."""
    user_sets = [
        [],
        [USER_FIGURE],
        [
            USER_FIGURE,
            {"target_id": "auto-revenue-2025", "period": "2025", "value": 99999.0, "qualifier": "over"},
            {"target_id": "semis-mbi-2025", "period": "2024", "value": 10.0, "qualifier": "nearly"},
        ],
    ]
    cases = [(f, rows, flags) for f in FILTER_SETS[:3] for rows in user_sets for flags in REGISTER_FILTERS[::2]]
    now = [targets_view.register_table(fresh(ds), f, "en", rows, *flags) for f, rows, flags in cases]
    monkeypatch.setattr(register_module, "evaluated_targets", evaluate_every_target_again)
    before = [targets_view.register_table(fresh(ds), f, "en", rows, *flags) for f, rows, flags in cases]
    for (filters, rows, flags), got, expected in zip(cases, now, before, strict=True):
        assert not expected.empty
        pd.testing.assert_frame_equal(got, expected, obj=f"register {filters} {len(rows)} user rows {flags}")


def test_memoised_tiers_views_equal_a_fresh_computation(ds):
    for filters in FILTER_SETS:
        for lang in ("en", "zh"):
            tiers.tier_frame(ds, filters, lang)
            pd.testing.assert_frame_equal(
                tiers.tier_frame(ds, filters, lang), tiers.tier_frame(fresh(ds), filters, lang)
            )
            tiers.revenue_figures(ds, filters, lang)
            pd.testing.assert_frame_equal(
                tiers.revenue_figures(ds, filters, lang), tiers.revenue_figures(fresh(ds), filters, lang)
            )
            tiers.tier_count_frame(ds, filters, lang)
            pd.testing.assert_frame_equal(
                tiers.tier_count_frame(ds, filters, lang),
                tiers.tier_counts(tiers.tier_frame(fresh(ds), filters, lang), lang),
            )


@pytest.mark.parametrize("filters", [Filters(), Filters(categories=("emerging",))])
def test_memoised_charts_are_one_object_drawing_what_the_builders_draw(ds, filters):
    lang = "en"
    other = fresh(ds)
    note = tiers.filter_note(other, filters, lang)
    tier_rows = tiers.tier_frame(other, filters, lang)
    expected = {
        "tier": (
            charts.tier_chart_view,
            (filters, lang),
            charts.tier_chart(tiers.latest_figures(other, filters, lang), lang, note),
        ),
        "count": (
            charts.tier_count_chart_view,
            (filters, lang),
            charts.tier_count_chart(tier_rows, lang, note),
        ),
        "revenue": (
            charts.revenue_chart_view,
            (filters, lang),
            charts.revenue_chart(tiers.revenue_figures(other, filters, lang), lang, note),
        ),
        "scorecard": (
            charts.scorecard_chart_view,
            (lang,),
            charts.scorecard_chart(scorecard.scorecard(other, lang), lang),
        ),
        "path": (
            charts.target_path_chart_view,
            (HEADLINE, lang, []),
            charts.target_path_chart(targets_view.target_chart_data(other, HEADLINE, lang, []), lang),
        ),
    }
    for name, (view, args, built) in expected.items():
        chart = view(ds, *args)
        assert view(ds, *args) is chart, f"{name}: a rerun must draw the same chart object"
        assert chart.to_dict() == built.to_dict(), name
    assert charts.tier_chart_view(ds, Filters(tiers=(1000,)), lang) is not charts.tier_chart_view(ds, filters, lang)


def test_a_rerun_evaluates_no_target_and_a_new_filter_set_reuses_the_published_statuses(ds, monkeypatch):
    def page(filters):
        register = targets_view.register_table(ds, filters, "en", [], None, None, False)
        data = targets_view.target_chart_data(ds, HEADLINE, "en", [])
        return register, targets_view.target_options(ds, filters, "en"), scorecard.scorecard(ds, "en"), data

    first = page(Filters())
    path_chart = charts.target_path_chart_view(ds, HEADLINE, "en", [])

    def evaluate(*args, **kwargs):
        raise AssertionError("a target was evaluated again")

    monkeypatch.setattr(growth, "evaluate", evaluate)
    again = page(Filters())
    pd.testing.assert_frame_equal(again[0], first[0])
    assert again[1] == first[1] and again[3] is first[3]
    assert charts.target_path_chart_view(ds, HEADLINE, "en", []) is path_chart
    shenzhen = targets_view.register_table(ds, Filters(cities=(SHENZHEN,)), "en", [])  # not seen before
    assert HEADLINE in set(shenzhen["target_id"]) and len(shenzhen) < len(first[0])


# (b) the user's figures -------------------------------------------------------------------------------------


def test_user_figures_change_the_views_and_never_reach_another_session(ds):
    published = targets_view.register_table(ds, Filters(), "en", [])
    assert headline(published)["status_code"] == "ahead"
    mine = [dict(USER_FIGURE)]
    with_figure = targets_view.register_table(ds, Filters(), "en", mine)
    row = headline(with_figure)
    assert row["status_code"] == "behind" and row["latest_source"] == t("targets.user_source", "en")
    # Another session without figures, after mine: the published register, not mine.
    pd.testing.assert_frame_equal(targets_view.register_table(ds, Filters(), "en", []), published)
    assert targets_view.target_chart_data(ds, HEADLINE, "en", []).status == "ahead"
    assert export.title_parts(charts.target_path_chart_view(ds, HEADLINE, "en", [])["title"])[0].endswith(
        t("targets.indicative_status", "en", status=t("status.ahead", "en"))
    )
    # My session again: my figure is still applied everywhere.
    assert headline(targets_view.register_table(ds, Filters(), "en", mine))["status_code"] == "behind"
    assert targets_view.target_chart_data(ds, HEADLINE, "en", mine).status == "behind"
    assert export.title_parts(charts.target_path_chart_view(ds, HEADLINE, "en", mine)["title"])[0].endswith(
        t("targets.indicative_status", "en", status=t("status.behind", "en"))
    )


def test_the_user_figures_key_is_their_values_not_the_list(ds):
    """A session's list is changed in place by later figures: each change must show, not a result kept for the list."""
    mine = [dict(USER_FIGURE)]
    assert headline(targets_view.register_table(ds, Filters(), "en", mine))["status_code"] == "behind"
    mine[0]["value"] = 4000.0
    row = headline(targets_view.register_table(ds, Filters(), "en", mine))
    assert row["status_code"] == "ahead"
    assert row["latest_value"] == format_value(4000.0, "bn_yuan", "en", "exact")
    assert targets_view.target_chart_data(ds, HEADLINE, "en", mine).latest_text.startswith("4 trillion")
    mine.append({"target_id": HEADLINE, "period": "2025", "value": 1000.0, "qualifier": "exact"})
    assert headline(targets_view.register_table(ds, Filters(), "en", mine))["status_code"] == "missed"


def test_user_figures_that_are_not_hashable_are_still_applied(ds):
    rows = [{**USER_FIGURE, "note": ["not", "hashable"]}]
    assert targets_view.user_rows_key(rows) is None
    assert headline(targets_view.register_table(ds, Filters(), "en", rows))["status_code"] == "behind"
    assert targets_view.target_chart_data(ds, HEADLINE, "en", rows).status == "behind"


# (c) what a caller may change -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "view",
    [
        lambda ds: targets_view.register_table(ds, Filters(), "en", []),
        lambda ds: targets_view.register_table(ds, Filters(), "en", [USER_FIGURE]),
        lambda ds: targets_view.published_register(ds),
        lambda ds: scorecard.scorecard(ds, "en"),
        lambda ds: tiers.tier_frame(ds, Filters(), "en"),
        lambda ds: tiers.revenue_figures(ds, Filters(), "en"),
        lambda ds: tiers.tier_count_frame(ds, Filters(), "en"),
    ],
    ids=["register", "register-user", "published", "scorecard", "tiers", "revenue", "tier-counts"],
)
def test_a_frame_handed_out_is_the_callers_own(ds, view):
    original = view(ds).copy(deep=True)
    handed = view(ds)
    first, last = handed.columns[0], handed.columns[-1]
    handed.loc[:, first] = handed[first].iloc[::-1].to_numpy()
    del handed[last]
    handed["added"] = 1
    pd.testing.assert_frame_equal(view(ds), original)


def test_target_options_handed_out_are_the_callers_own(ds):
    options = targets_view.target_options(ds, Filters(), "en")
    expected = dict(options)
    options.clear()
    assert targets_view.target_options(ds, Filters(), "en") == expected != {}


def test_shared_views_cannot_be_reassigned(ds):
    data = targets_view.target_chart_data(ds, HEADLINE, "en", [])
    with pytest.raises(FrozenInstanceError):
        data.status = "met"  # type: ignore[misc]
    assert isinstance(data.source_ids, tuple)
    with pytest.raises(FrozenInstanceError):
        scorecard.scorecard_view(ds, "en").takeaway = ""  # type: ignore[misc]


# The per-row lookups -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_metric_and_scope_names_come_from_the_tables(ds, lang):
    definitions = ds.metric_definitions
    column = "label_zh" if lang == "zh" else "label_en"
    for metric, label in zip(definitions["metric"], definitions[column], strict=True):
        assert targets_view.metric_label(ds, metric, lang) == label
    assert targets_view.metric_label(ds, "no_such_metric", lang) == "no_such_metric"
    names = "name_zh" if lang == "zh" else "name_en"
    cluster = ds.clusters.iloc[0]
    assert targets_view.scope_name(ds, cluster["cluster_id"], "", lang) == cluster[names]
    city = ds.cities.set_index("adcode").loc[SHENZHEN, names]
    assert targets_view.scope_name(ds, cluster["cluster_id"], SHENZHEN, lang) == t(
        "targets.city_part", lang, scope=cluster[names], city=city
    )
    assert targets_view.scope_name(ds, "unknown_scope", "", lang) == "unknown_scope"
