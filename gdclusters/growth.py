"""Growth maths and the target status rule.

The rule (shown on the Growth targets and Sources pages):

1. A qualitative target gets status ``qualitative``: nothing is computed.
2. Observations are the metrics rows with the target's scope, metric and city (adcode). Only
   full-year periods (``2023``) count; part-year figures (``2021H1``) are shown but not scored.
   Where several sources give the same year, the most reliable one counts (A before B before C).
3. The path starts at the target's baseline, or, when the plan states none, at the earliest
   full-year observation ("path start"). A growth target grows the start by
   ``target_annual_growth_pct`` a year; a level target grows it at the constant rate that reaches
   ``target_value`` in ``target_year`` (the required annual growth).
4. ``no_data``: no full-year observation and no baseline. ``too_early``: no full-year observation
   later than the path start (progress cannot be measured yet), or no path can be drawn.
5. A level target whose latest full-year observation (other than the baseline) already satisfies
   the comparator (at_least: ≥ target, exceed: > target, about: within ±5 %) is ``met``, whatever
   the year. Otherwise, if the latest observation is for the target year or later: ``met`` when it
   satisfies the comparator, else ``missed``.
6. Otherwise compare the latest observation with the path value for its year:
   ``ahead`` at ≥ 102 % of the path, ``on_track`` from 98 % to 102 %, ``behind`` below 98 %.
   A figure qualified as "nearly" or "over" is taken at its stated value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

AHEAD_RATIO = 1.02
BEHIND_RATIO = 0.98
ABOUT_TOLERANCE = 0.05
STATUSES = ("ahead", "on_track", "behind", "met", "missed", "too_early", "no_data", "qualitative")
RELIABILITY_RANK = {"A": 0, "B": 1, "C": 2, "D": 3, "user": 4}
_FULL_YEAR = re.compile(r"^\d{4}$")


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent from start to end over years (NaN if undefined)."""
    if years <= 0 or start is None or end is None or start <= 0 or end <= 0:
        return math.nan
    return ((end / start) ** (1 / years) - 1) * 100


def required_growth(baseline: float, target: float, years: float) -> float:
    """Annual growth in percent needed to go from baseline to target in years."""
    return cagr(baseline, target, years)


def grow(start: float, rate_pct: float, years: float) -> float:
    """start grown at rate_pct a year for years."""
    return start * (1 + rate_pct / 100) ** years


def is_full_year(period: str) -> bool:
    """True for a full-year period such as '2023'."""
    return bool(_FULL_YEAR.match(str(period)))


@dataclass(frozen=True)
class Evaluation:
    """The outcome of the status rule for one target."""

    status: str
    start_year: int | None = None
    start_value: float | None = None
    start_is_baseline: bool = True
    rate_pct: float | None = None
    latest_period: str | None = None
    latest_value: float | None = None
    latest_qualifier: str | None = None
    latest_source_id: str | None = None
    achieved_pct: float | None = None
    path_value: float | None = None
    ratio_to_path: float | None = None


def observations_for(target: pd.Series, metrics: pd.DataFrame) -> pd.DataFrame:
    """Observations of the target's scope, metric and city, best source first within a period."""
    adcode = target.get("adcode", "") or ""
    rows = metrics[(metrics["scope"] == target["scope"]) & (metrics["metric"] == target["metric"])
                   & (metrics["adcode"].fillna("") == adcode)].copy()
    reliability = rows["reliability"] if "reliability" in rows else pd.Series("C", index=rows.index)
    rows["rank"] = reliability.map(RELIABILITY_RANK).fillna(9)
    return rows.sort_values(["period", "rank"]).reset_index(drop=True)


def path_start(target: pd.Series, full_years: pd.DataFrame) -> tuple[int | None, float | None, bool]:
    """(year, value, is_baseline) where the target path starts."""
    if pd.notna(target.get("baseline_value")) and target.get("baseline_period"):
        return int(str(target["baseline_period"])[:4]), float(target["baseline_value"]), True
    if not full_years.empty:
        first = full_years.iloc[0]
        return int(first["period"]), float(first["value"]), False
    return None, None, True


def path_rate(target: pd.Series, start_year: int | None, start_value: float | None) -> float | None:
    """Annual growth in percent that the path follows."""
    if pd.notna(target.get("target_annual_growth_pct")):
        return float(target["target_annual_growth_pct"])
    if start_year is None or pd.isna(target.get("target_value")):
        return None
    years = int(target["target_year"]) - start_year
    rate = required_growth(start_value, float(target["target_value"]), years)
    return None if math.isnan(rate) else rate


