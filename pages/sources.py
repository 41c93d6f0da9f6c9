"""Sources and method: every source with the facts that rest on it, the definitions, how to update and
check the data, the data dictionary (rendered from data/datapackage.json) and the boundaries' provenance.
"""

import streamlit as st

from gdclusters import coverage, sources_view
from gdclusters.i18n import column_labels
from gdclusters.profiles import export_frame
from gdclusters.sources_view import DEFINITION_COLUMNS, FIELD_COLUMNS, MEASURE_COLUMNS, SOURCE_COLUMNS
from gdclusters.text import escape_markdown
from ui import loading, vega
from ui.blocks import lazy_expander, text_table
from ui.exports import chart_exports, table_exports
from ui.shell import Context, context


def sources_section(ctx: Context) -> None:
    """Every source with publisher, date, tier, URL and how many facts rest on it."""
    st.header(ctx.t("sources_page.section_sources"))
    table = sources_view.source_table(ctx.ds, ctx.lang)
    st.caption(
        ctx.t("sources_page.sources_caption", n_sources=len(table), n_facts=sources_view.total_fact_rows(ctx.ds))
    )
    summary = sources_view.reliability_summary(ctx.ds)
    cols = st.columns(len(summary))
    for column, (tier, (n_sources, n_facts)) in zip(cols, summary.items(), strict=True):
        column.metric(
            ctx.t("sources_page.tier_metric", tier=tier),
            n_sources,
            help=ctx.t("sources_page.tier_metric_help", n_facts=n_facts),
        )
    config: dict = column_labels("sources_page", SOURCE_COLUMNS, ctx.lang)
    config["url"] = st.column_config.LinkColumn(config["url"])
    config["facts"] = st.column_config.NumberColumn(config["facts"], format="%d")
    st.dataframe(table, hide_index=True, column_order=list(SOURCE_COLUMNS), column_config=config)
    table_exports(
        export_frame(table, "sources_page", SOURCE_COLUMNS, ctx.lang),
        name=["sources"],
        citation=ctx.t("sources_page.citation"),
        key="sources_table",
        lang=ctx.lang,
    )


def coverage_section(ctx: Context) -> None:
    """The coverage grid: per cluster and period, what the data holds and its best source tier."""
    st.header(ctx.t("coverage.section"))
    takeaway = coverage.takeaway(ctx.ds, ctx.lang)
    st.markdown(escape_markdown(takeaway))
    with st.expander(ctx.t("coverage.rule_title")):
        st.markdown(ctx.t("coverage.rule"))
    frame = coverage.chart_frame(ctx.ds, ctx.lang)
    vega.altair_chart(coverage.coverage_chart(frame, ctx.lang, legend=False), width="stretch", description=takeaway)
    vega.altair_chart(
        coverage.coverage_legend(ctx.lang), width="content", description=coverage.coverage_legend_text(ctx.lang)
    )
    chart = coverage.coverage_chart(frame, ctx.lang)
    st.caption(ctx.t("coverage.legend_line"))
    table = coverage.labelled_table(coverage.coverage_table(ctx.ds, ctx.lang), ctx.lang)
    chart_exports(
        chart,
        table,
        name=["coverage"],
        citation=ctx.t("coverage.citation"),
        key="sources_coverage",
        lang=ctx.lang,
        period=coverage.PERIOD,
    )
    lazy_expander(
        ctx.t("coverage.table_title"),
        "sources_coverage_table",
        lambda: text_table(table, caption=ctx.t("coverage.table_caption")),
    )


def definitions_table(ctx: Context, frame) -> None:
    """A two-column table of terms and meanings."""
    st.dataframe(
        frame,
        hide_index=True,
        column_order=list(DEFINITION_COLUMNS),
        column_config=column_labels("definitions", DEFINITION_COLUMNS, ctx.lang),
    )


def definitions_section(ctx: Context) -> None:
    """Reliability tiers, roles, target statuses (with the rule), period codes and measures."""
    st.header(ctx.t("definitions.section"))
    st.subheader(ctx.t("definitions.reliability"))
    definitions_table(ctx, sources_view.reliability_definitions(ctx.lang))
    st.subheader(ctx.t("definitions.roles"))
    definitions_table(ctx, sources_view.role_definitions(ctx.lang))
    st.subheader(ctx.t("definitions.statuses"))
    definitions_table(ctx, sources_view.status_definitions(ctx.lang))
    with st.expander(ctx.t("status.rule_title")):
        st.markdown(ctx.t("status.rule"))
    st.subheader(ctx.t("definitions.periods"))
    definitions_table(ctx, sources_view.period_definitions(ctx.lang))
    st.subheader(ctx.t("definitions.measures"))
    st.caption(ctx.t("definitions.measures_caption"))
    measures = sources_view.measure_definitions(ctx.ds, ctx.lang)
    st.dataframe(
        measures,
        hide_index=True,
        column_order=list(MEASURE_COLUMNS),
        column_config=column_labels("definitions", MEASURE_COLUMNS, ctx.lang),
    )


def update_section(ctx: Context) -> None:
    """How to update the data and check it."""
    st.header(ctx.t("sources_page.section_update"))
    st.markdown(ctx.t("sources_page.update_body"))
    st.code(ctx.t("sources_page.update_commands"), language="bash")


def dictionary_section(ctx: Context) -> None:
    """The data dictionary: every file of data/datapackage.json with its fields, one expander each."""
    st.header(ctx.t("sources_page.section_dictionary"))
    st.caption(ctx.t("sources_page.dictionary_caption"))
    for line in sources_view.licences(ctx.ds.descriptor, ctx.lang):
        st.markdown(escape_markdown(ctx.t("sources_page.licence_line", licence=line)))
    field_config = column_labels("sources_page", FIELD_COLUMNS, ctx.lang)
    for entry in sources_view.data_dictionary(ctx.ds.descriptor):

        def fields(entry=entry) -> None:
            st.markdown(escape_markdown(entry.description))
            if entry.primary_key:
                st.caption(escape_markdown(ctx.t("sources_page.primary_key", columns=entry.primary_key)))
            st.dataframe(entry.fields, hide_index=True, column_order=list(FIELD_COLUMNS), column_config=field_config)

        lazy_expander(escape_markdown(f"{entry.title} ({entry.path})"), f"dictionary_{entry.name}", fields)


def provenance_section(ctx: Context) -> None:
    """Where the city boundaries come from and under which licence."""
    st.header(ctx.t("sources_page.section_boundaries"))
    try:
        record = loading.boundary_provenance()
    except FileNotFoundError:
        st.info(ctx.t("sources_page.boundaries_missing"))
        return
    st.caption(ctx.t("sources_page.boundaries_caption"))
    st.dataframe(
        sources_view.provenance_rows(record),
        hide_index=True,
        column_config=column_labels("sources_page", ("field", "value"), ctx.lang),
    )


def main() -> None:
    """Draw the page (the global filters do not apply here)."""
    ctx = context()
    st.title(ctx.t("pages.sources"))
    st.caption(ctx.t("sources_page.intro"))
    sources_section(ctx)
    coverage_section(ctx)
    definitions_section(ctx)
    update_section(ctx)
    dictionary_section(ctx)
    provenance_section(ctx)


main()
