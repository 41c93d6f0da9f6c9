"""The coverage grid rule: which facts fill each (cluster, column) cell, and what each cell holds.

The grid has one row per cluster (pillar clusters, then emerging, each in clusters.csv order) and ten
columns: ``base_2019``, ``2019`` … ``2025``, ``target_2025`` and ``outcome_2025``. The cell rule:

1. A fact fills a cell only when it is the cluster's own province-level fact: ``scope`` is the
   cluster, ``adcode`` is empty and ``definition`` is the programme's own (empty or ``standard``).
   Facts of the cluster for one city (an adcode) are counted beside the cell as "+N city"; facts with
   another definition (a segment, a wider sector, another plan's sector, a city's own boundary) as
   "+N other definition". Neither fills the cell, so a province hole stays a hole.
2. ``base_2019``: figures of any measure for the period 2019, and target baselines stated for 2019.
3. ``2019`` … ``2025``: full-year figures (period equal to the year) of a money family (revenue,
   output, added value). A year with only part-year figures (2021H1, 2023Q1-Q3) is *partial*.
4. ``target_2025``: targets for 2025, in force or superseded (a revised plan's target and the one it
   replaced both count).
5. ``outcome_2025``: 2025 targets in force (not replaced by a revised plan) whose status
   (gdclusters.growth) is met or missed, that is, which a comparable full-year figure settles: the targets
   the Overview and the Growth targets page count as met or missed. A level target that an earlier figure
   already meets is met (the status rule's rule 5), so it counts too. The facts of this cell are the
   settling figures.
6. A cell holds the number of facts, their measures (the families of metric_definitions.csv) and the
   best tier: the most reliable source among them (A best, then B, C, D). A cell with nothing is "—".
"""

from __future__ import annotations

import pandas as pd

from gdclusters import growth, periods
from gdclusters.analysis import memoised
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, RELIABILITY_RANK, RELIABILITY_TIERS, SETTLED_STATUSES, STANDARD_DEFINITION

YEARS = tuple(range(2019, 2026))
TARGET_YEAR = 2025
PERIOD = f"{YEARS[0]}–{YEARS[-1]}"
BASE_PERIOD = "2019"
COLUMNS = ("base_2019", *(str(year) for year in YEARS), "target_2025", "outcome_2025")
MONEY_FAMILIES = ("revenue", "output", "added_value")
FAMILY_ORDER = (*MONEY_FAMILIES, "growth", "share", "count", "physical", "capacity", "profit", "trade")
# What colours a cell: its best tier, "partial" (part-year figures only) or "none" (nothing).
FILLS = (*RELIABILITY_TIERS, "partial", "none")
_FACT_COLUMNS = ["cluster_id", "column", "kind", "family", "tier", "partial", "superseded", "status"]


def _text(frame: pd.DataFrame, column: str, default: str = "") -> pd.Series:
    """A text column, or default for every row when the release has no such column yet."""
    if column not in frame:
        return pd.Series(default, index=frame.index, dtype="object")
    return frame[column].fillna("").astype(str)


def _kinds(frame: pd.DataFrame) -> pd.Series:
    """'province', 'city' (the row names a city) or 'other' (another definition) for each row (rule 1)."""
    definition = _text(frame, "definition").replace("", STANDARD_DEFINITION)
    kind = pd.Series("province", index=frame.index, dtype="object")
    kind[definition != STANDARD_DEFINITION] = "other"
    kind[_text(frame, "adcode") != ""] = "city"
    return kind


def _facts(ds: Dataset) -> pd.DataFrame:
    """One row per (fact, column it belongs to), with kind, family, tier and the target's status."""
    clusters = set(ds.clusters["cluster_id"])
    families = dict(zip(ds.metric_definitions["metric"], ds.metric_definitions["family"], strict=True))
    tiers = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    metrics = ds.metrics[ds.metrics["scope"].isin(clusters)]
    targets = ds.targets[ds.targets["scope"].isin(clusters)]
    parts = []

    def add(rows: pd.DataFrame, column: pd.Series | str, sources: pd.Series, **extra) -> None:
        if rows.empty:
            return
        parts.append(
            pd.DataFrame(
                {
                    "cluster_id": rows["scope"],
                    "column": column,
                    "kind": _kinds(rows),
                    "family": rows["metric"].map(families).fillna(""),
                    "tier": sources.map(tiers).fillna(""),
                    "partial": False,
                    "superseded": False,
                    "status": "",
                    **extra,
                }
            )
        )

    base = metrics[metrics["period"] == BASE_PERIOD]
    add(base, "base_2019", base["source_id"])
    money = metrics[metrics["metric"].map(families).isin(MONEY_FAMILIES)]
    year = money["period"].str[:4]
    money = money[year.isin(COLUMNS)]
    add(money, year[money.index], money["source_id"], partial=~money["period"].map(periods.is_full_year).astype(bool))
    baselines = targets[(_text(targets, "baseline_period") == BASE_PERIOD) & targets["baseline_value"].notna()]
    add(baselines, "base_2019", baselines["source_id"])
    due = targets[targets["target_year"] == TARGET_YEAR]
    add(due, "target_2025", due["source_id"], superseded=~growth.in_force(due))
    # A replaced target is not scored (the scorecard and the Overview count targets in force only).
    settled, settling_sources, statuses = _outcomes(ds, due[growth.in_force(due)])
    add(settled, "outcome_2025", settling_sources, status=statuses)
    facts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_FACT_COLUMNS)
    return facts[_FACT_COLUMNS]


