"""The Cluster profile's small map: each of the 21 cities coloured by its role in one cluster.

It reuses the main map's role styling and static builder (gdclusters.maps); role_scale() gives the same
colours to charts outside a map (the matrix).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from gdclusters import analysis, maps
from gdclusters.dataset import Dataset
from gdclusters.domain import ROLE_ORDER
from gdclusters.i18n import t
from gdclusters.state import Filters


def role_scale(lang: str) -> alt.Scale:
    """The main map's colour per role, in role order, labelled in lang (the same on the map and the matrix)."""
    return alt.Scale(
        domain=[maps.role_label(r, lang) for r in ROLE_ORDER], range=[maps.ROLE_COLOURS[r] for r in ROLE_ORDER]
    )


def cluster_map_styles(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Per city: colour and tooltip for its role in one cluster (the main map's role styling, all 21 cities)."""
    selection = Filters(clusters=(cluster_id,))
    roles = analysis.selected_cluster_roles(ds, selection)
    return maps.role_styles(roles, maps.link_table(ds, selection, lang), ds.cities["adcode"], lang)


def cluster_map_chart(
    features: list[dict],
    styles: pd.DataFrame,
    lang: str,
    title: str,
    shapes_url: str | None = None,
    legends_below: bool = False,
) -> alt.LayerChart:
    """A small static map of the 21 cities coloured by role for one cluster (the main map page's builder).

    shapes_url: for the screen, fetch the display shapes instead of carrying them (maps.static_map_chart).
    legends_below: under the map, for a phone.
    """
    return maps.static_map_chart(
        features,
        styles,
        maps.role_legend(lang),
        title=title,
        legend_title=t("cluster.legend_role", lang),
        lang=lang,
        shapes_url=shapes_url,
        legends_below=legends_below,
    )
