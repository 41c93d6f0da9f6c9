"""City-level published figures (metrics rows with an adcode) and the rule that finds sources that disagree.

A city figure often counts the city's own cluster or industry (column definition: city_own), one segment
of a cluster, or a wider sector; every row says which, and figures of different definitions are never
joined. Where two sources give a figure for the same scope, measure, period, city and definition and
the figures cannot both be true, both rows stay and each is marked with what the other source says.
The disagreement rule is in the docstring of gdclusters.city_figures.disagreement.

One module per job: disagreement (definitions, the disagreement rule and its notes), frames (the city figure
frames of the city profile, the cluster profile and the map), badges (the map's per-city badges), charts
(the small per-series charts). This package re-exports their public names, so
`from gdclusters import city_figures; city_figures.city_figures(...)` keeps working.
"""

from gdclusters.city_figures.badges import MAP_TOOLTIP_LINES, figure_points, latest_figures
from gdclusters.city_figures.charts import (
    AGREE_COLOUR,
    DISAGREE_COLOUR,
    SERIES_HEIGHT,
    SERIES_WIDTH,
    chart_series,
    series_chart,
    series_title,
)
from gdclusters.city_figures.disagreement import (
    ABOUT_SHARE,
    GROUP_KEY,
    SECTION,
    dataset_disagreements,
    definition_label,
    definitions,
    disagreeing_rows,
    disagreement_lines,
    disagreement_notes,
    figure_range,
    half_last_digit,
    half_last_place,
    ranges_disagree,
)
from gdclusters.city_figures.frames import (
    CITY_FIGURE_COLUMNS,
    CITY_SYSTEM_SCOPE,
    CLUSTER_CITY_FIGURE_COLUMNS,
    FRAME_COLUMNS,
    MAP_FIGURE_COLUMNS,
    city_figures,
    cluster_city_figures,
    map_city_figures,
)

__all__ = [
    "ABOUT_SHARE",
    "AGREE_COLOUR",
    "CITY_FIGURE_COLUMNS",
    "CITY_SYSTEM_SCOPE",
    "CLUSTER_CITY_FIGURE_COLUMNS",
    "DISAGREE_COLOUR",
    "FRAME_COLUMNS",
    "GROUP_KEY",
    "MAP_FIGURE_COLUMNS",
    "MAP_TOOLTIP_LINES",
    "SECTION",
    "SERIES_HEIGHT",
    "SERIES_WIDTH",
    "chart_series",
    "city_figures",
    "cluster_city_figures",
    "dataset_disagreements",
    "definition_label",
    "definitions",
    "disagreeing_rows",
    "disagreement_lines",
    "disagreement_notes",
    "figure_points",
    "figure_range",
    "half_last_digit",
    "half_last_place",
    "latest_figures",
    "map_city_figures",
    "ranges_disagree",
    "series_chart",
    "series_title",
]
