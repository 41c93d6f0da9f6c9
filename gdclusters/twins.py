"""A chart's table twin for readers: its data frame with headers in words, internal columns dropped, codes in words.

The frame behind a chart (also its CSV download) keeps machine column names (cluster_id, row_kind, tier_bn_yuan).
Its twin on screen shows the same rows under a11y.twin_col_<column> headers; columns that only serve the chart or
a join (ids, floors in chart units, flags, drawn labels) are dropped, and coded cells (row_kind, drawn, kind,
category) are put in words. A column the vocabulary does not know (a frame already given headers in words) is
kept as it is.
"""

from __future__ import annotations

import pandas as pd

from gdclusters.i18n import t

# Columns that only serve the chart, a join or a file: never shown in a twin.
INTERNAL_COLUMNS = frozenset(
    {
        "cluster_id",
        "source_id",
        "tier_source_id",
        "target_id",
        "metric",
        "period_basis_id",
        "tier_bn_yuan",
        "value_bn_yuan",
        "has_figure",
        "compared",
        "figure_label",
        "adcode",
        "period_kind",
        "charted",
        "series",
        "role",
        "quote_short",
    }
)
# Columns shown under a11y.twin_col_<column>.
LABELLED_COLUMNS = (
    "row_kind",
    "year",
    "period",
    "period_basis",
    "published",
    "cluster",
    "category",
    "category_label",
    "clusters",
    "clusters_count",
    "cluster_names",
    "drawn",
    "tier_label",
    "tier_low",
    "tier_high",
    "tier_period",
    "tier_source",
    "tier_quote",
    "tier_comparison",
    "tier",
    "city",
    "region",
    "role_label",
    "definition",
    "period_kind_label",
    "measure",
    "kind",
    "value",
    "value_text",
    "qualifier",
    "unit",
    "source",
    "reliability",
    "quote",
    "note",
)
# Coded columns whose cells are shown in words: column -> catalogue key prefix (the code is the key's end).
CODED_COLUMNS = {
    "row_kind": "a11y.twin_row_",
    "drawn": "a11y.twin_drawn_",
    "kind": "a11y.twin_kind_",
    "category": "category.",
    "qualifier": "cluster.qualifier_",
    "definition": "definition.",
}


def _in_words(column: pd.Series, prefix: str, lang: str) -> pd.Series:
    def word(code: object) -> object:
        if not isinstance(code, str) or not code:
            return code
        return t(prefix + code, lang)

    return column.map(word)


def twin_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """frame as its table twin in lang: internal columns dropped, known headers and coded cells in words."""
    kept = [c for c in frame.columns if c not in INTERNAL_COLUMNS]
    # A category label beside it says the same as the code.
    if "category" in kept and "category_label" in kept:
        kept.remove("category")
    out = frame[kept].copy()
    for column, prefix in CODED_COLUMNS.items():
        if column in out.columns:
            out[column] = _in_words(out[column], prefix, lang)
    return out.rename(columns={c: t(f"a11y.twin_col_{c}", lang) for c in kept if c in LABELLED_COLUMNS})
