"""The Overview's headline figures: the best-sourced province-wide figure per (scope, metric, period), with its sources.

Every figure is read from metrics.csv by (scope, metric, period) and keeps its unit, qualifier ('nearly 3
trillion yuan') and sources. Where several sources give the same figure, the most reliable one is shown
and every source that agrees is cited; tier-D sources are never used for a figure shown as fact.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import FACT_RELIABILITY, RELIABILITY_RANK
from gdclusters.i18n import format_value, localised, t

# (key of the label in the [overview] catalogue section, scope, metric, period), in display order.
HEADLINES = (
    ("pillar_revenue_2019", "pillar_10", "operating_revenue", "2019"),
    ("emerging_revenue_2019", "emerging_10", "operating_revenue", "2019"),
    ("emerging_revenue_2023", "emerging_10", "operating_revenue", "2023"),
    ("all_added_value_2021", "all_20", "added_value", "2021"),
    ("all_share_of_gdp_2023", "all_20", "share_of_gdp_pct", "2023"),
    ("all_added_value_growth_2023", "all_20", "added_value_growth_pct", "2023"),
)


@dataclass(frozen=True)
class Figure:
    """One headline figure with everything the reader needs to check it."""

    key: str
    label: str
    value_text: str
    period: str
    period_basis: str  # metrics.period_basis: quote, published or context
    published: str  # the shown source's publication date (where period_basis is 'published')
    unit: str
    source_ids: tuple[str, ...]
    quote: str
    note: str


def _ranked(ds: Dataset, scopes: set[str]) -> pd.DataFrame:
    """Province-wide figures of the scopes from sources good enough to show as fact, best source first."""
    metrics = ds.metrics
    rows = metrics[metrics["scope"].isin(scopes) & (metrics["adcode"] == "")]
    rows = rows.merge(ds.sources[["source_id", "reliability", "published"]], on="source_id", how="left")
    rows = rows[rows["reliability"].isin(FACT_RELIABILITY)]
    rows = rows.assign(rank=rows["reliability"].map(RELIABILITY_RANK))
    # The most reliable first; among equals the most recent publication.
    return rows.sort_values(["rank", "published"], ascending=[True, False], kind="stable")


def _agreeing_sources(rows: pd.DataFrame, best: pd.Series) -> tuple[str, ...]:
    """Ids of the sources that give the same value and qualifier as the best row."""
    same = rows[(rows["value"] == best["value"]) & (rows["qualifier"] == best["qualifier"])]
    return tuple(dict.fromkeys(same["source_id"]))


@memoised_per_args
def headline_figures(ds: Dataset, lang: str) -> list[Figure]:
    """The headline figures present in the data, each formatted for lang with its period, unit and sources."""
    ranked = _ranked(ds, {scope for _, scope, _, _ in HEADLINES})
    out = []
    for key, scope, metric, period in HEADLINES:
        rows = ranked[(ranked["scope"] == scope) & (ranked["metric"] == metric) & (ranked["period"] == period)]
        if rows.empty:
            continue
        best = rows.iloc[0]
        out.append(
            Figure(
                key=key,
                label=t(f"overview.figure_{key}", lang),
                value_text=format_value(float(best["value"]), best["unit"], lang, best["qualifier"]),
                period=period,
                period_basis=best["period_basis"],
                published=best["published"],
                unit=best["unit"],
                source_ids=_agreeing_sources(rows, best),
                quote=best["quote"],
                note=localised(best, "note", lang),
            )
        )
    return out