def _outcomes(ds: Dataset, due: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The settled 2025 targets (status met or missed) with the source of the figure that settles each."""
    observed = growth.with_reliability(ds.metrics[ds.metrics["scope"].isin(due["scope"])], ds.sources)
    # Only a target with a full-year figure of its measure can be settled (status rule 4): the others are skipped.
    full_year = observed[observed["period"].map(periods.is_full_year).astype(bool)]
    measured = set(zip(full_year["scope"], full_year["metric"], full_year["adcode"].fillna(""), strict=True))
    statuses, sources = {}, {}
    for index, target in due.iterrows():
        if (target["scope"], target["metric"], target.get("adcode", "") or "") not in measured:
            continue
        result = growth.evaluate(target, growth.same_measure(target, observed).sort_values("period"))
        if result.status in SETTLED_STATUSES:
            statuses[index] = result.status
            sources[index] = result.latest_source_id or target["source_id"]
    settled = due.loc[list(statuses)]
    return (
        settled,
        pd.Series(sources, index=settled.index, dtype="object"),
        pd.Series(statuses, index=settled.index, dtype="object"),
    )


def _best_tier(tiers: list[str]) -> str:
    """The most reliable tier among a cell's facts (A before B before C before D)."""
    known = [tier for tier in tiers if tier]
    return min(known, key=lambda tier: RELIABILITY_RANK.get(tier, len(RELIABILITY_RANK))) if known else ""


def _family_list(families: list[str]) -> tuple[str, ...]:
    """The distinct families of a cell's facts, money families first."""
    rank = {family: i for i, family in enumerate(FAMILY_ORDER)}
    return tuple(sorted(set(families) - {""}, key=lambda f: (rank.get(f, len(rank)), f)))


def cluster_order(ds: Dataset) -> list[str]:
    """Cluster ids, pillar clusters first, then emerging, each in clusters.csv order."""
    rank = {category: i for i, category in enumerate(CATEGORY_ORDER)}
    clusters = ds.clusters.assign(_rank=ds.clusters["category"].map(rank).fillna(len(rank)))
    return list(clusters.sort_values("_rank", kind="stable")["cluster_id"])


def _cell(facts: list[dict]) -> dict:
    """What one cell holds, from the facts of its cluster and column (rules 1, 3 and 6)."""
    own = [fact for fact in facts if fact["kind"] == "province"]
    full = [fact for fact in own if not fact["partial"]]
    shown = full or own
    tier = _best_tier([fact["tier"] for fact in shown])
    fill = "none" if not shown else "partial" if not full else (tier or "none")
    return {
        "count": len(shown),
        "families": _family_list([fact["family"] for fact in shown]),
        "tier": tier,
        "fill": fill,
        "city": sum(fact["kind"] == "city" for fact in facts),
        "other": sum(fact["kind"] == "other" for fact in facts),
        "superseded": sum(bool(fact["superseded"]) for fact in shown),
        "met": sum(fact["status"] == "met" for fact in shown),
        "missed": sum(fact["status"] == "missed" for fact in shown),
    }


@memoised
def coverage_cells(ds: Dataset) -> pd.DataFrame:
    """One row per (cluster, column): count, families, best tier, fill, city and other-definition counts."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for fact in _facts(ds).to_dict("records"):
        groups.setdefault((fact["cluster_id"], fact["column"]), []).append(fact)
    return pd.DataFrame(
        [
            {"cluster_id": cluster_id, "column": column, **_cell(groups.get((cluster_id, column), []))}
            for cluster_id in cluster_order(ds)
            for column in COLUMNS
        ]
    )
