"""The atlas: one small map per cluster, each city coloured by its role in that cluster, as one Vega-Lite spec.

atlas_frame() gives one row per (cluster, city) with the role and how to draw it; panel_summary() and
atlas_summary() are the text alternatives (counts computed from that frame); atlas_chart() is the whole atlas
as one chart (legend above, panels in EXPORT_COLUMNS columns) for image exports; panel_chart() is one panel on
its own, which the Map page lays out in a wrapping row so that it fits any width. Roles differ by more than
colour: core and base cities carry a marker (circle, triangle) and a region-level mention a thick outline.
The cluster, category and tier filters choose the panels; the city and region filters highlight their cities
(bold outline) and fade the others. The whole province is fitted, islands included: Shanwei's offshore parts
lie inside the mainland's extent (geo/provenance.json, fit_bbox), so nothing shrinks or is cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from gdclusters import analysis
from gdclusters.analysis import cluster_mask, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, NAMED_ROLES, ROLE_ORDER, TIER_ORDER
from gdclusters.export.images import wrap_line
from gdclusters.i18n import t
from gdclusters.maps.geometry import Boundaries, label_points, oriented_shapes
from gdclusters.maps.styles import (
    BACKGROUND_COLOUR,
    MARKER_FILL,
    MARKER_STROKE,
    ROLE_COLOURS,
    ROLE_MARKERS,
    ROLE_OUTLINES,
    role_label,
)
from gdclusters.maps.vega import CITY_DATASET, DISPLAY_SHAPES_URL
from gdclusters.state import Filters

ATLAS_DATASET = "atlas_cities"
# A panel's drawing area: two panels and the gap between them fit a 390 px phone (about 358 px of content).
PANEL_WIDTH = 160
PANEL_HEIGHT = 118
# Given per side: Streamlit's front end writes padding.bottom into the spec, which fails on a plain number.
PANEL_PADDING = 2
PANEL_BOX_WIDTH = PANEL_WIDTH + 2 * PANEL_PADDING
EXPORT_COLUMNS = 4
# The second channel of a role: a marker at the city's label point (core, base: styles.ROLE_MARKERS, as on the
# single map) or a thick outline (region).
MARKER_SIZE = 22
OUTLINE_WIDTHS = {"core": 0.4, "base": 0.4, "region": 1.6, "none": 0.4}
HIGHLIGHT_OUTLINE = "#1a1a1a"
HIGHLIGHT_WIDTH = 2.0
FADED_OPACITY = 0.3
HOME_REGION = "pearl_river_delta"
FRAME_COLUMNS = [
    "cluster_id",
    "cluster",
    "adcode",
    "city",
    "city_region",
    "role",
    "role_label",
    "highlighted",
    "fill",
    "outline",
    "outline_width",
    "opacity",
    "tip",
]
TITLE_COLUMNS = 26


@dataclass(frozen=True)
class PanelSummary:
    """What one panel shows, in numbers: named cities by role, region-level mentions, and where they are."""

    cluster_id: str
    name: str
    core: int
    base: int
    region: int
    named_in_home_region: int
    highlighted_named: int
    highlighted: int


def _name_column(lang: str) -> str:
    return "name_zh" if lang == "zh" else "name_en"


def atlas_clusters(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """cluster_id -> name of the panels the cluster, category and tier filters keep: pillar first, biggest first."""
    kept = ds.clusters[cluster_mask(ds, filters)]
    order = sorted(
        range(len(kept)),
        key=lambda i: (
            CATEGORY_ORDER.index(kept["category"].iloc[i]),
            TIER_ORDER.index(int(kept["output_floor_2023_bn_yuan"].iloc[i])),
            i,
        ),
    )
    names = kept[_name_column(lang)].tolist()
    ids = kept["cluster_id"].tolist()
    return {ids[i]: names[i] for i in order}


def panel_filters(filters: Filters) -> Filters:
    """The filters that choose panels (cluster, category, tier): every city stays on every panel."""
    return replace(filters, cities=(), regions=())


@memoised_per_args
def atlas_frame(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per (panel cluster, city): role, label and how to draw the city (fill, outline, opacity, tooltip).

    A city or region filter highlights its cities (bold dark outline) and fades the others; without one,
    no city is highlighted and none is faded.
    """
    clusters = atlas_clusters(ds, filters, lang)
    if not clusters:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    cells = analysis.matrix(ds, panel_filters(filters))
    highlighting = bool(filters.cities or filters.regions)
    chosen = set(ds.cities.loc[analysis.city_mask(ds, filters), "adcode"]) if highlighting else set()
    suffix = "zh" if lang == "zh" else "en"
    rank = {cluster_id: i for i, cluster_id in enumerate(clusters)}
    cells = cells[cells["cluster_id"].isin(rank)].copy()
    cells["_rank"] = cells["cluster_id"].map(rank)
    cells = cells.sort_values(["_rank", "adcode"], kind="stable")
    rows = []
    for cell in cells.to_dict("records"):
        role = cell["role"] if cell["role"] in ROLE_ORDER else "none"
        highlighted = cell["adcode"] in chosen
        label = role_label(role, lang)
        rows.append(
            {
                "cluster_id": cell["cluster_id"],
                "cluster": clusters[cell["cluster_id"]],
                "adcode": cell["adcode"],
                "city": cell[f"city_{suffix}"],
                "city_region": cell["city_region"],
                "role": role,
                "role_label": label,
                "highlighted": highlighted,
                "fill": ROLE_COLOURS[role],
                "outline": HIGHLIGHT_OUTLINE if highlighted else ROLE_OUTLINES[role],
                "outline_width": HIGHLIGHT_WIDTH if highlighted else OUTLINE_WIDTHS[role],
                "opacity": FADED_OPACITY if highlighting and not highlighted else 1.0,
                "tip": t("atlas.tip", lang, city=cell[f"city_{suffix}"], role=label),
            }
        )
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def panel_summaries(frame: pd.DataFrame) -> list[PanelSummary]:
    """Per panel, in panel order: how many cities each role has and where the named ones are."""
    out = []
    for cluster_id, rows in frame.groupby("cluster_id", sort=False):
        named = rows[rows["role"].isin(NAMED_ROLES)]
        out.append(
            PanelSummary(
                cluster_id=str(cluster_id),
                name=str(rows["cluster"].iloc[0]),
                core=int((rows["role"] == "core").sum()),
                base=int((rows["role"] == "base").sum()),
                region=int((rows["role"] == "region").sum()),
                named_in_home_region=int((named["city_region"] == HOME_REGION).sum()),
                highlighted_named=int(named["highlighted"].sum()),
                highlighted=int(rows["highlighted"].sum()),
            )
        )
    return out


