"""Coverage: what the data holds for each cluster, year by year, and how reliable it is.

The grid has one row per cluster and ten columns (``base_2019``, ``2019`` … ``2025``, ``target_2025``,
``outcome_2025``); the cell rule is in the docstring of gdclusters.coverage.grid. The page, the export and
the command line share one frame.

One module per job: grid (the cell rule and the cells), table (cells in words, the grid table, the takeaway),
chart (the heat-map), plain_text (aligned text for a terminal), cli (`python -m gdclusters.coverage
[DATA_DIR] [--lang zh]`, or `make coverage`). This package re-exports their public names, so
`from gdclusters import coverage; coverage.coverage_table(...)` keeps working.
"""

from gdclusters.coverage.chart import (
    DARK_FILLS,
    FILL_COLOURS,
    LABEL_LIMIT,
    LINE_HEIGHT,
    MIN_ROW_STEP,
    TEXT_SIZE,
    chart_frame,
    coverage_chart,
    coverage_legend,
    coverage_legend_text,
)
from gdclusters.coverage.cli import main, report
from gdclusters.coverage.grid import (
    BASE_PERIOD,
    COLUMNS,
    FAMILY_ORDER,
    FILLS,
    MONEY_FAMILIES,
    PERIOD,
    TARGET_YEAR,
    YEARS,
    cluster_order,
    coverage_cells,
)
from gdclusters.coverage.plain_text import render_text
from gdclusters.coverage.table import (
    EMPTY,
    RECENT_YEARS,
    STALE_AFTER,
    cell_text,
    column_label,
    coverage_table,
    labelled_table,
    short_text,
    summary,
    takeaway,
)

__all__ = [
    "BASE_PERIOD",
    "COLUMNS",
    "DARK_FILLS",
    "EMPTY",
    "FAMILY_ORDER",
    "FILLS",
    "FILL_COLOURS",
    "LABEL_LIMIT",
    "LINE_HEIGHT",
    "MIN_ROW_STEP",
    "MONEY_FAMILIES",
    "PERIOD",
    "RECENT_YEARS",
    "STALE_AFTER",
    "TARGET_YEAR",
    "TEXT_SIZE",
    "YEARS",
    "cell_text",
    "chart_frame",
    "cluster_order",
    "column_label",
    "coverage_cells",
    "coverage_chart",
    "coverage_legend",
    "coverage_legend_text",
    "coverage_table",
    "labelled_table",
    "main",
    "render_text",
    "report",
    "short_text",
    "summary",
    "takeaway",
]
