"""Revenue tiers: each cluster's latest figure against its 2023 output tier, clusters per tier, and every
published revenue figure over time."""

import streamlit as st

from gdclusters import charts, takeaways, tiers
from gdclusters.analysis import year_span
from gdclusters.i18n import unit_label
from gdclusters.sourcing import file_name_parts
from gdclusters.text import escape_markdown
from ui.blocks import lazy_expander, sourced_chart
from ui.exports import table_exports
from ui.shell import Context, context

TIER_TABLE = {
    "cluster": "col_cluster",
    "category_label": "col_category",
    "tier_label": "col_tier",
    "source": "col_source",
    "quote": "col_quote",
}
FIGURE_TABLE = {
    "cluster": "col_cluster",
    "measure": "col_measure",
    "period": "col_period",
    "period_basis": "col_period_basis",
    "value_text": "col_value",
    "reliability": "col_reliability",
    "source": "col_source",
    "quote": "col_quote",
    "note": "col_note",
}


def table_config(ctx: Context, columns: dict[str, str]) -> dict[str, str]:
    """Column headers for st.dataframe from the [tiers] catalogue keys."""
    return {column: ctx.t(f"tiers.{key}") for column, key in columns.items()}


def tier_sections(ctx: Context, tier_rows, name_parts: list[str], summaries: tuple[str, str, str]) -> None:
    """The latest figures against the tiers (with the tier quotes) and the count of clusters per tier."""
    source_ids = list(tier_rows["source_id"])
    latest = tiers.latest_figures(ctx.ds, ctx.filters, ctx.lang)
    figure_ids = [s for s in latest["source_id"] if s]
    st.subheader(ctx.t("tiers.section_tiers"))
    sourced_chart(
        ctx,
        charts.tier_chart_view(ctx.ds, ctx.filters, ctx.lang),
        latest,
        name=["tiers", "2023", *name_parts],
        key="tiers_bar",
        source_ids=list(dict.fromkeys([*source_ids, *figure_ids])),
        period=year_span([*tier_rows["period"], *latest.loc[latest["has_figure"], "period"]]),
        summary=summaries[0],
    )
    lazy_expander(
        ctx.t("tiers.tier_quotes"),
        "tiers_quotes",
        lambda: st.dataframe(
            tier_rows, hide_index=True, column_order=list(TIER_TABLE), column_config=table_config(ctx, TIER_TABLE)
        ),
    )

    st.subheader(ctx.t("tiers.section_counts"))
    counts = tiers.tier_count_frame(ctx.ds, ctx.filters, ctx.lang)
    sourced_chart(
        ctx,
        charts.tier_count_chart_view(ctx.ds, ctx.filters, ctx.lang),
        counts,
        name=["tiers", "counts", "2023", *name_parts],
        key="tiers_counts",
        source_ids=source_ids,
        period="2023",
        summary=summaries[1],
    )


def revenue_section(ctx: Context, name_parts: list[str], summary: str) -> None:
    """Every published revenue/output figure of the filtered clusters: each series over time, then the table."""
    st.subheader(ctx.t("tiers.section_revenue"))
    figures = tiers.revenue_figures(ctx.ds, ctx.filters, ctx.lang)
    if figures.empty:
        st.info(ctx.t("tiers.revenue_empty"))
        return
    charted = tiers.charted_figures(figures)
    cited_ids = list(figures["source_id"])
    if not charted.empty:
        sourced_chart(
            ctx,
            charts.revenue_chart_view(ctx.ds, ctx.filters, ctx.lang),
            charted,
            name=["revenue-figures", *name_parts],
            key="tiers_revenue",
            source_ids=list(charted["source_id"]),
            period=year_span(charted["period"]),
            cited_ids=cited_ids,
            summary=summary,
        )
    st.caption(escape_markdown(ctx.t("tiers.measures_note", unit=unit_label(tiers.MONEY_UNIT, ctx.lang))))
    hidden = len(figures) - len(charted)
    if hidden:
        st.caption(escape_markdown(ctx.t("tiers.not_charted", n=hidden)))
    st.dataframe(
        figures, hide_index=True, column_order=list(FIGURE_TABLE), column_config=table_config(ctx, FIGURE_TABLE)
    )
    table_exports(
        figures,
        name=["revenue-figures", "table", *name_parts],
        citation=ctx.citation(cited_ids),
        key="tiers_revenue_table",
        lang=ctx.lang,
    )


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    st.title(ctx.t("pages.tiers"))
    st.caption(ctx.t("tiers.intro"))
    if ctx.filters.cities or ctx.filters.regions:
        st.caption(ctx.t("tiers.scope_note"))
    tier_rows = tiers.tier_frame(ctx.ds, ctx.filters, ctx.lang)
    if tier_rows.empty:
        st.info(ctx.t("tiers.empty"))
        return
    name_parts = file_name_parts(ctx.filters)
    summaries = takeaways.tiers_page(ctx.ds, ctx.filters, ctx.lang)
    tier_sections(ctx, tier_rows, name_parts, summaries)
    revenue_section(ctx, name_parts, summaries[2])


main()
