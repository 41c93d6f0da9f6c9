"""Data behind the City × cluster matrix page, and its heatmap.

One cell per (city, cluster) passing the global filters, with the role a source gives the city for
the cluster: core, base, region-level mention (a source names only a region containing the city)
or none. The cells come from gdclusters.analysis.matrix; here they get labels in the reader's
language, a short quote for the tooltip, and an order for rows and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import altair as alt
import pandas as pd

from gdclusters import analysis, maps
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, NAMED_ROLES, ROLE_ORDER, TIER_ORDER
from gdclusters.i18n import t
from gdclusters.profiles import role_scale, shorten
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters

SORTS = ("city_total", "cluster_total", "name")
LINK_COLUMNS = ("city", "cluster", "role_label", "region", "quote", "source")
CELL_SIZE = 26
LABEL_LIMIT = 260


@dataclass(frozen=True)
class MatrixView:
    """The cells of the matrix and the order of its rows (cities) and columns (clusters), as shown."""

    cells: pd.DataFrame
    city_order: list[str]
    cluster_order: list[str]

    @property
    def empty(self) -> bool:
        """True when the filters leave no cell."""
        return self.cells.empty


def sort_key(name: str, lang: str) -> str:
    """Alphabetical key: pinyin for Chinese names (so 广州 sorts under g), the name itself otherwise."""
    if lang == "zh":
        from pypinyin import Style, lazy_pinyin  # 0.4 s to import; only Chinese name sorting needs it

        return " ".join(lazy_pinyin(name, style=Style.NORMAL))
    return name.casefold()


def _default_cluster_rank(cells: pd.DataFrame) -> pd.Series:
    """Pillar before emerging, bigger 2023 tier first: the order clusters have on every page."""
    return cells["category"].map(CATEGORY_ORDER.index) * 10 + cells["tier"].map(lambda v: TIER_ORDER.index(int(v)))


def matrix_view(ds: Dataset, filters: Filters, lang: str, sort: str = SORTS[0]) -> MatrixView:
    """The filtered matrix with labels in lang and rows/columns ordered by city totals, cluster totals or name.

    Totals count named hosts (core or base); region-level mentions break ties, then the default
    order (adcode for cities; category and tier for clusters).
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    cells = analysis.matrix(ds, filters)
    labels = source_labels(ds.sources, lang)
    zh = lang == "zh"
    out = pd.DataFrame(
        {
            "adcode": cells["adcode"],
            "cluster_id": cells["cluster_id"],
            "city": cells["city_zh" if zh else "city_en"],
            "cluster": cells["cluster_zh" if zh else "cluster_en"],
            "category": cells["category"],
            "tier": cells["tier"],
            "role": cells["role"],
            "role_label": cells["role"].map(lambda r: maps.role_label(r, lang)),
            "region": [
                r if role == "region" else ""
                for r, role in zip(cells["region_name_zh" if zh else "region_name_en"], cells["role"], strict=True)
            ],
            "quote": cells["quote"],
            "quote_short": cells["quote"].map(shorten),
            "source_id": cells["quote_source_id"],
            "source": cells["quote_source_id"].map(lambda s: labels.get(s, s) if s else ""),
        }
    )
    if out.empty:
        return MatrixView(out, [], [])
    out["named"] = out["role"].isin(NAMED_ROLES).astype(int)
    out["mentioned"] = (out["role"] == "region").astype(int)
    out["cluster_rank"] = _default_cluster_rank(out)

    cities = out.groupby(["adcode", "city"], as_index=False)[["named", "mentioned"]].sum()
    clusters = out.groupby(["cluster_id", "cluster", "cluster_rank"], as_index=False)[["named", "mentioned"]].sum()
    cities["alpha"] = cities["city"].map(lambda n: sort_key(n, lang))
    clusters["alpha"] = clusters["cluster"].map(lambda n: sort_key(n, lang))
    if sort == "name":
        cities = cities.sort_values(["alpha", "adcode"])
        clusters = clusters.sort_values(["alpha", "cluster_id"])
    else:
        cities = (
            cities.sort_values(["named", "mentioned", "adcode"], ascending=[False, False, True])
            if sort == "city_total"
            else cities.sort_values("adcode")
        )
        clusters = (
            clusters.sort_values(
                ["named", "mentioned", "cluster_rank", "cluster_id"], ascending=[False, False, True, True]
            )
            if sort == "cluster_total"
            else clusters.sort_values(["cluster_rank", "cluster_id"])
        )
    city_order, cluster_order = list(cities["city"]), list(clusters["cluster"])
    out["row"] = out["city"].map({c: i for i, c in enumerate(city_order)})
    out["column"] = out["cluster"].map({c: i for i, c in enumerate(cluster_order)})
    out = out.sort_values(["row", "column"]).drop(columns=["named", "mentioned", "cluster_rank", "row", "column"])
    return MatrixView(out.reset_index(drop=True), city_order, cluster_order)


