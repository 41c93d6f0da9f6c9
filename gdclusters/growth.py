"""Growth maths, the comparability rule and the target status rule.

The comparability rule (shown on the Growth targets page; ``COMPARABILITY_RULE`` names its cases):

A. A target is scored only from figures of the same measure (metric), scope (the cluster or group,
   and the same city or none) and definition (``definition``: the programme's own boundary, a city's
   own, a segment, a wider sector, another plan's sector) as the target. Figures that share metric,
   scope and city but not the definition are shown beside the target, marked "not comparable" with
   the reason; when they are the only figures, the status is ``not_comparable``.
   One exception: when the figure comes from the same source as the target, that source compares
   the two itself; the figure is scored, but the status is *indicative* (reason ``same_source_only``).
B. A size class ("trillion-level", 万亿级) is not a threshold: a size-class target, and a size-class
   figure, is never scored (``size_class``).
C. Where the status rests on a path (ahead, on track, behind, and the met/missed of a growth-rate
   target), the path's start and the latest figure must be comparable. They are when they come from
   one source, or when the latest figure's source also states the start year's figure. Otherwise the
   status is *indicative* (reason ``different_sources``), and the page names both sources.

The status rule:

1. A qualitative target gets status ``qualitative``: nothing is computed.
2. Observations are the comparable rows (rule A). Only full-year periods (``2023``) count;
   part-year figures (``2021H1``) are shown but not scored. Where several sources give the same year,
   the most reliable one counts (A before B before C).
3. The path starts at the target's baseline, or, when the plan states none, at the earliest
   full-year observation ("path start"). A growth target grows the start by
   ``target_annual_growth_pct`` a year; a level target grows it at the constant rate that reaches
   ``target_value`` in ``target_year`` (the required annual growth).
4. ``no_data``: no full-year observation and no baseline. ``too_early``: no full-year observation
   later than the path start (progress cannot be measured yet), or no path can be drawn.
5. A level target whose latest full-year observation (other than the baseline) already satisfies
   the comparator is ``met``, whatever the year. Otherwise, if the latest observation is for the
   target year or later: ``met`` when it satisfies the comparator, else ``missed``. The comparators:
   at_least (≥), exceed (>), about (within ±5 %), between (inside the range, ends included). A figure
   stated as "over X" satisfies "exceed X"; one stated as "nearly X" does not reach X.
6. Otherwise compare the latest observation with the path value for its year:
   ``ahead`` at ≥ 102 % of the path, ``on_track`` from 98 % to 102 %, ``behind`` below 98 %.
   A figure qualified as "nearly" or "over" is taken at its stated value.
7. A bound cannot prove what lies on its open side: a figure stated as "over X" (a lower bound) that gives
   ``behind`` or ``missed``, or one stated as "under X" (an upper bound) that gives ``met``, ``ahead`` or
   ``on_track``, makes the status *indicative* (``bound``: ``lower_bound``, ``upper_bound``). Against a range
   (about, between) a bound proves neither ``met`` nor ``missed``, except a miss on the range's far side ("over X"
   above its top). The bound is kept beside a comparability reason, not instead of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from gdclusters import periods
from gdclusters.domain import RELIABILITY_RANK, STANDARD_DEFINITION

AHEAD_RATIO = 1.02
BEHIND_RATIO = 0.98
ABOUT_TOLERANCE = 0.05
# Reasons the comparability rule gives (locale keys growth.reason_<code>).
REASONS = ("definition", "size_class", "same_source_only", "different_sources")
# Rule 7: the statuses a bound cannot prove, by the qualifier that makes the figure a bound (locale keys
# growth.reason_<bound>).
UNPROVEN = {"over": ("lower_bound", ("behind", "missed")), "under": ("upper_bound", ("met", "ahead", "on_track"))}
RANGE_COMPARATORS = ("about", "between")


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent from start to end over years (NaN if undefined)."""
    if years <= 0 or start is None or end is None or start <= 0 or end <= 0:
        return math.nan
    return ((end / start) ** (1 / years) - 1) * 100


def grow(start: float, rate_pct: float, years: float) -> float:
    """start grown at rate_pct a year for years."""
    return start * (1 + rate_pct / 100) ** years


