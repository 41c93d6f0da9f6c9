"""Growth maths and the status rule, on small hand-made targets (values worked out by hand)."""

import math

import pandas as pd
import pytest

from gdclusters import growth


def target(**overrides):
    base = dict(
        target_id="t",
        scope="emerging_10",
        metric="operating_revenue",
        adcode="",
        baseline_period="2019",
        baseline_value=1500.0,
        target_year=2025,
        target_value=float("nan"),
        target_annual_growth_pct=10.0,
        unit="bn_yuan",
        comparator="exceed",
        qualitative=False,
    )
    base.update(overrides)
    return pd.Series(base)


def obs(*pairs, scope="emerging_10", metric="operating_revenue", adcode=""):
    return pd.DataFrame(
        [
            dict(
                scope=scope,
                metric=metric,
                period=p,
                value=v,
                adcode=adcode,
                qualifier="exact",
                source_id="s",
                reliability="B",
            )
            for p, v in pairs
        ]
    )


def test_cagr_doubling_over_four_years():
    assert growth.cagr(1500, 3000, 4) == pytest.approx(18.9207, abs=1e-4)
    assert math.isnan(growth.cagr(0, 10, 3))
    assert math.isnan(growth.cagr(10, 20, 0))


def test_cagr_and_grow_are_inverse():
    rate = growth.cagr(1187.5, 2000, 6)
    assert growth.grow(1187.5, rate, 6) == pytest.approx(2000)
    assert rate == pytest.approx(9.0769, abs=1e-3)


def test_emerging_headline_is_ahead_of_ten_percent_path():
    result = growth.evaluate(target(), obs(("2019", 1500), ("2021H1", 1040.3), ("2023", 3000)))
    assert result.status == "ahead"
    assert result.latest_period == "2023"  # the half-year figure is not scored
    assert result.path_value == pytest.approx(1500 * 1.1**4)
    assert result.achieved_pct == pytest.approx(18.92, abs=0.01)


@pytest.mark.parametrize(
    ("value", "status"), [(2196.15 * 1.03, "ahead"), (2196.15, "on_track"), (2196.15 * 0.9, "behind")]
)
def test_status_bands_around_the_path(value, status):
    assert growth.evaluate(target(), obs(("2023", value))).status == status


def test_level_target_without_baseline_starts_at_first_observation():
    t = target(
        baseline_period="",
        baseline_value=float("nan"),
        target_value=2000.0,
        target_annual_growth_pct=float("nan"),
        comparator="at_least",
    )
    result = growth.evaluate(t, obs(("2019", 1187.5), ("2022", 1600)))
    assert not result.start_is_baseline and result.start_year == 2019
    assert result.rate_pct == pytest.approx(growth.cagr(1187.5, 2000, 6))
    assert result.status == "ahead"  # path at 2022 is about 1538


def test_met_and_missed_once_target_year_observed():
    t = target(target_value=2000.0, target_annual_growth_pct=float("nan"), comparator="at_least")
    assert growth.evaluate(t, obs(("2025", 2000))).status == "met"
    assert growth.evaluate(t, obs(("2025", 1999))).status == "missed"
    assert (
        growth.evaluate(
            target(target_value=2000.0, target_annual_growth_pct=float("nan"), comparator="exceed"), obs(("2025", 2000))
        ).status
        == "missed"
    )


def test_too_early_no_data_and_qualitative():
    assert growth.evaluate(target(), obs(("2019", 1500))).status == "too_early"
    no_base = target(baseline_period="", baseline_value=float("nan"))
    empty = pd.DataFrame(
        columns=["scope", "metric", "period", "value", "adcode", "qualifier", "source_id", "reliability"]
    )
    assert growth.evaluate(no_base, empty).status == "no_data"
    assert growth.evaluate(target(qualitative=True), obs(("2023", 1))).status == "qualitative"


def test_observations_match_scope_metric_and_city_only():
    metrics = pd.concat([obs(("2023", 1)), obs(("2023", 2), adcode="440600"), obs(("2023", 3), metric="added_value")])
    picked = growth.observations_for(target(), metrics)
    assert picked["value"].tolist() == [1]


def test_most_reliable_source_wins_within_a_year():
    rows = obs(("2023", 2000), ("2023", 3000))
    rows.loc[0, "reliability"], rows.loc[1, "reliability"] = "C", "A"
    assert growth.evaluate(target(), rows).latest_value == 3000


def test_target_path_spans_start_to_target_year():
    result = growth.evaluate(target(), obs(("2023", 3000)))
    path = growth.target_path(target(), result)
    assert path["year"].tolist() == list(range(2019, 2026))
    assert path["value"].iloc[-1] == pytest.approx(1500 * 1.1**6)


def test_user_figures_rank_below_every_published_source():
    sources = pd.DataFrame({"source_id": ["s"], "reliability": ["C"]})
    metrics = pd.concat([obs(("2023", 2000)), obs(("2023", 3000))], ignore_index=True).drop(columns="reliability")
    metrics.loc[1, "source_id"] = "user"
    ranked = growth.with_reliability(metrics, sources)
    assert ranked["reliability"].tolist() == ["C", "user"]
    result = growth.evaluate(target(), growth.observations_for(target(), ranked))
    assert result.latest_value == 2000 and result.latest_source_id == "s"


