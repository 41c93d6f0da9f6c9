"""The 2025 scorecard: for every cluster, both groups and the programme, the target in force and how it ended.

Which target a row shows (the "headline target" of a scope, rule shown on the page):

1. Targets of the scope for the whole province (no city), in force (no later plan superseded them).
2. A target with a number before a qualitative one; then by definition: the programme's own, another
   plan's sector, a wider sector, a segment, a city's own.
3. The 2025 horizon first: a target for 2025, or one that a later plan moved from 2025 to a later year
   (the row then says "moved from 2025"); other years after, nearest first.
4. Money first: revenue, then output or scale, then added value, then anything else.
5. The more reliable source, then the target id (so the choice never depends on row order).

The status is the register's (gdclusters.growth): only comparable figures score a target.
Values are also given as a share of the target ("goal"), so that targets in different units can be
drawn on one axis: a level target's goal is its level; a growth-rate target's goal is its path's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from gdclusters import growth
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, OPEN_STATUSES, RELIABILITY_RANK, STANDARD_DEFINITION
from gdclusters.i18n import format_value, plain_number, t
from gdclusters.sourcing import source_labels
from gdclusters.targets_view import comparability_text, latest_period_text, metric_label, target_text
from gdclusters.tiers import name_column

HORIZON = 2025
GROUP_SCOPES = ("pillar_10", "emerging_10", "all_20")
FAMILY_RANK = {"revenue": 0, "output": 1, "added_value": 2}
# The cluster's own boundary first; a segment or a city's own cluster never stands for the whole cluster first.
DEFINITION_RANK = {STANDARD_DEFINITION: 0, "other_plan": 1, "wider": 2, "segment": 3, "city_own": 4}
COLUMNS = (
    "scope",
    "row_kind",
    "category",
    "name",
    "target_id",
    "target_year",
    "moved_from",
    "target_text",
    "latest_text",
    "latest_period",
    "latest_period_text",
    "latest_source",
    "required_pct",
    "achieved_pct",
    "status",
    "status_label",
    "indicative",
    "reason",
    "reason_text",
    "pct_of_goal",
    "path_pct",
    "source_ids",
)


def _superseded_from(targets: pd.DataFrame) -> dict[str, str]:
    """successor target_id -> the target it replaced."""
    column = targets["superseded_by"] if "superseded_by" in targets else pd.Series("", index=targets.index)
    return {new: old for old, new in zip(targets["target_id"], column.fillna(""), strict=True) if new}


def headline_target(ds: Dataset, scope: str) -> pd.Series | None:
    """The target a scorecard row shows for scope (rule in the module docstring), None when it has none."""
    targets = ds.targets
    rows = targets[(targets["scope"] == scope) & (targets["adcode"] == "") & growth.in_force(targets)]
    if rows.empty:
        return None
    years = dict(zip(targets["target_id"], targets["target_year"], strict=True))
    previous = _superseded_from(targets)
    family = dict(zip(ds.metric_definitions["metric"], ds.metric_definitions["family"], strict=True))
    reliability = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))

    def key(row: pd.Series) -> tuple:
        year = int(row["target_year"])
        moved = int(years[previous[row["target_id"]]]) == HORIZON if row["target_id"] in previous else False
        horizon = 0 if year == HORIZON or moved else 1
        definition = row.get("definition", "") or STANDARD_DEFINITION
        return (
            bool(row["qualitative"]),
            DEFINITION_RANK.get(definition, len(DEFINITION_RANK)),
            horizon,
            0 if moved else abs(year - HORIZON),
            FAMILY_RANK.get(family.get(row["metric"], ""), 3),
            RELIABILITY_RANK.get(reliability.get(row["source_id"], ""), 9),
            row["target_id"],
        )

    return min((row for _, row in rows.iterrows()), key=key)


def moved_from(ds: Dataset, target: pd.Series) -> int | None:
    """The year of the target this one replaced, when a later plan moved it to another year."""
    previous = _superseded_from(ds.targets).get(target["target_id"])
    if previous is None:
        return None
    year = int(ds.targets.loc[ds.targets["target_id"] == previous, "target_year"].iloc[0])
    return year if year != int(target["target_year"]) else None


def scopes_in_order(ds: Dataset) -> list[tuple[str, str, str]]:
    """(scope, row kind, category) for the 20 clusters (pillar first, file order), the two groups, the programme."""
    clusters = ds.clusters.assign(_order=ds.clusters["category"].map(CATEGORY_ORDER.index))
    ordered = clusters.sort_values("_order", kind="stable")
    rows = [(c, "cluster", cat) for c, cat in zip(ordered["cluster_id"], ordered["category"], strict=True)]
    groups = {"pillar_10": "pillar", "emerging_10": "emerging", "all_20": ""}
    return rows + [(scope, "group" if scope != "all_20" else "programme", groups[scope]) for scope in GROUP_SCOPES]


def _goal(target: pd.Series, result: growth.Evaluation) -> float | None:
    """The level that counts as 100 %: the target's level, or the end of a growth target's path."""
    if pd.notna(target.get("target_value")):
        return float(target["target_value"])
    if result.start_value is None or result.rate_pct is None or result.start_year is None:
        return None
    return growth.grow(result.start_value, result.rate_pct, int(target["target_year"]) - result.start_year)


def _pct(value: float | None, goal: float | None) -> float | None:
    if value is None or goal is None or goal <= 0 or (isinstance(value, float) and math.isnan(value)):
        return None
    return value / goal * 100


@memoised_per_args
def scorecard(ds: Dataset, lang: str) -> pd.DataFrame:
    """One row per cluster, group and the programme: headline target, latest comparable figure, status.

    Computed once per dataset and language (it does not depend on the filters); a frame of its own per call.
    """
    observed = growth.with_reliability(ds.metrics, ds.sources)
    labels = source_labels(ds.sources, lang)
    names = {
        **dict(zip(ds.scopes["scope"], ds.scopes[name_column(lang)], strict=True)),
        **dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True)),
    }
    records = []
    for scope, kind, category in scopes_in_order(ds):
        record = dict.fromkeys(COLUMNS)
        record.update(
            scope=scope, row_kind=kind, category=category, name=names.get(scope, scope), indicative=False, source_ids=""
        )
        target = headline_target(ds, scope)
        if target is None:
            record.update(
                status="no_target",
                status_label=t("status.no_target", lang),
                target_text="",
                latest_text="",
                reason_text="",
            )
            records.append(record)
            continue
        result = growth.evaluate(target, growth.same_measure(target, observed).sort_values("period"))
        goal = _goal(target, result)
        has_latest = result.latest_value is not None
        record.update(
            target_id=target["target_id"],
            target_year=int(target["target_year"]),
            moved_from=moved_from(ds, target),
            target_text=t(
                "scorecard.target_with_measure",
                lang,
                measure=metric_label(ds, target["metric"], lang),
                target=target_text(target, lang),
            ),
            latest_text=(
                format_value(result.latest_value, target["unit"], lang, result.latest_qualifier or "exact")
                if result.latest_value is not None
                else ""
            ),
            latest_period=result.latest_period if has_latest else None,
            latest_period_text=latest_period_text(ds, result, lang) if has_latest else "",
            latest_source=labels.get(result.latest_source_id or "", "") if has_latest else "",
            required_pct=_round(result.rate_pct),
            achieved_pct=_round(result.achieved_pct),
            status=result.status,
            status_label=t(f"status.{result.status}", lang),
            indicative=result.indicative,
            reason=result.reason,
            reason_text=comparability_text(result.__dict__, labels, lang),
            pct_of_goal=_pct(result.latest_value, goal),
            path_pct=_pct(result.path_value, goal),
            source_ids="; ".join(dict.fromkeys(s for s in (target["source_id"], result.latest_source_id) if s)),
        )
        records.append(record)
    return pd.DataFrame(records, columns=list(COLUMNS))


def _round(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 1)


def status_counts(register: pd.DataFrame, year: int = HORIZON) -> dict[str, int]:
    """How many targets for year (in force) are met, missed, or not measurable yet; qualitative ones apart."""
    rows = register[register["target_year"].astype(int) == year]
    if "superseded_by" in rows:
        rows = rows[rows["superseded_by"].fillna("") == ""]
    return {
        "met": int(rows["status"].isin(["met"]).sum()),
        "missed": int(rows["status"].isin(["missed"]).sum()),
        "open": int(rows["status"].isin(list(OPEN_STATUSES)).sum()),
        "qualitative": int((rows["status"] == "qualitative").sum()),
    }


def _is_rate(value: object) -> bool:
    """True for a rate that exists: not None, NaN or pandas NA (a frame turns a missing rate into NaN)."""
    return value is not None and not pd.isna(value)


def growth_pair_text(required: float | None, achieved: float | None, lang: str) -> str:
    """'required 9.1% a year, achieved 13.4%'; only the rates that exist, or words saying there is none."""
    has_required, has_achieved = _is_rate(required), _is_rate(achieved)
    if not (has_required or has_achieved):
        return t("scorecard.growth_none", lang)
    key = {(True, True): "growth_pair", (True, False): "growth_required_only", (False, True): "growth_achieved_only"}
    return t(
        f"scorecard.{key[has_required, has_achieved]}",
        lang,
        required=plain_number(float(required), 1) + "%" if required is not None and has_required else "",
        achieved=plain_number(float(achieved), 1) + "%" if achieved is not None and has_achieved else "",
    )


def takeaway(frame: pd.DataFrame, lang: str) -> str:
    """One sentence a reader takes away: how the 20 clusters' headline targets ended."""
    clusters = frame[frame["row_kind"] == "cluster"]
    status = clusters["status"]
    return t(
        "scorecard.takeaway",
        lang,
        n=len(clusters),
        met=int((status == "met").sum()),
        missed=int((status == "missed").sum()),
        open=int(status.isin(list(OPEN_STATUSES)).sum()),
        none=int(status.isin(["no_target", "qualitative"]).sum()),
        indicative=int(clusters["indicative"].astype(bool).sum()),
    )


