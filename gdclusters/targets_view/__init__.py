"""Data behind the Growth targets page: the register, one target's path and observations, user figures.

Builds on gdclusters.growth (the status rule). One module per job: wording (targets, statuses and rates
in words), register (which targets the filters show and the register table; the filter rule is in its
docstring), chart_data (one target's chart), user_figures (hypothetical or newer figures from the form or
an upload, kept in session state and applied as source_id "user"). This package re-exports their public
names, so `from gdclusters import targets_view; targets_view.register_table(...)` keeps working.

Every target is evaluated once per loaded dataset from the published figures (published_register); the
register, the target options and one target's chart data are memoised per dataset and arguments, the user's
figures included in the key (gdclusters.analysis.memoised_per_args), so a rerun recomputes nothing.
"""

from gdclusters.targets_view.chart_data import (
    TargetChartData,
    chart_table,
    excluded_frame,
    history_frame,
    latest_period_text,
    observation_frame,
    target_chart_data,
)
from gdclusters.targets_view.register import (
    GROUP_CATEGORY,
    HEADLINE_GROWTH_PCT,
    HEADLINE_SCOPE,
    REGISTER_COLUMNS,
    REGISTER_ID_COLUMNS,
    evaluated_targets,
    headline_target_id,
    keep_status,
    published_register,
    register_export,
    register_rows,
    register_source_ids,
    register_table,
    target_options,
    visible_targets,
)
from gdclusters.targets_view.user_figures import (
    MAX_UPLOAD_BYTES,
    MAX_USER_ROWS,
    SESSION_KEY,
    UPLOAD_COLUMNS,
    VALUE_LIMIT,
    YEAR_RANGE,
    UserRowsKey,
    add_observation,
    amended_metrics,
    check_observation,
    display_to_data_value,
    parse_upload,
    user_metric_rows,
    user_row_text,
    user_rows_from_key,
    user_rows_key,
    user_rows_table,
)
from gdclusters.targets_view.wording import (
    USER_SOURCE,
    baseline_text,
    comparability_text,
    growth_text,
    metric_label,
    rounded_value_text,
    scope_name,
    status_label,
    status_text,
    target_text,
)

__all__ = [
    "GROUP_CATEGORY",
    "HEADLINE_GROWTH_PCT",
    "HEADLINE_SCOPE",
    "MAX_UPLOAD_BYTES",
    "MAX_USER_ROWS",
    "REGISTER_COLUMNS",
    "REGISTER_ID_COLUMNS",
    "SESSION_KEY",
    "UPLOAD_COLUMNS",
    "USER_SOURCE",
    "VALUE_LIMIT",
    "YEAR_RANGE",
    "TargetChartData",
    "UserRowsKey",
    "add_observation",
    "amended_metrics",
    "baseline_text",
    "chart_table",
    "check_observation",
    "comparability_text",
    "display_to_data_value",
    "evaluated_targets",
    "excluded_frame",
    "growth_text",
    "headline_target_id",
    "history_frame",
    "keep_status",
    "latest_period_text",
    "metric_label",
    "observation_frame",
    "parse_upload",
    "published_register",
    "register_export",
    "register_rows",
    "register_source_ids",
    "register_table",
    "rounded_value_text",
    "scope_name",
    "status_label",
    "status_text",
    "target_chart_data",
    "target_options",
    "target_text",
    "user_metric_rows",
    "user_row_text",
    "user_rows_from_key",
    "user_rows_key",
    "user_rows_table",
    "visible_targets",
]