def _count(key: str, n: int, lang: str) -> str:
    """'1 core city' / '6 core cities' (one key per number form)."""
    return t(f"atlas.{key}_one" if n == 1 else f"atlas.{key}", lang, n=n)


def panel_summary(summary: PanelSummary, lang: str) -> str:
    """One sentence: what the panel shows and its takeaway, e.g. 'Semiconductors: 6 core cities and 4 base
    cities, all in the Pearl River Delta core.'"""
    named = summary.core + summary.base
    home = t(f"region.{HOME_REGION}", lang)
    if named == 0:
        text = t("atlas.sentence_none_named", lang, name=summary.name)
    else:
        if summary.named_in_home_region == named:
            where = t("atlas.where_all", lang, region=home)
        elif summary.named_in_home_region == 0:
            where = t("atlas.where_none", lang, region=home)
        else:
            where = t("atlas.where_some", lang, n=summary.named_in_home_region, region=home)
        parts = [_count(f"{role}_count", n, lang) for role, n in (("core", summary.core), ("base", summary.base)) if n]
        text = t("atlas.sentence_named", lang, name=summary.name, cities=t("atlas.and", lang).join(parts), where=where)
    if summary.region:
        text += t("atlas.sentence_region", lang, region=_count("region_count", summary.region, lang))
    if summary.highlighted:
        text += t("atlas.sentence_highlight", lang, n=summary.highlighted_named, total=summary.highlighted)
    return text + t("atlas.sentence_end", lang)


def atlas_summary(frame: pd.DataFrame, lang: str) -> str:
    """One sentence for the whole atlas: how many panels, the city named for the most of them, and how many
    clusters have every named city in the Pearl River Delta core."""
    summaries = panel_summaries(frame)
    if not summaries:
        return ""
    named = frame[frame["role"].isin(NAMED_ROLES)]
    counts = named.groupby("city", sort=False).size()
    all_home = sum(1 for s in summaries if s.core + s.base and s.named_in_home_region == s.core + s.base)
    if counts.empty:
        return t("atlas.summary_none", lang, n=len(summaries))
    top = int(counts.max())
    leaders = [str(city) for city, n in counts.items() if n == top]
    return t(
        "atlas.summary",
        lang,
        n=len(summaries),
        cities=t("atlas.joiner", lang).join(leaders),
        top=top,
        home=all_home,
        region=t(f"region.{HOME_REGION}", lang),
    )