@dataclass(frozen=True)
class Evaluation:
    """The outcome of the comparability and status rules for one target."""

    status: str
    start_year: int | None = None
    start_value: float | None = None
    start_is_baseline: bool = True
    start_source_id: str | None = None
    rate_pct: float | None = None
    latest_period: str | None = None
    latest_period_basis: str | None = None  # metrics.period_basis of the latest figure (None for a reader's own)
    latest_value: float | None = None
    latest_qualifier: str | None = None
    latest_source_id: str | None = None
    achieved_pct: float | None = None
    path_value: float | None = None
    ratio_to_path: float | None = None
    indicative: bool = False
    reason: str | None = None
    bound: str | None = None  # rule 7: 'lower_bound' or 'upper_bound' when the latest figure cannot prove the status


def _definition(row: pd.Series | dict) -> str:
    """A row's definition, the programme's own when the column is missing or empty."""
    value = row.get("definition", "") if hasattr(row, "get") else ""
    return str(value) if isinstance(value, str) and value else STANDARD_DEFINITION


def same_measure(target: pd.Series, metrics: pd.DataFrame) -> pd.DataFrame:
    """Rows of the target's scope, metric and city (whatever their definition)."""
    adcode = target.get("adcode", "") or ""
    return metrics[
        (metrics["scope"] == target["scope"])
        & (metrics["metric"] == target["metric"])
        & (metrics["adcode"].fillna("") == adcode)
    ]


def comparability(target: pd.Series, observation: pd.Series | dict) -> str | None:
    """None when the observation can score the target (rule A, B), else the reason it cannot."""
    if target.get("comparator") == "size_class" or observation.get("qualifier") == "size_class":
        return "size_class"
    if _definition(observation) != _definition(target) and observation.get("source_id") != target.get("source_id"):
        return "definition"
    return None


def observations_for(target: pd.Series, metrics: pd.DataFrame) -> pd.DataFrame:
    """Comparable observations of the target (rule A, B), best source first within a period."""
    rows = same_measure(target, metrics)
    keep = [comparability(target, row) is None for _, row in rows.iterrows()]
    rows = rows.loc[keep].copy() if keep else rows.copy()
    reliability = rows["reliability"] if "reliability" in rows else pd.Series("C", index=rows.index)
    rows["rank"] = reliability.map(RELIABILITY_RANK).fillna(9)
    return rows.sort_values(["period", "rank"]).reset_index(drop=True)


def not_comparable_for(target: pd.Series, metrics: pd.DataFrame) -> pd.DataFrame:
    """Figures of the target's scope, metric and city that cannot score it, each with its reason."""
    rows = same_measure(target, metrics)
    reasons = [comparability(target, row) for _, row in rows.iterrows()]
    out = rows.assign(reason=reasons) if len(rows) else rows.assign(reason=pd.Series(dtype="object"))
    return out[out["reason"].notna()].sort_values("period").reset_index(drop=True)


def path_start(target: pd.Series, full_years: pd.DataFrame) -> tuple[int | None, float | None, bool, str | None]:
    """(year, value, is_baseline, source_id) where the target path starts."""
    if pd.notna(target.get("baseline_value")) and target.get("baseline_period"):
        return (int(str(target["baseline_period"])[:4]), float(target["baseline_value"]), True, target.get("source_id"))
    if not full_years.empty:
        first = full_years.iloc[0]
        return int(first["period"]), float(first["value"]), False, first.get("source_id")
    return None, None, True, None


def path_rate(target: pd.Series, start_year: int | None, start_value: float | None) -> float | None:
    """Annual growth in percent that the path follows."""
    if pd.notna(target.get("target_annual_growth_pct")):
        return float(target["target_annual_growth_pct"])
    if start_year is None or start_value is None or pd.isna(target.get("target_value")):
        return None
    years = int(target["target_year"]) - start_year
    rate = cagr(start_value, float(target["target_value"]), years)  # the growth needed to reach the target
    return None if math.isnan(rate) else rate


def meets(
    value: float, target_value: float, comparator: str, qualifier: str | None = "exact", target_max: float | None = None
) -> bool:
    """Whether an observed value, as its source qualifies it, satisfies the target's comparator."""
    qualifier = qualifier or "exact"
    below = qualifier in ("nearly", "under")  # the true figure lies just under the stated one
    if comparator == "exceed":
        return value > target_value or (value == target_value and qualifier == "over")
    if comparator == "about":
        return abs(value - target_value) <= ABOUT_TOLERANCE * abs(target_value)
    if comparator == "between":
        top = target_max if target_max is not None else target_value
        return target_value <= value <= top and not (below and value == target_value)
    return value > target_value if below else value >= target_value


