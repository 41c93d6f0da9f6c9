"""Text alternatives of a choropleth: one sentence computed from its style rows, and the map as a table."""

from __future__ import annotations

import pandas as pd

from gdclusters.domain import ROLE_ORDER
from gdclusters.i18n import t
from gdclusters.maps.styles import role_label


def _cities(n: int, lang: str) -> str:
    """'1 city' / '6 cities'."""
    return t("atlas.map_count_one" if n == 1 else "atlas.map_count", lang, n=n)


def map_summary(styles: pd.DataFrame, mode: str, lang: str) -> str:
    """What a choropleth shows and its takeaway, from its style rows (shaping.role_styles or count_styles).

    mode "roles": how many cities have each strongest role; any other mode: the cities named for the most
    clusters and how many are named for none. Cities outside the city/region filter are not counted.
    """
    inside = styles[styles["legend"] != t("map.legend_outside", lang)]
    if mode == "roles":
        counts = inside["value"].value_counts()
        parts = {
            role: t(
                "atlas.map_role_part", lang, role=role_label(role, lang), count=_cities(int(counts.get(role, 0)), lang)
            )
            for role in ROLE_ORDER
        }
        return t("atlas.map_summary_roles", lang, **parts)
    values = inside["value"].astype(int)
    top = int(values.max()) if len(values) else 0
    leaders = inside.loc[values == top, "city"].tolist() if top else []
    return t(
        "atlas.map_summary_counts",
        lang,
        leaders=t("atlas.joiner", lang).join(map(str, leaders)) or "—",
        top=top,
        zero=_cities(int((values == 0).sum()), lang),
    )


def map_table(styles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The map as a table: each city and the colour class it is drawn in, in the map's order."""
    return pd.DataFrame(
        {t("atlas.col_city", lang): styles["city"].tolist(), t("atlas.col_class", lang): styles["legend"].tolist()}
    )