def atlas_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The atlas as text, one row per panel: the cluster and its core, base and region-level cities (the map's
    table twin)."""
    joiner = t("atlas.joiner", lang)
    rows = []
    for cluster_id, group in frame.groupby("cluster_id", sort=False):
        row = {"cluster_id": cluster_id, t("atlas.col_cluster", lang): group["cluster"].iloc[0]}
        for role in ("core", "base", "region"):
            cities = group.loc[group["role"] == role, "city"].tolist()
            row[role_label(role, lang)] = joiner.join(cities) if cities else "—"
        rows.append(row)
    return pd.DataFrame(rows).drop(columns="cluster_id") if rows else pd.DataFrame()


def _panel_title(name: str, lang: str) -> list[str]:
    """A panel's title as lines that fit its width (long English names take two lines)."""
    return wrap_line(name, TITLE_COLUMNS) or [name]


def panel_chart(
    rows: Sequence[Mapping],
    points: Mapping[str, tuple[float, float]],
    lang: str,
    *,
    title: Sequence[str] | None = None,
    shapes: alt.UrlData | alt.NamedData | None = None,
    tooltips: bool = False,
) -> alt.LayerChart:
    """One cluster's small map: each city filled by its role, a marker for core and base cities, a thick outline
    for a region-level mention, highlighted cities outlined in black and the others faded.

    rows are that cluster's rows of atlas_frame(); points the cities' label points. shapes is where the
    oriented boundaries come from: the display file on screen (default), the named inline dataset in an export.
    """
    fields = ["adcode", "role_label", "fill", "outline", "outline_width", "opacity", "tip"]
    cities = [{field: row[field] for field in fields} for row in rows]
    markers = [
        {
            "role_label": row["role_label"],
            "lon": points[row["adcode"]][0],
            "lat": points[row["adcode"]][1],
            "opacity": row["opacity"],
            "tip": row["tip"],
        }
        for row in rows
        if row["role"] in ROLE_MARKERS and row["adcode"] in points
    ]
    if shapes is None:
        shapes = alt.UrlData(url=DISPLAY_SHAPES_URL, format=alt.DataFormat(type="json", property="features"))
    domain = [role_label(role, lang) for role in ROLE_ORDER]
    tooltip = [alt.Tooltip("tip:N", title=" ")] if tooltips else []
    fills = (
        alt.Chart(shapes)
        .mark_geoshape()
        .transform_lookup(
            lookup="properties.adcode",
            from_=alt.LookupData(data=alt.InlineData(values=cities), key="adcode", fields=fields[1:]),
        )
        .transform_filter("isValid(datum.role_label)")
        .encode(
            color=alt.Color(
                "role_label:N",
                scale=alt.Scale(domain=domain, range=[ROLE_COLOURS[role] for role in ROLE_ORDER]),
                legend=None,
            ),
            stroke=alt.Stroke("outline:N", scale=None),
            strokeWidth=alt.StrokeWidth("outline_width:Q", scale=None),
            fillOpacity=alt.FillOpacity("opacity:Q", scale=None),
            strokeOpacity=alt.StrokeOpacity("opacity:Q", scale=None),
            tooltip=tooltip,
        )
    )
    marker_domain = [role_label(role, lang) for role in ROLE_MARKERS]
    marks = (
        alt.Chart(alt.InlineData(values=markers))
        .mark_point(filled=True, fill=MARKER_FILL, stroke=MARKER_STROKE, strokeWidth=0.8, size=MARKER_SIZE)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            shape=alt.Shape(
                "role_label:N", scale=alt.Scale(domain=marker_domain, range=list(ROLE_MARKERS.values())), legend=None
            ),
            opacity=alt.Opacity("opacity:Q", scale=None),
            tooltip=tooltip,
        )
    )
    heading = (
        {"title": alt.TitleParams(text=list(title), anchor="start", fontSize=11, offset=4, limit=PANEL_WIDTH)}
        if title
        else {}
    )
    layered = alt.LayerChart(layer=[fills, marks])
    return layered.project(type="mercator").properties(width=PANEL_WIDTH, height=PANEL_HEIGHT, **heading)