def test_level_target_already_reached_is_met_before_its_year():
    """New energy: 7300亿 by 2025, first figure 2024 = 11163.18亿 (no baseline): met, not 'too early'."""
    t = target(
        baseline_period="",
        baseline_value=float("nan"),
        target_value=730.0,
        target_annual_growth_pct=float("nan"),
        comparator="at_least",
        scope="new_energy",
    )
    result = growth.evaluate(t, obs(("2024", 1116.318), scope="new_energy"))
    assert result.status == "met" and result.latest_period == "2024"
    below = growth.evaluate(t, obs(("2024", 700), scope="new_energy"))
    assert below.status == "too_early"


def test_baseline_alone_never_counts_as_reaching_the_target():
    t = target(target_value=1000.0, target_annual_growth_pct=float("nan"), comparator="at_least")
    assert growth.evaluate(t, obs(("2019", 1500))).status == "too_early"


# --- The comparability rule (rules A–C of gdclusters.growth) ---------------------------------------------


def sourced(*rows, scope="new_energy", metric="operating_revenue"):
    """Observations given as (period, value, source_id, definition[, qualifier])."""
    return pd.DataFrame(
        [
            dict(
                scope=scope,
                metric=metric,
                period=r[0],
                value=r[1],
                adcode="",
                source_id=r[2],
                definition=r[3],
                qualifier=r[4] if len(r) > 4 else "exact",
                reliability="B",
            )
            for r in rows
        ]
    )


def level(**overrides):
    base = dict(
        target_id="lvl",
        scope="new_energy",
        metric="operating_revenue",
        adcode="",
        baseline_period="",
        baseline_value=float("nan"),
        target_year=2025,
        target_value=730.0,
        target_value_max=float("nan"),
        target_annual_growth_pct=float("nan"),
        unit="bn_yuan",
        comparator="at_least",
        qualitative=False,
        definition="other_plan",
        source_id="energy-plan",
    )
    base.update(overrides)
    return pd.Series(base)


def test_a_figure_of_another_definition_does_not_score_the_target():
    # The energy plan's sector target against the cluster's own revenue: shown, never scored.
    figures = sourced(("2024", 1116.318, "times-2025", "standard"))
    result = growth.evaluate(level(), figures)
    assert result.status == "not_comparable"
    assert result.reason == "definition"
    assert result.latest_value is None
    kept = growth.not_comparable_for(level(), figures)
    assert list(kept["reason"]) == ["definition"]
    assert growth.observations_for(level(), figures).empty


def test_a_figure_from_the_targets_own_source_is_scored_but_indicative():
    figures = sourced(("2024", 1116.318, "times-2025", "standard"))
    result = growth.evaluate(level(target_value=1000.0, comparator="exceed", source_id="times-2025"), figures)
    assert result.status == "met"
    assert (result.indicative, result.reason) == (True, "same_source_only")


def test_the_same_definition_scores_without_a_caveat():
    figures = sourced(("2024", 1116.318, "times-2025", "other_plan"))
    result = growth.evaluate(level(target_value=1000.0, comparator="exceed"), figures)
    assert (result.status, result.indicative, result.reason) == ("met", False, None)


def test_path_start_and_latest_from_different_sources_make_the_status_indicative():
    # The emerging clusters' headline: the 2019 baseline from the 2020 opinion, 2023 from China Daily.
    headline = target(source_id="opinion-2020", definition="standard")
    figures = sourced(
        ("2019", 1500, "opinion-2020", "standard"),
        ("2023", 3000, "chinadaily-2024", "standard", "nearly"),
        scope="emerging_10",
    )
    result = growth.evaluate(headline, figures)
    assert result.status == "ahead"
    assert (result.indicative, result.reason) == (True, "different_sources")
    assert (result.start_source_id, result.latest_source_id) == ("opinion-2020", "chinadaily-2024")


def test_a_latest_source_that_also_states_the_start_justifies_the_path():
    headline = target(source_id="opinion-2020", definition="standard")
    figures = sourced(
        ("2019", 1500, "review-2024", "standard"), ("2023", 3000, "review-2024", "standard"), scope="emerging_10"
    )
    result = growth.evaluate(headline, figures)
    assert (result.status, result.indicative, result.reason) == ("ahead", False, None)


