"""Overview: the programme's headline figures, the trillion-yuan clusters over time, a map of how many
clusters each city hosts, and where to go next.

Session-state keys owned here: none.
"""

from functools import partial

import streamlit as st

from gdclusters import analysis, maps, overview, periods, scorecard, takeaways
from gdclusters.export import describe_filters
from gdclusters.i18n import join_parts
from gdclusters.sourcing import file_name_parts
from gdclusters.text import escape_markdown
from ui import vega
from ui.blocks import lazy_expander, sourced_chart, text_table
from ui.exports import map_exports
from ui.loading import boundaries, boundary_provenance
from ui.shell import PAGE_ICONS, Context, context, source_caption, user_agent

# Two a row: at three, a 1400 px screen cut values and labels ("nearly 3 trillion y…", "… as share of …").
FIGURES_PER_ROW = 2


def headline_section(ctx: Context) -> None:
    """The headline figures, each with its period and sources (the value names its own unit: '15 trillion yuan',
    '40%'; a caption naming the stored unit, billion yuan, contradicted it); the quote on hover."""
    st.subheader(ctx.t("overview.section_figures"))
    st.caption(ctx.t("overview.figures_scope"))
    figures = overview.headline_figures(ctx.ds, ctx.lang)
    if not figures:
        st.info(ctx.t("overview.figures_missing"))
        return
    for start in range(0, len(figures), FIGURES_PER_ROW):
        columns = st.columns(FIGURES_PER_ROW)
        for column, figure in zip(columns, figures[start : start + FIGURES_PER_ROW], strict=False):
            with column:
                st.metric(
                    figure.label,
                    figure.value_text,
                    help=escape_markdown(ctx.t("overview.figure_quote", quote=figure.quote)),
                )
                sources = join_parts((ctx.source_label(s) for s in figure.source_ids), ctx.lang)
                st.caption(
                    escape_markdown(
                        ctx.t(
                            "overview.figure_caption",
                            period=periods.with_basis(figure.period, figure.period_basis, figure.published, ctx.lang),
                            sources=sources,
                        )
                    )
                )


def targets_line(ctx: Context) -> None:
    """'2025 targets: N met, N missed, N not yet measurable', each number a link to the filtered register."""
    counts = overview.target_counts(ctx.ds, ctx.filters)
    query = overview.link_query(ctx.filters, ctx.lang)
    columns = st.columns([2, 1, 1, 2])
    columns[0].markdown("**" + escape_markdown(ctx.t("overview.targets_2025")) + "**")
    for column, status in zip(columns[1:], ("met", "missed", "open"), strict=True):
        with column:
            st.page_link(
                "pages/targets.py",
                label=ctx.t(f"overview.targets_{status}", n=counts[status]),
                query_params={**query, "status": status, "year": str(scorecard.HORIZON)},
            )
    st.caption(ctx.t("overview.targets_caption", n=counts["qualitative"]))


def trillion_section(ctx: Context) -> None:
    """Which clusters pass 1 trillion yuan a year since when, the counts the sources state, and the quotes."""
    st.subheader(ctx.t("overview.section_trillion"))
    view = overview.trillion_view(ctx.ds, ctx.lang)
    if view is None:
        st.info(ctx.t("overview.figures_missing"))
        return
    sourced_chart(
        ctx,
        view.chart,
        view.export,
        name=["overview", "trillion-yuan-clusters", view.period],
        key="overview_trillion",
        source_ids=view.source_ids,
        period=view.period,
        note=escape_markdown(view.notes),
        summary=view.takeaway,
    )

    def quotes() -> None:
        for heading, table in (
            (ctx.t("overview.trillion_quotes_joined"), view.joined_quotes),
            (ctx.t("overview.trillion_quotes_counts"), view.count_quotes),
        ):
            st.markdown("**" + escape_markdown(heading) + "**")
            text_table(table, heading)

    lazy_expander(ctx.t("overview.trillion_quotes"), "overview_trillion_quotes", quotes)


def map_section(ctx: Context) -> None:
    """A province map of how many clusters each city is named for (region-level mentions not counted)."""
    st.subheader(ctx.t("overview.section_map"))
    view = overview.count_map(ctx.ds, ctx.filters, ctx.lang, boundaries(), maps.is_phone(user_agent()))
    if view is None:
        st.info(ctx.t("notices.empty_result"))
        return
    st.caption(ctx.t("overview.map_caption"))
    summary = takeaways.count_map(ctx.ds, ctx.filters, ctx.lang)
    if summary:
        st.markdown(escape_markdown(summary))
    # The landing page draws the map with Vega (no WebGL start-up, no deck.gl chunk to load); the interactive
    # deck.gl map is on the Map page and in the offline HTML export.
    vega.altair_chart(view.chart, width="stretch", key="overview_map_chart", description=summary or None)
    features = boundaries().features
    bbox = maps.mainland_bbox(features, boundary_provenance())

    def deck():
        """The offline HTML map's deck, built only when it is downloaded (like the static twin below)."""
        return maps.host_city_deck(maps.choropleth_features(features, view.styles), maps.view_state(bbox))

    source_caption(ctx, view.source_ids)
    source_line = ctx.citation(view.source_ids)
    title = maps.map_title("count", ctx.lang)
    filters_line = describe_filters(ctx.filters, ctx.lang, ctx.cluster_name, ctx.city_name)
    # The static twin carries its shapes (a file must be self-contained) and is only built for a download.
    static = partial(
        maps.static_map_chart,
        features,
        view.styles,
        view.legend,
        title=title,
        legend_title=view.legend_title,
        subtitle=[filters_line, ctx.t("map.counting_rule")],
        source_line=source_line,
        lang=ctx.lang,
    )
    map_exports(
        deck,
        static,
        maps.export_frame(view.styles),
        name=["overview", "map", *file_name_parts(ctx.filters)],
        period=ctx.t("format.sources_published", span=analysis.source_year_span(ctx.ds, view.source_ids)),
        citation=source_line,
        key="overview_map",
        lang=ctx.lang,
        title=title,
    )


def next_section(ctx: Context) -> None:
    """Links to the other pages; each carries the filters in force so the view stays the same."""
    st.subheader(ctx.t("overview.section_next"))
    query = overview.link_query(ctx.filters, ctx.lang)
    columns = st.columns(2)
    for index, page in enumerate(overview.NEXT_PAGES):
        with columns[index % 2]:
            st.page_link(f"pages/{page}.py", label=ctx.t(f"pages.{page}"), icon=PAGE_ICONS[page], query_params=query)
            st.caption(ctx.t(f"overview.next_{page}"))


def main() -> None:
    """Draw the page."""
    ctx = context()
    st.title(ctx.t("pages.overview"))
    st.caption(ctx.t("overview.intro"))
    headline_section(ctx)
    targets_line(ctx)
    trillion_section(ctx)
    map_section(ctx)
    next_section(ctx)


main()