def start_and_latest_comparable(
    start_source: str | None, latest: pd.Series, start_year: int, observations: pd.DataFrame
) -> bool:
    """Rule C: one source gives both, or the latest figure's source also states the start year's figure."""
    latest_source = latest.get("source_id")
    if start_source is None or start_source == latest_source:
        return True
    same_source = observations[
        (observations["source_id"] == latest_source) & (observations["period"].astype(str) == str(start_year))
    ]
    return not same_source.empty


def _target_range(target: pd.Series) -> tuple[float, float]:
    """The values an about or between target accepts (ends included)."""
    value = float(target["target_value"])
    if target.get("comparator") == "about":
        return value - ABOUT_TOLERANCE * abs(value), value + ABOUT_TOLERANCE * abs(value)
    top = _target_max(target)
    return value, top if top is not None else value


def bound_reason(evaluation: Evaluation, target: pd.Series) -> str | None:
    """Rule 7: 'lower_bound' or 'upper_bound' when the latest figure is a bound that cannot prove the status."""
    qualifier = evaluation.latest_qualifier if isinstance(evaluation.latest_qualifier, str) else ""
    if qualifier not in UNPROVEN or evaluation.latest_value is None:
        return None
    reason, unproven = UNPROVEN[qualifier]
    level = pd.notna(target.get("target_value"))
    if level and target.get("comparator") in RANGE_COMPARATORS and evaluation.status in ("met", "missed"):
        low, high = _target_range(target)
        value = evaluation.latest_value
        far_side = value > high if qualifier == "over" else value < low
        return None if evaluation.status == "missed" and far_side else reason
    return reason if evaluation.status in unproven else None


def _with_flags(evaluation: Evaluation, flags: dict[str, Any], target: pd.Series) -> Evaluation:
    """The evaluation with the comparability flags given and rule 7's bound, each with its own reason."""
    bound = bound_reason(evaluation, target)
    if bound:
        flags = {**flags, "indicative": True, "bound": bound}
    return Evaluation(**{**evaluation.__dict__, **flags}) if flags else evaluation


def _target_max(target: pd.Series) -> float | None:
    value = target.get("target_value_max")
    return float(value) if value is not None and pd.notna(value) else None


def evaluate(target: pd.Series, observations: pd.DataFrame) -> Evaluation:
    """Apply the comparability and status rules (module docstring) to one target and its observations.

    observations are the rows of the target's scope, metric and city; rows that cannot score the
    target are set aside here (rule A, B).
    """
    if bool(target.get("qualitative")):
        return Evaluation("qualitative")
    if target.get("comparator") == "size_class":
        return Evaluation("not_comparable", reason="size_class")
    usable = [comparability(target, row) for _, row in observations.iterrows()]
    comparable = observations.loc[[r is None for r in usable]] if usable else observations
    ranked = comparable.assign(
        _rank=comparable.get("reliability", pd.Series("C", index=comparable.index)).map(RELIABILITY_RANK)
    )
    full = (
        ranked.loc[ranked["period"].map(periods.is_full_year).astype(bool)]
        .sort_values(["period", "_rank"], kind="stable")
        .drop_duplicates("period", keep="first")
    )
    same_source_only = any(_definition(row) != _definition(target) for _, row in full.iterrows())
    flags: dict[str, Any] = dict(indicative=True, reason="same_source_only") if same_source_only else {}
    start_year, start_value, is_baseline, start_source = path_start(target, full)
    if start_year is None or start_value is None:  # path_start gives both or neither
        if any(r is not None for r in usable):
            return Evaluation("not_comparable", reason=next(r for r in usable if r is not None))
        return Evaluation("no_data")
    reached = _reached_early(target, full, start_year, start_value, is_baseline, start_source)
    if reached is not None:
        return _with_flags(reached, flags, target)
    rate = path_rate(target, start_year, start_value)
    later = full[full["period"].astype(int) > start_year]
    base: dict[str, Any] = dict(
        start_year=start_year,
        start_value=start_value,
        start_is_baseline=is_baseline,
        start_source_id=start_source,
        rate_pct=rate,
    )
    if later.empty or rate is None:
        return Evaluation("too_early", **base)
    latest = later.iloc[-1]
    year, value = int(latest["period"]), float(latest["value"])
    details: dict[str, Any] = dict(
        latest_period=str(latest["period"]),
        latest_value=value,
        latest_qualifier=latest.get("qualifier"),
        latest_source_id=latest.get("source_id"),
        latest_period_basis=latest.get("period_basis") if isinstance(latest.get("period_basis"), str) else None,
        achieved_pct=cagr(start_value, value, year - start_year),
        path_value=grow(start_value, rate, year - start_year),
    )
    details["ratio_to_path"] = value / details["path_value"] if details["path_value"] else None
    if not flags and not start_and_latest_comparable(start_source, latest, start_year, comparable):
        flags = dict(indicative=True, reason="different_sources")
    target_year = int(target["target_year"])
    if year >= target_year:
        level = pd.notna(target.get("target_value"))
        goal = float(target["target_value"]) if level else grow(start_value, rate, target_year - start_year)
        met = meets(value, goal, target.get("comparator", "at_least"), latest.get("qualifier"), _target_max(target))
        if level and flags.get("reason") == "different_sources":
            flags = {}  # a level is compared with the figure alone; the path's start plays no part
        return _with_flags(Evaluation("met" if met else "missed", **base, **details), flags, target)
    ratio = details["ratio_to_path"]
    status = "ahead" if ratio >= AHEAD_RATIO else "on_track" if ratio >= BEHIND_RATIO else "behind"
    return _with_flags(Evaluation(status, **base, **details), flags, target)


