"""The trillion-yuan clusters as data: the counts each source states, the year each cluster joined, and the sentences.

The count of trillion-yuan clusters is the one figure where sources that disagree on a year are all shown,
side by side, beside the year each cluster joined (trillion_members.csv). Tier-D sources are left out.
"""

from __future__ import annotations

import pandas as pd

from gdclusters import periods, tiers
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import FACT_RELIABILITY, RELIABILITY_RANK, STANDARD_DEFINITION
from gdclusters.i18n import DEFAULT_LANGUAGE, join_parts, localised, t
from gdclusters.overview.headline import _ranked
from gdclusters.sourcing import source_labels

TRILLION_SCOPE = "all_20"
TRILLION_METRIC = "trillion_clusters_count"
# Columns of trillion_cluster_counts and trillion_members.
TRILLION_COUNT_COLUMNS = (
    "period",
    "period_basis",
    "period_basis_id",
    "clusters",
    "source",
    "source_id",
    "published",
    "quote",
    "note",
    "conflict",
)
TRILLION_MEMBER_COLUMNS = (
    "cluster_id",
    "cluster",
    "category",
    "category_label",
    "first_year",
    "main_year",
    "main",
    "disputed",
    "joined",
    "joined_sources",
    "label",
    "source_id",
    "source",
    "quote",
    "note",
)


