"""Per-city map data: one style row per city (fill, outline, legend label, tooltip) and the features drawn from it.

count_styles() and role_styles() turn the analysis frames into style rows; choropleth_features() attaches those
rows to the boundary features, keeping only the few flat properties the map reads; role_marker_points() and
plan_base_points() place the role markers and the plan-base markers at the cities' label points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from gdclusters.i18n import join_parts, t
from gdclusters.maps.geometry import label_points
from gdclusters.maps.styles import (
    CITY_OUTLINE,
    NONE_COLOUR,
    OUTSIDE_COLOUR,
    OUTSIDE_OUTLINE,
    ROLE_COLOURS,
    ROLE_GLYPHS,
    ROLE_MARKERS,
    ROLE_OUTLINES,
    class_colours,
    class_label,
    count_classes,
    name_columns,
    rgba,
    role_label,
)

COUNT_COLUMNS = ("n_clusters", "n_pillar", "n_emerging")
# marker: the role's second channel (a styles.ROLE_MARKERS key) where the fill means that role, else "".
STYLE_COLUMNS = ["adcode", "city", "value", "legend", "fill", "outline", "marker", "tooltip"]


def _city_title(row: Mapping[str, Any], lang: str) -> str:
    """'Shenzhen 深圳市' (or '深圳市 Shenzhen'): the name in both languages."""
    first, second = name_columns(lang)
    return f"{row[first]} {row[second]}"


def count_scale_max(summary: pd.DataFrame) -> int:
    """Top of the count colour scale: the most clusters any city is named for (shared by the split views)."""
    return int(summary["n_clusters"].max()) if len(summary) else 0


def count_styles(
    summary: pd.DataFrame, value_col: str, lang: str, scale_max: int | None = None, click_hint: bool = False
) -> pd.DataFrame:
    """Per city: fill by the number of clusters it is named for (value_col of analysis.city_summary) and tooltip.

    Region-level mentions never add to the count; the tooltip lists them separately. The colour scale tops
    out at the total count's maximum unless scale_max says otherwise, so the pillar and emerging views compare.
    """
    if value_col not in COUNT_COLUMNS:
        raise ValueError(f"value_col must be one of {COUNT_COLUMNS}, not {value_col!r}")
    suffix = "zh" if lang == "zh" else "en"
    top = count_scale_max(summary) if scale_max is None else int(scale_max)
    classes = count_classes(top)
    colours = class_colours(len(classes))
    rows = []
    for row in summary.to_dict("records"):
        value = int(row[value_col])
        inside = bool(row["in_filter"])
        if not inside:
            fill, outline, legend = OUTSIDE_COLOUR, OUTSIDE_OUTLINE, t("map.legend_outside", lang)
        elif value == 0:
            fill, outline, legend = NONE_COLOUR, CITY_OUTLINE, t("map.legend_zero", lang)
        else:
            index = next(i for i, (low, high) in enumerate(classes) if low <= value <= high or i == len(classes) - 1)
            fill, outline, legend = colours[index], CITY_OUTLINE, class_label(*classes[index])
        lines = [_city_title(row, lang)]
        if inside:
            lines.append(
                t("map.tip_count", lang, n=row["n_clusters"], pillar=row["n_pillar"], emerging=row["n_emerging"])
            )
            if row[f"clusters_{suffix}"]:
                lines.append(t("map.tip_clusters", lang, names=row[f"clusters_{suffix}"]))
            if row["n_region_only"]:
                lines.append(
                    t("map.tip_region_only", lang, n=row["n_region_only"], names=row[f"region_clusters_{suffix}"])
                )
        else:
            lines.append(t("map.tip_outside", lang))
        if click_hint:
            lines.append(t("map.tip_click", lang))
        rows.append(
            {
                "adcode": row["adcode"],
                "city": row[name_columns(lang)[0]],
                "value": value,
                "legend": legend,
                "fill": fill,
                "outline": outline,
                "marker": "",
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=STYLE_COLUMNS)


def role_styles(
    roles: pd.DataFrame, links: pd.DataFrame, in_filter: Iterable[str], lang: str, click_hint: bool = False
) -> pd.DataFrame:
    """Per city: fill by its strongest role (analysis.selected_cluster_roles) and a tooltip listing each link.

    links is link_table() for the same filters: the tooltip names every cluster with the city's role in it,
    and the region-level mentions separately.
    """
    inside = set(in_filter)
    per_city: dict[str, list[str]] = {}
    per_city_regions: dict[str, list[str]] = {}
    for link in links.to_dict("records"):
        if link["role_key"] == "region":
            per_city_regions.setdefault(link["adcode"], []).append(
                t("map.tip_region_item", lang, cluster=link["cluster"], region=link["detail"])
            )
        else:
            per_city.setdefault(link["adcode"], []).append(
                t("map.tip_link_item", lang, cluster=link["cluster"], role=link["role"])
            )
    rows = []
    for row in roles.to_dict("records"):
        adcode = row["adcode"]
        role = row["role"] if row["role"] in ROLE_COLOURS else "none"
        lines = [_city_title(row, lang)]
        marker = ""
        if adcode not in inside:
            fill, outline, legend = OUTSIDE_COLOUR, OUTSIDE_OUTLINE, t("map.legend_outside", lang)
            lines.append(t("map.tip_outside", lang))
        else:
            fill, outline, legend = ROLE_COLOURS[role], ROLE_OUTLINES[role], role_label(role, lang)
            marker = role if role in ROLE_MARKERS else ""
            lines.append(t("map.tip_role", lang, role=legend))
            if adcode in per_city:
                lines.append(t("map.tip_links", lang, links=join_parts(per_city[adcode], lang)))
            if adcode in per_city_regions:
                lines.append(t("map.tip_region_links", lang, links=join_parts(per_city_regions[adcode], lang)))
        if click_hint:
            lines.append(t("map.tip_click", lang))
        rows.append(
            {
                "adcode": adcode,
                "city": row[name_columns(lang)[0]],
                "value": role,
                "legend": legend,
                "fill": fill,
                "outline": outline,
                "marker": marker,
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=STYLE_COLUMNS)


def export_frame(styles: pd.DataFrame) -> pd.DataFrame:
    """The data behind a map for its CSV download: one row per city with its value, legend class and details."""
    return styles[["adcode", "city", "value", "legend", "tooltip"]].rename(columns={"tooltip": "details"})


def choropleth_features(features: Sequence[Mapping], styles: pd.DataFrame) -> list[dict]:
    """Boundary features carrying only the flat properties the map reads (adcode, colours, tooltip)."""
    by_adcode = {row["adcode"]: row for row in styles.to_dict("records")}
    out = []
    for feature in features:
        adcode = feature["properties"]["adcode"]
        style = by_adcode.get(adcode)
        if style is None:
            continue
        # The region-level mention is told apart by its outline as well as its fill.
        outline_width = 3 if style["outline"] == ROLE_OUTLINES["region"] else 1
        out.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "adcode": adcode,
                    "fill": rgba(style["fill"]),
                    "line": rgba(style["outline"]),
                    "line_width": outline_width,
                    "legend": style["legend"],
                    "tooltip": style["tooltip"],
                },
            }
        )
    return out


def role_marker_points(features: Sequence[Mapping], styles: pd.DataFrame) -> list[dict]:
    """One marker per city whose fill means a core or base role: its label point, role and glyph (none for a
    count colouring, or for cities outside the filters)."""
    if "marker" not in styles:
        return []
    points = label_points(features)
    return [
        {
            "position": list(points[row["adcode"]]),
            "adcode": row["adcode"],
            "role": row["marker"],
            "glyph": ROLE_GLYPHS[row["marker"]],
        }
        for row in styles.to_dict("records")
        if row["marker"] in ROLE_GLYPHS and row["adcode"] in points
    ]


def plan_base_points(bases: pd.DataFrame, features: Sequence[Mapping], lang: str) -> list[dict]:
    """One marker per city named in the plan-bases table (region-only rows are listed, not drawn)."""
    points = label_points(features)
    out = []
    for adcode, group in bases[bases["adcode"] != ""].groupby("adcode", sort=True):
        if adcode not in points:
            continue
        fields = "; ".join(dict.fromkeys(group["field"]))
        lines = [t("map.tip_plan_base", lang, place=group["place"].iloc[0], fields=fields)]
        out.append({"position": list(points[adcode]), "adcode": adcode, "n": len(group), "tooltip": "\n".join(lines)})
    return out
