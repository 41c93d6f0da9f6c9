"""The rest of the Overview: the count map, the 2025 target counts and the links on to the other pages."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from gdclusters import analysis, maps, scorecard, targets_view
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import DEFAULT_LANGUAGE, t
from gdclusters.state import Filters, to_query
from gdclusters.targets_view import published_register

# Pages the Overview points to, in the order a first-time reader would use them.
NEXT_PAGES = ("map", "matrix", "tiers", "targets", "city", "cluster", "sources")


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
def count_map(
    ds: Dataset, filters: Filters, lang: str, boundaries: maps.Boundaries, phone: bool = False
) -> CountMap | None:
    """How many clusters each city is named for, under the filters (None when no link matches them).

    phone: the legend under the map, which then takes the phone's whole width.

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
        legends_below=phone,
    )
    return CountMap(styles, legend, legend_title, chart, tuple(maps.link_source_ids(links)))


@memoised_per_args
def target_counts(ds: Dataset, filters: Filters, year: int = scorecard.HORIZON) -> dict[str, int]:
    """How many targets for year in force, under the filters, are met, missed or not measurable yet.

    The same set and statuses as the Growth targets register shows for ?year=<year> (statuses come from the
    published figures; a filter only chooses which targets count, so nothing is evaluated per filter set).
    """
    visible = set(targets_view.visible_targets(ds, filters)["target_id"])
    register = published_register(ds)
    register = register[register["target_id"].isin(visible)]
    if register.empty:
        return {"met": 0, "missed": 0, "open": 0, "qualitative": 0}
    return scorecard.status_counts(register, year)


def link_query(filters: Filters, lang: str) -> dict[str, list[str]]:
    """The canonical query parameters a link to another page carries, so the view keeps its filters."""
    return to_query(filters, None if lang == DEFAULT_LANGUAGE else lang)