@memoised_per_args
def trillion_cluster_counts(ds: Dataset, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """How many clusters passed 1 trillion yuan of annual output as each source states it, per (period, source).

    Sources that disagree on a period are all kept (conflict is True on their rows), lowest count first. Only
    counts of the 20 clusters as the programme defines them: a count of another grouping is another series.
    """
    rows = _ranked(ds, {TRILLION_SCOPE})
    rows = rows[(rows["metric"] == TRILLION_METRIC) & rows["definition"].isin(["", STANDARD_DEFINITION])]
    labels = source_labels(ds.sources, lang)
    frame = rows.assign(
        clusters=rows["value"].astype(int),
        source=rows["source_id"].map(labels),
        note=localised(rows, "note", lang),
        period_basis_id=rows["period_basis"],
        period_basis=[
            periods.basis_text(basis, published, lang)
            for basis, published in zip(rows["period_basis"], rows["published"], strict=True)
        ],
    )
    frame = frame.sort_values(
        ["period", "clusters", "rank", "published"], ascending=[True, True, True, False], kind="stable"
    )
    frame["conflict"] = frame.groupby("period")["clusters"].transform("nunique").gt(1)
    return frame[list(TRILLION_COUNT_COLUMNS)].reset_index(drop=True)


def _or_list(values: list[str], lang: str) -> str:
    """'2022 or 2023' / '2022年或2023年'."""
    return t("overview.trillion_or", lang).join(values)


def _and_list(values: list[str], lang: str) -> str:
    """'a, b and c' / 'a、b、c'."""
    if len(values) < 2:
        return "".join(values)
    return t("overview.trillion_list_sep", lang).join(values[:-1]) + t("overview.trillion_list_last", lang) + values[-1]


def _year_text(years, lang: str) -> str:
    """The years a cluster joined, by the sources, as words ('2022 or 2023')."""
    return _or_list([t("overview.trillion_year", lang, year=y) for y in sorted(set(years))], lang)


@memoised_per_args
def trillion_members(ds: Dataset, lang: str) -> pd.DataFrame:
    """The trillion-yuan clusters, one row per (cluster, source): the year of data the source first counts it in.

    main marks the one row per cluster the chart draws solid: the latest year any source gives, from which every
    source counts the cluster (among equals the most reliable, then most recently published source); an earlier
    year another source gives is drawn hollow. Clusters come in the order they joined (by their main year), then
    in clusters.csv order; tier-D sources are left out.
    """
    columns = list(TRILLION_MEMBER_COLUMNS)
    table = ds.trillion_members
    if table.empty:
        return pd.DataFrame(columns=columns)
    clusters = ds.clusters.reset_index(drop=True).assign(position=lambda frame: frame.index)
    rows = table.merge(ds.sources[["source_id", "reliability", "published"]], on="source_id", how="left")
    rows = rows[rows["reliability"].isin(FACT_RELIABILITY)]
    rows = rows.assign(rank=rows["reliability"].map(RELIABILITY_RANK), first_year=rows["first_year"].astype(int))
    rows = rows.merge(
        clusters[["cluster_id", tiers.name_column(lang), "category", "position"]], on="cluster_id", how="inner"
    ).rename(columns={tiers.name_column(lang): "cluster"})
    rows = rows.sort_values(["first_year", "rank", "published"], ascending=[False, True, False], kind="stable")
    rows["main"] = ~rows["cluster_id"].duplicated()
    main_year = rows[rows["main"]].set_index("cluster_id")["first_year"]
    rows["main_year"] = rows["cluster_id"].map(main_year)
    start = int(main_year.min())
    labels = source_labels(ds.sources, lang)
    rows["source"] = rows["source_id"].map(labels)
    rows["note"] = localised(rows, "note", lang)
    rows["category_label"] = [t(f"category.{c}", lang) for c in rows["category"]]
    years = rows.groupby("cluster_id")["first_year"].agg(lambda y: _year_text(y, lang))
    rows["joined"] = rows["cluster_id"].map(years)
    by_year = rows.groupby(["cluster_id", "first_year"])["source"].agg(
        lambda s: t("overview.trillion_list_sep", lang).join(dict.fromkeys(s))
    )
    joined_sources = {
        cluster_id: t("overview.trillion_sources_sep", lang).join(
            t("overview.trillion_year_by", lang, year=year, sources=sources) for (_, year), sources in group.items()
        )
        for cluster_id, group in by_year.groupby(level=0)
    }
    rows["joined_sources"] = rows["cluster_id"].map(joined_sources)
    rows["disputed"] = rows.groupby("cluster_id")["first_year"].transform("nunique").gt(1)
    rows["label"] = [
        name if not disputed and year == start else t("overview.trillion_label_joined", lang, name=name, years=joined)
        for name, year, disputed, joined in zip(
            rows["cluster"], rows["main_year"], rows["disputed"], rows["joined"], strict=True
        )
    ]
    rows = rows.sort_values(
        ["main_year", "position", "main", "first_year"], ascending=[True, True, False, True], kind="stable"
    )
    return rows[columns].reset_index(drop=True)


def trillion_years(members: pd.DataFrame, counts: pd.DataFrame) -> list[int]:
    """The years of data the chart spans: from the first joining year to the last year any source covers."""
    years = [int(y) for y in members["first_year"]] + [int(str(p)[:4]) for p in counts["period"]]
    return list(range(min(years), max(years) + 1)) if years else []


def trillion_count_labels(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One label per year: the count the sources state, or the counts they disagree on side by side ('9 or 10')."""
    records = []
    for period, group in counts.groupby("period", sort=True):
        values = list(dict.fromkeys(int(v) for v in group["clusters"]))
        sources = t("overview.trillion_sources_sep", lang).join(
            f"{value}: "
            + t("overview.trillion_list_sep", lang).join(dict.fromkeys(group.loc[group["clusters"] == value, "source"]))
            for value in values
        )
        records.append(
            {
                "year": int(str(period)[:4]),
                "text": _or_list([str(v) for v in values], lang),
                "sources": sources,
                "basis": join_parts(dict.fromkeys(group["period_basis"]), lang),
                "conflict": len(values) > 1,
            }
        )
    return pd.DataFrame(records, columns=["year", "text", "sources", "basis", "conflict"])


def trillion_takeaway(members: pd.DataFrame, counts: pd.DataFrame, lang: str) -> str:
    """One sentence: how many clusters passed 1 trillion yuan by the last year, and which joined when."""
    if members.empty:
        return ""
    main = members[members["main"]]
    start = int(main["main_year"].min())
    first = main[(main["main_year"] == start) & ~main["disputed"]]
    later = main.drop(first.index)
    joined = [
        t("overview.trillion_label_joined", lang, name=name, years=years)
        for name, years in zip(later["cluster"], later["joined"], strict=True)
    ]
    last = trillion_years(members, counts)[-1]
    if not joined:
        return t("overview.trillion_takeaway_start_only", lang, n=len(main), year=last, start=start)
    return t(
        "overview.trillion_takeaway",
        lang,
        n=len(main),
        year=last,
        n_start=len(first),
        start=start,
        joined=_and_list(joined, lang),
    )


def trillion_disputes(members: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per cluster whose joining year the sources disagree on, naming each year's sources."""
    disputed = members[members["main"] & members["disputed"]]
    return [
        t("overview.trillion_dispute", lang, cluster=row.cluster, sources=row.joined_sources)
        for row in disputed.itertuples()
    ]