# --- Rule 7: a bound proves only one side ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "status", "indicative"),
    [
        # "over 1,977 bn" in 2023 against a 2,196 path: the true figure may well be on the path.
        (2196.15 * 0.9, "over", "behind", True),
        (2196.15 * 1.03, "over", "ahead", False),  # a lower bound above the path proves it
        (2196.15 * 0.9, "exact", "behind", False),
        (2196.15 * 1.03, "under", "ahead", True),  # "under" an upper bound above the path proves nothing
        (2196.15 * 0.9, "under", "behind", False),
        (2196.15 * 0.9, "nearly", "behind", False),  # taken at its stated value (rule 6)
    ],
)
def test_a_bound_makes_a_status_on_its_open_side_indicative(value, qualifier, status, indicative):
    figures = sourced(("2023", value, "s", "standard", qualifier), scope="emerging_10")
    result = growth.evaluate(target(definition="standard", source_id="s"), figures)
    assert result.status == status
    assert result.indicative is indicative
    assert result.bound == (("lower_bound" if qualifier == "over" else "upper_bound") if indicative else None)
    assert result.reason is None


@pytest.mark.parametrize(
    ("value", "qualifier", "status", "bound"),
    [
        (1900, "over", "missed", "lower_bound"),  # over 1,900 in the target year: 2,000 may have been reached
        (2100, "over", "met", None),
        (2100, "under", "met", "upper_bound"),  # reached early, but under 2,100 may be under 2,000
    ],
)
def test_a_bound_in_the_target_year_or_reached_early(value, qualifier, status, bound):
    level_target = target(
        target_value=2000.0,
        target_annual_growth_pct=float("nan"),
        comparator="at_least",
        definition="standard",
        source_id="s",
    )
    figures = sourced(("2019", 1500, "s", "standard"), ("2025", value, "s", "standard", qualifier), scope="emerging_10")
    result = growth.evaluate(level_target, figures)
    assert (result.status, result.bound, result.indicative) == (status, bound, bound is not None)


@pytest.mark.parametrize(
    ("comparator", "value", "qualifier", "status", "bound"),
    [
        ("between", 750, "over", "met", "lower_bound"),  # over 750 may be over 800, the range's top
        ("between", 850, "over", "missed", None),  # over 850 is past the top whatever the true figure
        ("between", 700, "over", "missed", "lower_bound"),  # over 700 may be inside the range
        ("between", 780, "under", "met", "upper_bound"),  # under 780 may be under 730
        ("between", 700, "under", "missed", None),  # under 700 is below the range whatever the true figure
        ("about", 740, "over", "met", "lower_bound"),  # about 740 (±5 %) holds for 740, not for any figure above it
        ("between", 750, "exact", "met", None),
    ],
)
def test_a_bound_against_a_range_proves_only_a_miss_on_its_far_side(comparator, value, qualifier, status, bound):
    range_target = target(
        target_value=730.0 if comparator == "between" else 740.0,
        target_value_max=800.0 if comparator == "between" else float("nan"),
        target_annual_growth_pct=float("nan"),
        comparator=comparator,
        definition="standard",
        source_id="s",
    )
    figures = sourced(("2019", 500, "s", "standard"), ("2025", value, "s", "standard", qualifier), scope="emerging_10")
    result = growth.evaluate(range_target, figures)
    assert (result.status, result.bound, result.indicative) == (status, bound, bound is not None)


def test_a_comparability_reason_and_the_bound_are_both_kept():
    headline = target(source_id="opinion-2020", definition="standard")
    figures = sourced(
        ("2019", 1500, "opinion-2020", "standard"),
        ("2023", 1900, "chinadaily-2024", "standard", "over"),
        scope="emerging_10",
    )
    result = growth.evaluate(headline, figures)
    assert (result.status, result.reason, result.bound) == ("behind", "different_sources", "lower_bound")


def test_a_size_class_is_never_scored():
    assert growth.evaluate(level(comparator="size_class", target_value=200.0), sourced()).status == "not_comparable"
    figures = sourced(("2025", 1000, "x", "other_plan", "size_class"))
    result = growth.evaluate(level(target_value=900.0), figures)
    assert (result.status, result.reason) == ("not_comparable", "size_class")


@pytest.mark.parametrize(
    ("value", "qualifier", "comparator", "expected"),
    [
        (1000, "over", "exceed", True),  # 突破1万亿 satisfies "over 1 trillion"
        (1000, "exact", "exceed", False),
        (1000, "nearly", "at_least", False),  # 近1万亿 has not reached 1 trillion
        (3000, "nearly", "at_least", True),
        (1000, "exact", "at_least", True),
    ],
)
def test_meets_reads_the_qualifier(value, qualifier, comparator, expected):
    assert growth.meets(value, 1000, comparator, qualifier) is expected


def test_a_range_target_is_met_inside_the_range_only():
    assert growth.meets(4, 3, "between", "exact", 4)
    assert growth.meets(3, 3, "between", "exact", 4)
    assert not growth.meets(5, 3, "between", "exact", 4)
    assert not growth.meets(2, 3, "between", "exact", 4)


def test_history_follows_supersession_both_ways():
    targets = pd.DataFrame({"target_id": ["a", "b", "c", "d"], "superseded_by": ["b", "c", "", ""]})
    assert growth.history(targets, "b") == ["a", "b", "c"]
    assert growth.history(targets, "d") == ["d"]
    assert list(growth.in_force(targets)) == [False, False, True, True]