def scorecard_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scorecard as text, with headers in lang: for the static table and the CSV."""
    moved = [t("scorecard.moved", lang, year=int(y)) if pd.notna(y) and y else "" for y in frame["moved_from"]]
    return pd.DataFrame(
        {
            t("scorecard.col_name", lang): frame["name"],
            t("scorecard.col_target", lang): [
                t("scorecard.target_moved", lang, target=text, moved=m) if m else text
                for text, m in zip(frame["target_text"], moved, strict=True)
            ],
            t("scorecard.col_latest", lang): frame["latest_text"],
            t("scorecard.col_year", lang): frame["latest_period_text"].fillna(""),
            # A row without a target has no rate to speak of; a target without one says so.
            t("scorecard.col_growth", lang): [
                growth_pair_text(r, a, lang) if pd.notna(target_id) else ""
                for r, a, target_id in zip(
                    frame["required_pct"], frame["achieved_pct"], frame["target_id"], strict=True
                )
            ],
            t("scorecard.col_status", lang): [
                s + (t("scorecard.indicative_mark", lang) if bool(i) else "")
                for s, i in zip(frame["status_label"], frame["indicative"], strict=True)
            ],
            t("scorecard.col_reason", lang): frame["reason_text"].fillna(""),
            t("scorecard.col_source", lang): frame["latest_source"].fillna(""),
            t("scorecard.col_target_id", lang): frame["target_id"].fillna(""),
        }
    )


def verdicts(ds: Dataset, lang: str) -> pd.DataFrame:
    """What officials said of the programme as a whole (statements of kind verdict), latest period first."""
    rows = ds.statements[
        (ds.statements["kind"] == "verdict")
        & ds.statements["scope"].isin(["all_20", "province"])
        & (ds.statements["adcode"] == "")
    ]
    rows = rows.sort_values("period", ascending=False, kind="stable")
    labels = source_labels(ds.sources, lang)
    return pd.DataFrame(
        {
            t("scorecard.col_period", lang): rows["period"],
            t("scorecard.col_verdict", lang): rows["summary_zh" if lang == "zh" else "summary_en"],
            t("scorecard.col_quote", lang): rows["quote"],
            t("scorecard.col_statement_source", lang): [labels.get(s, s) for s in rows["source_id"]],
        }
    )


@dataclass(frozen=True, eq=False)
class ScorecardView:
    """The Growth targets page's scorecard section in one language: its sentence, table, sources and verdicts.

    Shared between reruns and sessions (memoised): read it, never change it or its frames.
    """

    takeaway: str
    table: pd.DataFrame
    source_ids: tuple[str, ...]
    verdicts: pd.DataFrame


@memoised_per_args
def scorecard_view(ds: Dataset, lang: str) -> ScorecardView:
    """The scorecard section in lang, once per dataset and language (no filter applies to it)."""
    frame = scorecard(ds, lang)
    return ScorecardView(
        takeaway=takeaway(frame, lang),
        table=scorecard_table(frame, lang),
        source_ids=tuple(s for joined in frame["source_ids"] for s in joined.split("; ") if s),
        verdicts=verdicts(ds, lang),
    )