def meets(value: float, target_value: float, comparator: str) -> bool:
    """Whether an observed value satisfies the target's comparator."""
    if comparator == "exceed":
        return value > target_value
    if comparator == "about":
        return abs(value - target_value) <= ABOUT_TOLERANCE * abs(target_value)
    return value >= target_value


def evaluate(target: pd.Series, observations: pd.DataFrame) -> Evaluation:
    """Apply the status rule (module docstring) to one target and its observations."""
    if bool(target.get("qualitative")):
        return Evaluation("qualitative")
    ranked = observations.assign(
        _rank=observations.get("reliability", pd.Series("C", index=observations.index)).map(RELIABILITY_RANK))
    full = (ranked.loc[ranked["period"].map(is_full_year).astype(bool)].sort_values(["period", "_rank"], kind="stable")
            .drop_duplicates("period", keep="first"))
    start_year, start_value, is_baseline = path_start(target, full)
    if start_year is None:
        return Evaluation("no_data")
    reached = _reached_early(target, full, start_year, is_baseline)
    if reached is not None:
        return reached
    rate = path_rate(target, start_year, start_value)
    later = full[full["period"].astype(int) > start_year]
    base = dict(start_year=start_year, start_value=start_value, start_is_baseline=is_baseline, rate_pct=rate)
    if later.empty or rate is None:
        return Evaluation("too_early", **base)
    latest = later.iloc[-1]
    year, value = int(latest["period"]), float(latest["value"])
    details = dict(
        latest_period=str(latest["period"]), latest_value=value,
        latest_qualifier=latest.get("qualifier"), latest_source_id=latest.get("source_id"),
        achieved_pct=cagr(start_value, value, year - start_year),
        path_value=grow(start_value, rate, year - start_year),
    )
    details["ratio_to_path"] = value / details["path_value"] if details["path_value"] else None
    target_year = int(target["target_year"])
    if year >= target_year:
        goal = (float(target["target_value"]) if pd.notna(target.get("target_value"))
                else grow(start_value, rate, target_year - start_year))
        status = "met" if meets(value, goal, target.get("comparator", "at_least")) else "missed"
        return Evaluation(status, **base, **details)
    ratio = details["ratio_to_path"]
    status = "ahead" if ratio >= AHEAD_RATIO else "on_track" if ratio >= BEHIND_RATIO else "behind"
    return Evaluation(status, **base, **details)


def _reached_early(target: pd.Series, full: pd.DataFrame, start_year: int, is_baseline: bool) -> Evaluation | None:
    """Rule 5a: a level target whose latest full-year figure (not the baseline itself) already meets it is met."""
    if pd.isna(target.get("target_value")) or full.empty:
        return None
    latest = full.iloc[-1]
    if is_baseline and int(latest["period"]) <= start_year:
        return None
    if not meets(float(latest["value"]), float(target["target_value"]), target.get("comparator", "at_least")):
        return None
    return Evaluation("met", start_year=start_year, start_value=None if not is_baseline else float(
        target["baseline_value"]), start_is_baseline=is_baseline, latest_period=str(latest["period"]),
        latest_value=float(latest["value"]), latest_qualifier=latest.get("qualifier"),
        latest_source_id=latest.get("source_id"))


def target_path(target: pd.Series, evaluation: Evaluation) -> pd.DataFrame:
    """Yearly path values from the path start to the target year (empty if there is no path)."""
    if evaluation.start_year is None or evaluation.rate_pct is None:
        return pd.DataFrame(columns=["year", "value"])
    years = list(range(evaluation.start_year, int(target["target_year"]) + 1))
    values = [grow(evaluation.start_value, evaluation.rate_pct, y - evaluation.start_year) for y in years]
    return pd.DataFrame({"year": years, "value": values})


def with_reliability(metrics: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Metrics with their source's reliability tier attached (user rows keep 'user')."""
    out = metrics.drop(columns=["reliability"], errors="ignore").merge(
        sources[["source_id", "reliability"]], on="source_id", how="left")
    out["reliability"] = out["reliability"].fillna("user")
    return out


def register(targets: pd.DataFrame, metrics: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per target with its evaluation: the growth-target register."""
    observed = with_reliability(metrics, sources)
    rows = []
    for _, target in targets.iterrows():
        result = evaluate(target, observations_for(target, observed))
        rows.append({**target.to_dict(), **result.__dict__})
    return pd.DataFrame(rows)
