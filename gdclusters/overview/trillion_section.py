"""The Overview's trillion-yuan section in one language: takeaway, chart, notes, sources and the tables it exports."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from gdclusters import analysis
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import t
from gdclusters.overview.timeline import trillion_chart
from gdclusters.overview.trillion import (
    trillion_cluster_counts,
    trillion_disputes,
    trillion_members,
    trillion_takeaway,
    trillion_years,
)


def trillion_export_frame(members: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The rows behind the chart in one table: each source's joining year per cluster, and each stated count."""
    joined = members.assign(
        row_kind="joined_year",
        year=members["first_year"],
        clusters_count=pd.NA,
        drawn=members["main"].map({True: "solid", False: "hollow"}),
    )
    stated = counts.assign(
        row_kind="stated_count",
        year=counts["period"].str[:4].astype(int),
        clusters_count=counts["clusters"],
        drawn=counts["conflict"].map({True: "side_by_side", False: "single"}),
    )
    frame = pd.concat([stated, joined], ignore_index=True)
    return frame.reindex(
        columns=[
            "row_kind",
            "year",
            "period_basis",
            "cluster_id",
            "cluster",
            "category",
            "clusters_count",
            "drawn",
            "source_id",
            "source",
            "quote",
            "note",
        ]
    )


def trillion_quote_tables(members: pd.DataFrame, counts: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentences behind the chart as two reader tables (joining years, stated counts), headers in lang."""
    joined = members[["cluster", "first_year", "source", "quote", "note"]].rename(
        columns={
            "cluster": t("charts.tip_cluster", lang),
            "first_year": t("overview.tip_joined", lang),
            "source": t("overview.col_source", lang),
            "quote": t("overview.col_quote", lang),
            "note": t("overview.col_note", lang),
        }
    )
    stated = counts[["period", "period_basis", "clusters", "source", "quote", "note"]].rename(
        columns={
            "period": t("overview.col_period", lang),
            "period_basis": t("overview.col_period_basis", lang),
            "clusters": t("overview.col_clusters", lang),
            "source": t("overview.col_source", lang),
            "quote": t("overview.col_quote", lang),
            "note": t("overview.col_note", lang),
        }
    )
    return joined, stated


@dataclass(frozen=True, eq=False)
class TrillionView:
    """What the Overview shows about the trillion-yuan clusters in one language.

    Shared between reruns and sessions (memoised): read it, never change it.
    """

    takeaway: str
    chart: alt.LayerChart
    notes: str
    source_ids: tuple[str, ...]
    period: str
    export: pd.DataFrame
    joined_quotes: pd.DataFrame
    count_quotes: pd.DataFrame


@memoised_per_args
def trillion_view(ds: Dataset, lang: str) -> TrillionView | None:
    """The trillion-yuan section in lang (None when the data has no member): it does not depend on the filters."""
    members = trillion_members(ds, lang)
    if members.empty:
        return None
    counts = trillion_cluster_counts(ds, lang)
    joined, stated = trillion_quote_tables(members, counts, lang)
    return TrillionView(
        takeaway=trillion_takeaway(members, counts, lang),
        chart=trillion_chart(ds, lang),
        notes=" ".join(
            [*trillion_disputes(members, lang), t("overview.trillion_measure", lang), t("overview.trillion_rule", lang)]
        ),
        source_ids=tuple(dict.fromkeys([*members["source_id"], *counts["source_id"]])),
        period=analysis.year_span(trillion_years(members, counts)),
        export=trillion_export_frame(members, counts),
        joined_quotes=joined,
        count_quotes=stated,
    )
