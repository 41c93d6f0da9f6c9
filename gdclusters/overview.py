"""Data behind the Overview page: the headline figures, the trillion-yuan clusters, and the links on.

Every figure is read from metrics.csv by (scope, metric, period) and keeps its unit, qualifier ('nearly 3
trillion yuan') and sources. Where several sources give the same figure, the most reliable one is shown
and every source that agrees is cited; tier-D sources are never used for a figure shown as fact. The count
of trillion-yuan clusters is the exception: sources that disagree on a year are all shown, side by side,
beside the year each cluster joined (trillion_members.csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from gdclusters import analysis, growth, maps, scorecard, targets_view, tiers
from gdclusters.analysis import memoised_per_args
from gdclusters.charts import CATEGORY_COLOURS, HOLLOW_FILL
from gdclusters.dataset import Dataset
from gdclusters.domain import FACT_RELIABILITY, RELIABILITY_RANK, STANDARD_DEFINITION
from gdclusters.i18n import DEFAULT_LANGUAGE, format_value, t
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters, to_query

# (key of the label in the [overview] catalogue section, scope, metric, period), in display order.
HEADLINES = (
    ("pillar_revenue_2019", "pillar_10", "operating_revenue", "2019"),
    ("emerging_revenue_2019", "emerging_10", "operating_revenue", "2019"),
    ("emerging_revenue_2023", "emerging_10", "operating_revenue", "2023"),
    ("all_added_value_2021", "all_20", "added_value", "2021"),
    ("all_share_of_gdp_2023", "all_20", "share_of_gdp_pct", "2023"),
    ("all_added_value_growth_2023", "all_20", "added_value_growth_pct", "2023"),
)
TRILLION_SCOPE = "all_20"
TRILLION_METRIC = "trillion_clusters_count"
# Columns of trillion_cluster_counts and trillion_members.
TRILLION_COUNT_COLUMNS = ("period", "clusters", "source", "source_id", "published", "quote", "note", "conflict")
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
# The trillion chart: row height (room for a name above each bar), bar thickness, how far names sit above the
# bar, and how far bars run past the last year (so a cluster that joined in it still shows a bar).
TRILLION_ROW_STEP = 34
TRILLION_BAR_HEIGHT = 8
TRILLION_LABEL_RISE = 7
TRILLION_BAR_TAIL = 0.4
TEXT_COLOUR = "#333333"
CONFLICT_COLOUR = "#a6480a"
# Pages the Overview points to, in the order a first-time reader would use them.
NEXT_PAGES = ("map", "matrix", "tiers", "targets", "city", "cluster", "sources")


@dataclass(frozen=True)
class Figure:
    """One headline figure with everything the reader needs to check it."""

    key: str
    label: str
    value_text: str
    period: str
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
                unit=best["unit"],
                source_ids=_agreeing_sources(rows, best),
                quote=best["quote"],
                note=best["note"],
            )
        )
    return out


@memoised_per_args
def trillion_cluster_counts(ds: Dataset) -> pd.DataFrame:
    """How many clusters passed 1 trillion yuan of annual output as each source states it, per (period, source).

    Sources that disagree on a period are all kept (conflict is True on their rows), lowest count first. Only
    counts of the 20 clusters as the programme defines them: a count of another grouping is another series.
    """
    rows = _ranked(ds, {TRILLION_SCOPE})
    rows = rows[(rows["metric"] == TRILLION_METRIC) & rows["definition"].isin(["", STANDARD_DEFINITION])]
    labels = source_labels(ds.sources)
    frame = rows.assign(clusters=rows["value"].astype(int), source=rows["source_id"].map(labels))
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
    labels = source_labels(ds.sources)
    rows["source"] = rows["source_id"].map(labels)
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
                "conflict": len(values) > 1,
            }
        )
    return pd.DataFrame(records, columns=["year", "text", "sources", "conflict"])


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


def _category_scale(lang: str) -> alt.Scale:
    """The categories' fixed colours (charts.CATEGORY_COLOURS), keyed by their labels in lang."""
    return alt.Scale(domain=[t(f"category.{c}", lang) for c in CATEGORY_COLOURS], range=list(CATEGORY_COLOURS.values()))


