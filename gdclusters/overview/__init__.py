"""Data behind the Overview page: the headline figures, the trillion-yuan clusters, and the links on.

Every figure is read from metrics.csv by (scope, metric, period) and keeps its unit, qualifier ('nearly 3
trillion yuan') and sources. Where several sources give the same figure, the most reliable one is shown
and every source that agrees is cited; tier-D sources are never used for a figure shown as fact. The count
of trillion-yuan clusters is the exception: sources that disagree on a year are all shown, side by side,
beside the year each cluster joined (trillion_members.csv).

One module per job: headline (the headline figures), trillion (the trillion-yuan counts, members and
sentences), timeline (the trillion-yuan chart), trillion_section (the section as shown and exported),
landing (the count map, the 2025 target counts, the links on). This package re-exports their public names,
so `from gdclusters import overview; overview.trillion_view(...)` keeps working.
"""

from gdclusters.overview.headline import HEADLINES, Figure, headline_figures
from gdclusters.overview.landing import NEXT_PAGES, CountMap, count_map, link_query, target_counts
from gdclusters.overview.timeline import (
    CONFLICT_COLOUR,
    TEXT_COLOUR,
    TRILLION_BAR_HEIGHT,
    TRILLION_BAR_TAIL,
    TRILLION_LABEL_RISE,
    TRILLION_ROW_STEP,
    trillion_chart,
    trillion_member_chart,
)
from gdclusters.overview.trillion import (
    TRILLION_COUNT_COLUMNS,
    TRILLION_MEMBER_COLUMNS,
    TRILLION_METRIC,
    TRILLION_SCOPE,
    trillion_cluster_counts,
    trillion_count_labels,
    trillion_disputes,
    trillion_members,
    trillion_takeaway,
    trillion_years,
)
from gdclusters.overview.trillion_section import (
    TrillionView,
    trillion_export_frame,
    trillion_quote_tables,
    trillion_view,
)

__all__ = [
    "CONFLICT_COLOUR",
    "HEADLINES",
    "NEXT_PAGES",
    "TEXT_COLOUR",
    "TRILLION_BAR_HEIGHT",
    "TRILLION_BAR_TAIL",
    "TRILLION_COUNT_COLUMNS",
    "TRILLION_LABEL_RISE",
    "TRILLION_MEMBER_COLUMNS",
    "TRILLION_METRIC",
    "TRILLION_ROW_STEP",
    "TRILLION_SCOPE",
    "CountMap",
    "Figure",
    "TrillionView",
    "count_map",
    "headline_figures",
    "link_query",
    "target_counts",
    "trillion_chart",
    "trillion_cluster_counts",
    "trillion_count_labels",
    "trillion_disputes",
    "trillion_export_frame",
    "trillion_member_chart",
    "trillion_members",
    "trillion_quote_tables",
    "trillion_takeaway",
    "trillion_view",
    "trillion_years",
]