def legend_chart(lang: str, highlighting: bool = False) -> alt.LayerChart:
    """The atlas legend: a swatch per role with its marker (core, base) or thick outline (region), and the
    highlight when a city or region filter is on."""
    rows = [
        {
            "order": i,
            "label": role_label(role, lang),
            "fill": ROLE_COLOURS[role],
            "outline": ROLE_OUTLINES[role] if role == "region" else "#888888",
            "width": 2.5 if role == "region" else 0.8,
            "marker": ROLE_MARKERS.get(role),
        }
        for i, role in enumerate(ROLE_ORDER)
    ]
    if highlighting:
        rows.append(
            {
                "order": len(rows),
                "label": t("atlas.legend_highlight", lang),
                "fill": "#ffffff",
                "outline": HIGHLIGHT_OUTLINE,
                "width": HIGHLIGHT_WIDTH + 0.5,
                "marker": None,
            }
        )
    base = alt.Chart(alt.InlineData(values=rows)).encode(y=alt.Y("order:O", axis=None))
    swatches = base.mark_square(size=200, opacity=1).encode(
        x=alt.value(9),
        color=alt.Color("fill:N", scale=None),
        stroke=alt.Stroke("outline:N", scale=None),
        strokeWidth=alt.StrokeWidth("width:Q", scale=None),
    )
    markers = (
        base.transform_filter("isValid(datum.marker)")
        .mark_point(filled=True, fill=MARKER_FILL, stroke=MARKER_STROKE, strokeWidth=0.8, size=MARKER_SIZE + 8)
        .encode(x=alt.value(9), shape=alt.Shape("marker:N", scale=None))
    )
    labels = base.mark_text(align="left", baseline="middle", fontSize=11, limit=2 * PANEL_WIDTH - 30).encode(
        x=alt.value(24), text="label:N"
    )
    layered = alt.LayerChart(layer=[swatches, markers, labels])
    return layered.properties(
        width=2 * PANEL_WIDTH,
        height=alt.Step(20),
        view=alt.ViewBackground(fill=None, stroke=None),
        title=alt.TitleParams(t("atlas.legend_title", lang), anchor="start", fontSize=12),
    )


def atlas_chart(
    features: Sequence[Mapping], frame: pd.DataFrame, lang: str, *, title: str = "", columns: int = EXPORT_COLUMNS
) -> alt.VConcatChart:
    """The whole atlas as one self-contained chart (for PNG, SVG, PDF and the spec): the legend, then one titled
    panel per cluster in columns, with the oriented boundaries inline as one named dataset all panels share."""
    points = label_points(features)
    shapes = alt.NamedData(name=CITY_DATASET)
    highlighting = bool(frame["highlighted"].any()) if len(frame) else False
    panels = [
        panel_chart(
            rows.to_dict("records"), points, lang, title=_panel_title(str(rows["cluster"].iloc[0]), lang), shapes=shapes
        )
        for _, rows in frame.groupby("cluster_id", sort=False)
    ]
    grid = alt.concat(*panels, columns=columns, spacing=12)
    chart = alt.vconcat(legend_chart(lang, highlighting), grid, spacing=14)
    if title:
        chart = chart.properties(title=alt.TitleParams(title, anchor="start"))
    chart = chart.configure_view(stroke=None, fill=BACKGROUND_COLOUR).configure_concat(spacing=12)
    oriented = oriented_shapes(features)
    chart.datasets = {
        CITY_DATASET: [
            {"type": "Feature", "geometry": oriented[adcode], "properties": {"adcode": adcode}} for adcode in oriented
        ]
    }
    return chart


@dataclass(frozen=True, eq=False)
class AtlasPanel:
    """One panel on screen: its cluster, its chart (shapes fetched by the browser) and its sentence."""

    cluster_id: str
    name: str
    chart: alt.LayerChart
    sentence: str


@dataclass(frozen=True, eq=False)
class AtlasView:
    """The atlas on screen for one filter set and language. Shared between reruns and sessions: read only."""

    frame: pd.DataFrame
    panels: tuple[AtlasPanel, ...]
    legend: alt.LayerChart
    summary: str
    table: pd.DataFrame


@memoised_per_args
def atlas_view(ds: Dataset, filters: Filters, lang: str, boundaries: Boundaries) -> AtlasView | None:
    """The atlas's panels, legend, summary sentence and table twin under the filters (None when no cluster is
    left). Each panel chart is built once per filter set and language, so its spec is converted once."""
    frame = atlas_frame(ds, filters, lang)
    if frame.empty:
        return None
    points = label_points(boundaries.features)
    summaries = {s.cluster_id: s for s in panel_summaries(frame)}
    panels = tuple(
        AtlasPanel(
            cluster_id=str(cluster_id),
            name=str(rows["cluster"].iloc[0]),
            chart=panel_chart(rows.to_dict("records"), points, lang, tooltips=True)
            .configure_view(stroke=None, fill=BACKGROUND_COLOUR)
            .properties(padding=dict.fromkeys(("left", "right", "top", "bottom"), PANEL_PADDING)),
            sentence=panel_summary(summaries[str(cluster_id)], lang),
        )
        for cluster_id, rows in frame.groupby("cluster_id", sort=False)
    )
    highlighting = bool(frame["highlighted"].any())
    return AtlasView(
        frame=frame,
        panels=panels,
        legend=legend_chart(lang, highlighting).configure_view(stroke=None),
        summary=atlas_summary(frame, lang),
        table=atlas_table(frame, lang),
    )


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The data behind the atlas for its CSV: one row per (cluster, city) with the role."""
    return frame[["cluster_id", "cluster", "adcode", "city", "role", "role_label", "highlighted"]]