def _reached_early(
    target: pd.Series,
    full: pd.DataFrame,
    start_year: int,
    start_value: float | None,
    is_baseline: bool,
    start_source: str | None,
) -> Evaluation | None:
    """Rule 5a: a level target whose latest full-year figure (not the baseline itself) already meets it is met."""
    if pd.isna(target.get("target_value")) or full.empty:
        return None
    latest = full.iloc[-1]
    if is_baseline and int(latest["period"]) <= start_year:
        return None
    if not meets(
        float(latest["value"]),
        float(target["target_value"]),
        target.get("comparator", "at_least"),
        latest.get("qualifier"),
        _target_max(target),
    ):
        return None
    return Evaluation(
        "met",
        start_year=start_year,
        start_value=start_value if is_baseline else None,
        start_is_baseline=is_baseline,
        start_source_id=start_source,
        latest_period=str(latest["period"]),
        latest_value=float(latest["value"]),
        latest_qualifier=latest.get("qualifier"),
        latest_source_id=latest.get("source_id"),
        latest_period_basis=latest.get("period_basis") if isinstance(latest.get("period_basis"), str) else None,
    )


def target_path(target: pd.Series, evaluation: Evaluation) -> pd.DataFrame:
    """Yearly path values from the path start to the target year (empty if there is no path)."""
    if evaluation.start_year is None or evaluation.rate_pct is None or evaluation.start_value is None:
        return pd.DataFrame(columns=["year", "value"])
    years = list(range(evaluation.start_year, int(target["target_year"]) + 1))
    values = [grow(evaluation.start_value, evaluation.rate_pct, y - evaluation.start_year) for y in years]
    return pd.DataFrame({"year": years, "value": values})


def with_reliability(metrics: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Metrics with their source's reliability tier attached (user rows keep 'user')."""
    out = metrics.drop(columns=["reliability"], errors="ignore").merge(
        sources[["source_id", "reliability"]], on="source_id", how="left"
    )
    out["reliability"] = out["reliability"].fillna("user")
    return out


def in_force(targets: pd.DataFrame) -> pd.Series:
    """True for each target that no later plan superseded."""
    if "superseded_by" not in targets:
        return pd.Series(True, index=targets.index)
    return targets["superseded_by"].fillna("").eq("")


def history(targets: pd.DataFrame, target_id: str) -> list[str]:
    """The chain of target ids that ends in target_id's successor in force, oldest first."""
    successor = dict(
        zip(
            targets["target_id"],
            targets.get("superseded_by", pd.Series("", index=targets.index)).fillna(""),
            strict=True,
        )
    )
    predecessors: dict[str, str] = {new: old for old, new in successor.items() if new}
    chain = [target_id]
    while chain[0] in predecessors and predecessors[chain[0]] not in chain:
        chain.insert(0, predecessors[chain[0]])
    while successor.get(chain[-1]) and successor[chain[-1]] not in chain:
        chain.append(successor[chain[-1]])
    return chain


def register(targets: pd.DataFrame, metrics: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per target with its evaluation: the growth-target register."""
    observed = with_reliability(metrics, sources)
    rows = []
    for _, target in targets.iterrows():
        result = evaluate(target, same_measure(target, observed).sort_values("period"))
        rows.append({**target.to_dict(), **result.__dict__})
    return pd.DataFrame(rows)