def heatmap_chart(
    view: MatrixView, lang: str, title: str = "", subtitle: str = "", fit_width: bool = False
) -> alt.LayerChart:
    """Cities (rows) × clusters (columns), each cell coloured by role and marked with its letter (colour is not the
    only carrier); hovering shows the quote and source.

    fit_width: the columns share the width of the chart's container (on screen, so that the matrix fits a phone);
    otherwise each column is a fixed step (the exported files). Cluster names stand upright above the columns so
    that none runs past the right edge.
    """
    tooltip = [
        alt.Tooltip("city:N", title=t("matrix.tip_city", lang)),
        alt.Tooltip("cluster:N", title=t("matrix.tip_cluster", lang)),
        alt.Tooltip("role_label:N", title=t("matrix.tip_role", lang)),
        alt.Tooltip("region:N", title=t("matrix.tip_region", lang)),
        alt.Tooltip("quote_short:N", title=t("matrix.tip_quote", lang)),
        alt.Tooltip("source:N", title=t("matrix.tip_source", lang)),
    ]
    x = alt.X(
        "cluster:N",
        sort=view.cluster_order,
        title=t("matrix.axis_cluster", lang),
        axis=alt.Axis(orient="top", labelAngle=-90, labelLimit=LABEL_LIMIT, labelOverlap=False),
    )
    y = alt.Y(
        "city:N",
        sort=view.city_order,
        title=t("matrix.axis_city", lang),
        axis=alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False),
    )
    base = alt.Chart(view.cells.assign(role_mark=view.cells["role"].map(lambda role: role_mark(role, lang))))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.Color(
            "role_label:N",
            scale=role_scale(lang),
            title=t("matrix.legend_role", lang),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=LABEL_LIMIT),
        ),
        tooltip=tooltip,
    )
    marks = base.mark_text(fontSize=10, fontWeight="bold").encode(
        x=x,
        y=y,
        text="role_mark:N",
        color=alt.condition(alt.datum.role == "core", alt.value("#ffffff"), alt.value("#111111")),
        tooltip=tooltip,
    )
    layered = cast(alt.LayerChart, alt.layer(cells, marks))  # no facet encodings: never a FacetChart
    chart = layered.properties(width="container" if fit_width else alt.Step(CELL_SIZE), height=alt.Step(CELL_SIZE))
    if title:
        subtitle_lines = [subtitle] if subtitle else alt.Undefined
        chart = chart.properties(title=alt.TitleParams(text=title, subtitle=subtitle_lines, anchor="start"))
    return chart


def role_mark(role: str, lang: str) -> str:
    """The letter a matrix cell shows for a role (none for a city not named)."""
    return "" if role == "none" else t(f"a11y.matrix_mark_{role}", lang)


def marks_line(lang: str) -> str:
    """The key to the cells' letters, e.g. "Letters in the cells: C core · B base · R region-level mention."."""
    marks = " · ".join(
        f"{role_mark(role, lang)} {maps.role_label(role, lang)}" for role in ROLE_ORDER if role != "none"
    )
    return t("a11y.matrix_marks", lang, marks=marks)


def takeaway(view: MatrixView, lang: str) -> str:
    """The heatmap in one sentence: the city (or cities) named for the most clusters, and the links by role."""
    counts = role_counts(view)
    named = view.cells[view.cells["role"].isin(NAMED_ROLES)].groupby("city").size()
    if named.empty:
        return t("a11y.matrix_takeaway_none", lang, n_region=counts["region"])
    most = int(named.max())
    leaders = [city for city in view.city_order if named.get(city, 0) == most]
    return t(
        "a11y.matrix_takeaway",
        lang,
        cities=("、" if lang == "zh" else ", ").join(leaders),
        n=most,
        clusters=len(view.cluster_order),
        n_core=counts["core"],
        n_base=counts["base"],
        n_region=counts["region"],
    )


def matrix_table(view: MatrixView, lang: str) -> pd.DataFrame:
    """The matrix as a wide table: one row per city, one column per cluster, role labels in the cells."""
    wide = view.cells.pivot(index="city", columns="cluster", values="role_label")
    wide = wide.reindex(index=view.city_order, columns=view.cluster_order)
    wide.columns.name = None
    return wide.rename_axis(index=None).reset_index(names=t("matrix.col_city", lang))


def links(view: MatrixView) -> pd.DataFrame:
    """The cells with a role (named host or region-level mention), with quote and source, in matrix order."""
    return view.cells[view.cells["role"] != "none"].reset_index(drop=True)


def role_counts(view: MatrixView) -> dict[str, int]:
    """How many cells have each role."""
    counts = view.cells["role"].value_counts()
    return {role: int(counts.get(role, 0)) for role in ROLE_ORDER}
