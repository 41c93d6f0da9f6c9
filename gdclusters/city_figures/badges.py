"""The map's city figure badges: one per city, its count as the label and its latest figures as the tooltip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from gdclusters import maps, periods
from gdclusters.city_figures.disagreement import SECTION
from gdclusters.i18n import t

MAP_TOOLTIP_LINES = 8


def latest_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Per city, scope, measure and definition, the rows of the latest period (every source for that period)."""
    if frame.empty:
        return frame
    order = frame["period"].map(periods.order)
    frame = frame.assign(_order=order)
    latest = frame.groupby(["adcode", "scope", "metric", "definition"])["_order"].transform("max")
    return frame[frame["_order"] == latest].drop(columns="_order")


def figure_points(figures: pd.DataFrame, features: Sequence[Mapping], lang: str) -> list[dict]:
    """One badge per city with figures: position, adcode, the count as its label and a flat text tooltip."""
    points = maps.label_points(features)
    latest = latest_figures(figures)
    out = []
    for adcode, group in figures.groupby("adcode", sort=True):
        if adcode not in points:
            continue
        lines = [t(f"{SECTION}.map_tip_title", lang, city=group["city"].iloc[0], n=len(group))]
        shown = latest[latest["adcode"] == adcode].drop_duplicates(
            ["scope", "metric", "definition", "period", "source_id"]
        )
        for row in shown.head(MAP_TOOLTIP_LINES).to_dict("records"):
            line = t(
                f"{SECTION}.map_tip_item",
                lang,
                cluster=row["cluster"],
                measure=row["measure"],
                period=periods.with_basis(row["period"], row["period_basis_id"], row["published"], lang),
                value=row["value_text"],
                definition=row["definition_label"],
                source=row["source"],
            )
            lines.append(line + (t(f"{SECTION}.map_tip_disagree", lang) if row["disagreement"] else ""))
        if len(shown) > MAP_TOOLTIP_LINES:
            lines.append(t(f"{SECTION}.map_tip_more", lang, n=len(shown) - MAP_TOOLTIP_LINES))
        lines.append(t("map.tip_click", lang))
        out.append(
            {
                "position": list(points[adcode]),
                "adcode": adcode,
                "n": len(group),
                "label": str(len(group)),
                "tooltip": "\n".join(lines),
            }
        )
    return out