def trillion_member_chart(members: pd.DataFrame, counts: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Member since: one row per trillion-yuan cluster, a point at the year it joined and a bar on to the last year.

    An earlier year another source gives is a hollow point joined by a dashed line. The top row gives the count
    each source states per year, conflicting counts side by side ('9 or 10'). Cluster names sit above their
    bars rather than on an axis, so the timeline keeps the width of a phone screen.
    """
    years = trillion_years(members, counts)
    last = years[-1]
    middle = (years[0] + years[-1]) / 2
    count_row = t("overview.trillion_count_row", lang)
    main = members[members["main"]].assign(
        row=lambda f: f["cluster"], year=lambda f: f["first_year"], year_end=last + TRILLION_BAR_TAIL
    )
    alternative = members[~members["main"] & (members["first_year"] != members["main_year"])]
    alternative = alternative.drop_duplicates(["cluster_id", "first_year"]).assign(
        row=lambda f: f["cluster"], year=lambda f: f["first_year"], year_end=lambda f: f["main_year"]
    )
    earliest = members.groupby("cluster_id")["first_year"].min()
    labels = main.assign(year=main["cluster_id"].map(earliest))
    count_labels = trillion_count_labels(counts, lang).assign(row=count_row)
    order = [count_row, *main["row"]]

    x = alt.X(
        "year:Q",
        title=t("overview.axis_data_year", lang),
        scale=alt.Scale(domain=[years[0] - 0.5, last + 0.5], nice=False, zero=False),
        axis=alt.Axis(values=years, format="d", orient="top", labelFlush=False, gridOpacity=0.5),
    )
    # Outer padding leaves room above the top row for its title, below the axis.
    y = alt.Y("row:N", sort=order, scale=alt.Scale(domain=order, paddingOuter=0.45), axis=None, title=None)
    colour = alt.Color(
        "category_label:N",
        scale=_category_scale(lang),
        title=t("charts.legend_category", lang),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
        alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
        alt.Tooltip("joined:N", title=t("overview.tip_joined", lang)),
        alt.Tooltip("joined_sources:N", title=t("overview.col_source", lang)),
    ]
    bars = (
        alt.Chart(main)
        .mark_bar(height=TRILLION_BAR_HEIGHT, cornerRadiusEnd=3, opacity=0.85)
        .encode(x=x, x2="year_end:Q", y=y, color=colour, tooltip=tooltip)
    )
    dashes = (
        alt.Chart(alternative)
        .mark_rule(strokeDash=[3, 3], strokeWidth=2)
        .encode(
            x="year:Q",
            x2="year_end:Q",
            y=y,
            color=alt.Color("category_label:N", scale=_category_scale(lang), legend=None),
        )
    )
    points = (
        alt.Chart(main)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            x="year:Q",
            y=y,
            color=alt.Color("category_label:N", scale=_category_scale(lang), legend=None),
            tooltip=tooltip,
        )
    )
    hollow = (
        alt.Chart(alternative)
        .mark_point(filled=False, fill=HOLLOW_FILL, size=110, strokeWidth=2, opacity=1)
        .encode(
            x="year:Q",
            y=y,
            color=alt.Color("category_label:N", scale=_category_scale(lang), legend=None),
            tooltip=tooltip,
        )
    )
    text: dict[str, Any] = {"fontSize": 11, "dy": -TRILLION_LABEL_RISE, "baseline": "bottom", "color": TEXT_COLOUR}
    names_left = (
        alt.Chart(labels[labels["year"] <= middle])
        .mark_text(align="left", dx=-4, **text)
        .encode(x="year:Q", y=y, text="label:N")
    )
    names_right = (
        alt.Chart(labels[labels["year"] > middle])
        .mark_text(align="right", dx=4, **text)
        .encode(x="year:Q", y=y, text="label:N")
    )
    row_title = (
        alt.Chart(pd.DataFrame({"row": [count_row], "year": [years[0]]}))
        .mark_text(align="left", dx=-4, **text)
        .encode(x="year:Q", y=y, text="row:N")
    )
    count_text = (
        alt.Chart(count_labels)
        .mark_text(fontSize=13, fontWeight="bold", dy=4)
        .encode(
            x="year:Q",
            y=y,
            text="text:N",
            color=alt.condition("datum.conflict", alt.value(CONFLICT_COLOUR), alt.value(TEXT_COLOUR)),
            tooltip=[
                alt.Tooltip("year:O", title=t("overview.col_period", lang)),
                alt.Tooltip("text:N", title=t("overview.col_clusters", lang)),
                alt.Tooltip("sources:N", title=t("overview.col_source", lang)),
            ],
        )
    )
    return (
        alt.layer(bars, dashes, points, hollow, names_left, names_right, row_title, count_text)
        .properties(
            width="container",
            height=alt.Step(TRILLION_ROW_STEP),
            title=alt.TitleParams(
                t("overview.trillion_title", lang),
                subtitle=[*t("overview.trillion_subtitle", lang).split("\n"), t("overview.trillion_subtitle_2", lang)],
                anchor="start",
            ),
        )
        .configure_view(stroke=None)
    )


@memoised_per_args
def trillion_chart(ds: Dataset, lang: str) -> alt.LayerChart:
    """The trillion-cluster chart in lang (it does not depend on the filters: built once per language)."""
    return trillion_member_chart(trillion_members(ds, lang), trillion_cluster_counts(ds), lang)


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
    stated = counts[["period", "clusters", "source", "quote", "note"]].rename(
        columns={
            "period": t("overview.col_period", lang),
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
    counts = trillion_cluster_counts(ds)
    joined, stated = trillion_quote_tables(members, counts, lang)
    return TrillionView(
        takeaway=trillion_takeaway(members, counts, lang),
        chart=trillion_chart(ds, lang),
        notes=" ".join([*trillion_disputes(members, lang), t("overview.trillion_rule", lang)]),
        source_ids=tuple(dict.fromkeys([*members["source_id"], *counts["source_id"]])),
        period=analysis.year_span(trillion_years(members, counts)),
        export=trillion_export_frame(members, counts),
        joined_quotes=joined,
        count_quotes=stated,
    )


@dataclass(frozen=True, eq=False)
class CountMap:
    """The Overview's map for one filter set: per-city styles, legend, the on-screen chart and its sources.

    Shared between reruns and sessions (memoised): read it, never change it.
    """

    styles: pd.DataFrame
    legend: tuple[maps.LegendEntry, ...]
    legend_title: str
    chart: alt.LayerChart
    source_ids: tuple[str, ...]


@memoised_per_args
def count_map(ds: Dataset, filters: Filters, lang: str, boundaries: maps.Boundaries) -> CountMap | None:
    """How many clusters each city is named for, under the filters (None when no link matches them).

    On screen the chart fetches the display shapes (maps.DISPLAY_SHAPES_URL); region-level mentions are
    not counted (they are listed in each city's tooltip).
    """
    links = maps.link_table(ds, filters, lang)
    if links.empty:
        return None
    summary = analysis.city_summary(ds, filters)
    styles = maps.count_styles(summary, "n_clusters", lang)
    outside = len(maps.cities_in_filter(ds, filters)) < len(ds.cities)
    legend = tuple(maps.count_legend(maps.count_scale_max(summary), lang, outside))
    legend_title = t("map.legend_title_n_clusters", lang)
    chart = maps.static_map_chart(
        boundaries.features,
        styles,
        legend,
        title="",
        legend_title=legend_title,
        lang=lang,
        tooltips=True,
        shapes_url=maps.DISPLAY_SHAPES_URL,
    )
    return CountMap(styles, legend, legend_title, chart, tuple(maps.link_source_ids(links)))


@memoised_per_args
def target_counts(ds: Dataset, filters: Filters, year: int = scorecard.HORIZON) -> dict[str, int]:
    """How many targets for year in force, under the filters, are met, missed or not measurable yet.

    The same set and statuses as the Growth targets register shows for ?year=<year>.
    """
    register = growth.register(
        targets_view.visible_targets(ds, filters).pipe(lambda frame: frame[growth.in_force(frame)]),
        ds.metrics,
        ds.sources,
    )
    if register.empty:
        return {"met": 0, "missed": 0, "open": 0, "qualitative": 0}
    return scorecard.status_counts(register, year)


def link_query(filters: Filters, lang: str) -> dict[str, list[str]]:
    """The canonical query parameters a link to another page carries, so the view keeps its filters."""
    return to_query(filters, None if lang == DEFAULT_LANGUAGE else lang)
