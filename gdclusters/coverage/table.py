"""The coverage grid in words: each cell's text, the grid as a table, and the takeaway sentence."""

from __future__ import annotations

import pandas as pd

from gdclusters.coverage.grid import COLUMNS, YEARS, cluster_order, coverage_cells
from gdclusters.dataset import Dataset
from gdclusters.domain import RELIABILITY_TIERS, SETTLED_STATUSES
from gdclusters.i18n import t
from gdclusters.tiers import name_column

EMPTY = "—"
# Years after which a cluster with no full-year figure counts as "stale" in the takeaway.
STALE_AFTER = 2021
RECENT_YEARS = ("2024", "2025")


def column_label(column: str, lang: str) -> str:
    """A grid column's heading ('2019 base', '2021', '2025 outcome')."""
    if column.isdigit():
        return t("coverage.col_year", lang, year=column)
    return t(f"coverage.col_{column}", lang)


def _families_text(families: tuple[str, ...], lang: str) -> str:
    return t("coverage.list_separator", lang).join(t(f"definitions.family_{family}", lang) for family in families)


def _status_parts(cell: pd.Series, lang: str) -> list[str]:
    """['met', 'missed ×2'] for an outcome cell (empty for any other)."""
    return [
        t(f"status.{status}", lang) + (f" ×{cell[status]}" if cell[status] > 1 else "")
        for status in SETTLED_STATUSES
        if cell[status]
    ]


def _extras_text(cell: pd.Series, lang: str) -> str:
    """'+1 city, +2 other definition' for the facts beside the cell ('' when none)."""
    parts = [
        t("coverage.extra_city", lang, n=int(cell["city"])) if cell["city"] else "",
        t("coverage.extra_other", lang, n=int(cell["other"])) if cell["other"] else "",
    ]
    return t("coverage.list_separator", lang).join(part for part in parts if part)


def cell_text(cell: pd.Series, lang: str) -> str:
    """What a cell holds, in words: '2 · revenue, added value · A', 'partial · added value · B' or '—'."""
    if cell["fill"] == "none":
        parts = [EMPTY]
    else:
        head = t("coverage.partial", lang) if cell["fill"] == "partial" else str(cell["count"])
        parts = [head, _families_text(cell["families"], lang)]
        parts += [t("coverage.list_separator", lang).join(_status_parts(cell, lang)), cell["tier"]]
    text = " · ".join(part for part in parts if part)
    extras = _extras_text(cell, lang)
    return t("coverage.with_extras", lang, text=text, extras=extras) if extras else text


def short_text(cell: pd.Series, lang: str) -> str:
    """The lines drawn inside a heat-map cell: '2 · A' (or 'partial · B', '—'), then 'met', '+1 city', '+2 other'."""
    if cell["fill"] == "none":
        lines = [EMPTY]
    else:
        head = t("coverage.partial", lang) if cell["fill"] == "partial" else str(cell["count"])
        lines = [f"{head} · {cell['tier']}"]
    lines += _status_parts(cell, lang)
    if cell["city"]:
        lines.append(t("coverage.extra_city", lang, n=int(cell["city"])))
    if cell["other"]:
        lines.append(t("coverage.extra_other_short", lang, n=int(cell["other"])))
    return "\n".join(lines)


def _names(ds: Dataset, lang: str) -> dict[str, str]:
    return dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True))


def coverage_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """The grid: one row per cluster (pillar, then emerging), a text cell per column of COLUMNS."""
    cells = coverage_cells(ds)
    texts = cells.assign(text=[cell_text(cell, lang) for _, cell in cells.iterrows()])
    grid = texts.pivot(index="cluster_id", columns="column", values="text")
    order = cluster_order(ds)
    categories = dict(zip(ds.clusters["cluster_id"], ds.clusters["category"], strict=True))
    names = _names(ds, lang)
    out = pd.DataFrame(
        {
            "cluster_id": order,
            "cluster": [names[c] for c in order],
            "category": [t(f"category.{categories[c]}", lang) for c in order],
        }
    )
    for column in COLUMNS:
        out[column] = grid.loc[order, column].to_list()
    return out


def labelled_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The grid with headings in lang and without the id column: what the page, the CSV and the CLI show."""
    headings = {
        "cluster": t("coverage.col_cluster", lang),
        "category": t("coverage.col_category", lang),
        **{column: column_label(column, lang) for column in COLUMNS},
    }
    return table.drop(columns=["cluster_id"]).rename(columns=headings)


def summary(ds: Dataset) -> dict[str, int]:
    """Counts for the takeaway: clusters, those with a full-year figure for 2024 or 2025, those with none
    after STALE_AFTER, and those with a settled 2025 target."""
    cells = coverage_cells(ds)
    full = cells[cells["column"].isin([str(y) for y in YEARS]) & cells["fill"].isin(RELIABILITY_TIERS)]
    clusters = set(cells["cluster_id"])
    late = set(full.loc[full["column"].astype(int) > STALE_AFTER, "cluster_id"])
    outcome = cells[(cells["column"] == "outcome_2025") & (cells["fill"] != "none")]
    return {
        "clusters": len(clusters),
        "recent": int(full.loc[full["column"].isin(RECENT_YEARS), "cluster_id"].nunique()),
        "stale": len(clusters - late),
        "settled": int(outcome["cluster_id"].nunique()),
    }


def takeaway(ds: Dataset, lang: str) -> str:
    """One sentence on the holes, computed from the data."""
    counts = summary(ds)
    return t(
        "coverage.takeaway_line",
        lang,
        total=counts["clusters"],
        recent=counts["recent"],
        stale=counts["stale"],
        after=STALE_AFTER,
        settled=counts["settled"],
    )
