"""Map: where the clusters are, city by city.

With no cluster, category or tier filter, each city is coloured by how many clusters a source names it for
(all, pillar or emerging); with one, by its strongest role for the selected clusters (core, base,
region-level mention, none), core and base cities also carrying a marker (circle, triangle) as in the atlas.
Clicking a city opens its City profile. Optional layers: the 'one core, one belt, one area' regions, the bases
of the 2016–2020 plan and a badge on each city with published city-level figures. Below: every link shown, with quote and source (and the city figures when that layer is on).

The view switch offers an atlas instead (?view=atlas): one small map per cluster the filters keep, each titled
with a link to the cluster's profile, exported as one image (gdclusters/maps/atlas.py).

Every map comes with its text alternative: a sentence computed from its data, and the map as a table.

Session-state keys owned here: map_deck (the map's selection), map_count, map_regions, map_plan_bases,
map_city_figures, VIEW_KEY and OPEN_CITY_KEY. The click callback also writes the global filters' keys (owned by ui.shell):
the clicked city becomes the city filter, and the others are written back so that they survive the switch to the
City profile.
"""

from functools import partial

import streamlit as st

from gdclusters import analysis, city_figures, maps, profiles
from gdclusters.city_figures import MAP_FIGURE_COLUMNS
from gdclusters.export import describe_filters
from gdclusters.overview import link_query
from gdclusters.sourcing import file_name_parts
from gdclusters.text import escape_markdown
from ui import vega
from ui.blocks import lazy_expander, sourced_table, text_table
from ui.exports import chart_exports, map_exports, table_exports
from ui.loading import boundaries, boundary_features, boundary_provenance
from ui.shell import Context, context, page_param, set_filter, set_page_param, source_caption, user_agent

DECK_KEY = "map_deck"
OPEN_CITY_KEY = "_map_open_city"
VIEW_KEY = "map_view"
VIEWS = ("one", "atlas")
LINK_COLUMNS = {
    "city": "col_city",
    "cluster": "col_cluster",
    "category": "col_category",
    "role": "col_role",
    "detail": "col_detail",
    "quote": "col_quote",
    "source": "col_source",
}
BASE_COLUMNS = {
    "place": "col_place",
    "field": "col_field",
    "detail": "col_base_detail",
    "related_cluster": "col_related_cluster",
    "quote": "col_quote",
    "source": "col_source",
}


def open_city() -> None:
    """Map click: make the clicked city the city filter and ask this page to open its profile."""
    state = st.session_state.get(DECK_KEY)
    adcode = maps.adcode_from_selection(state["selection"] if state else None)
    if adcode:
        set_filter("city", [adcode])
        st.session_state[OPEN_CITY_KEY] = True


def column_config(ctx: Context, columns: dict[str, str]) -> dict[str, str]:
    """Column headers from the [map] catalogue keys."""
    return {column: ctx.t(f"map.{key}") for column, key in columns.items()}


def colouring(ctx: Context, links, in_filter: frozenset[str]):
    """The per-city styles, legend, legend title and file-name mode for the filters in force."""
    outside = len(in_filter) < len(ctx.ds.cities)
    if maps.has_cluster_selection(ctx.filters):
        roles = analysis.selected_cluster_roles(ctx.ds, ctx.filters)
        styles = maps.role_styles(roles, links, in_filter, ctx.lang, click_hint=True)
        return styles, maps.role_legend(ctx.lang, outside), ctx.t("map.legend_title_roles"), "roles"
    value_col = (
        st.segmented_control(
            ctx.t("map.colour_by"),
            list(maps.COUNT_COLUMNS),
            format_func=lambda c: ctx.t(f"map.count_{c}"),
            key="map_count",
            default="n_clusters",
            help=ctx.t("map.colour_by_help"),
        )
        or "n_clusters"
    )
    summary = analysis.city_summary(ctx.ds, ctx.filters)
    styles = maps.count_styles(summary, value_col, ctx.lang, click_hint=True)
    legend = maps.count_legend(maps.count_scale_max(summary), ctx.lang, outside)
    return styles, legend, ctx.t(f"map.legend_title_{value_col}"), value_col


def _sync_view() -> None:
    """on_change callback: the view switch writes ?view=atlas (or removes it for the single map)."""
    set_page_param("view", "atlas" if st.session_state.get(VIEW_KEY) == "atlas" else None)


def view_switch(ctx: Context) -> str:
    """The single map or the atlas, seeded from the URL (?view=atlas) so that a shared link shows the same."""
    from_url = "atlas" if page_param("view") == "atlas" else "one"
    if st.session_state.get(VIEW_KEY) != from_url:
        st.session_state[VIEW_KEY] = from_url
    choice = st.segmented_control(
        ctx.t("atlas.view"),
        list(VIEWS),
        format_func=lambda v: ctx.t(f"atlas.view_{v}"),
        key=VIEW_KEY,
        on_change=_sync_view,
        help=ctx.t("atlas.view_help"),
    )
    return choice or "one"


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    if st.session_state.pop(OPEN_CITY_KEY, False) and ctx.filters.cities:
        st.switch_page("pages/city.py", query_params=link_query(ctx.filters, ctx.lang))
    st.title(ctx.t("pages.map"))
    view = view_switch(ctx)
    if view == "atlas":
        atlas_section(ctx)
        return
    links = maps.link_table(ctx.ds, ctx.filters, ctx.lang)
    if links.empty:
        st.info(ctx.t("notices.empty_result"))
        return
    roles_mode = maps.has_cluster_selection(ctx.filters)
    st.caption(ctx.t("map.intro_roles" if roles_mode else "map.intro_counts"))

    in_filter = maps.cities_in_filter(ctx.ds, ctx.filters)
    styles, legend, legend_title, mode = colouring(ctx, links, in_filter)
    layer_columns = st.columns(3)
    show_regions = layer_columns[0].checkbox(ctx.t("map.layer_regions"), key="map_regions")
    show_bases = layer_columns[1].checkbox(
        ctx.t("map.layer_plan_bases"), key="map_plan_bases", help=ctx.t("map.layer_plan_bases_help")
    )
    show_figures = layer_columns[2].checkbox(
        ctx.t("map.layer_city_figures"), key="map_city_figures", help=ctx.t("map.layer_city_figures_help")
    )

    features = boundary_features()["features"]
    bbox = maps.mainland_bbox(features, boundary_provenance())
    bases = maps.plan_base_table(ctx.ds, ctx.filters, ctx.lang) if show_bases else None
    figures = city_figures.map_city_figures(ctx.ds, ctx.filters, ctx.lang) if show_figures else None
    deck = maps.host_city_deck(
        maps.choropleth_features(features, styles),
        maps.view_state(bbox, maps.view_width(user_agent())),
        role_markers=maps.role_marker_points(features, styles),
        region_outlines=maps.region_outline_features(features, ctx.lang) if show_regions else None,
        plan_bases=maps.plan_base_points(bases, features, ctx.lang) if show_bases else None,
        city_figures=city_figures.figure_points(figures, features, ctx.lang) if show_figures else None,
    )

    summary = maps.map_summary(styles, "roles" if roles_mode else "count", ctx.lang)
    st.markdown(escape_markdown(summary))
    map_column, legend_column = st.columns([3, 1])
    with map_column:
        st.pydeck_chart(
            deck,
            on_select=open_city,
            selection_mode="single-object",
            key=DECK_KEY,
            height=maps.MAP_HEIGHT,
            width="stretch",
            alt=summary,
        )
    with legend_column:
        vega.altair_chart(
            maps.legend_chart(legend, legend_title),
            width="content",
            description=maps.legend_text(legend, legend_title, ctx.lang),
        )
        if show_regions:
            region_legend, region_title = maps.region_legend(ctx.lang), ctx.t("map.legend_title_regions")
            vega.altair_chart(
                maps.legend_chart(region_legend, region_title),
                width="content",
                description=maps.legend_text(region_legend, region_title, ctx.lang),
            )
        if show_bases:
            st.caption(ctx.t("map.legend_plan_bases"))
        if show_figures:
            st.caption(ctx.t("map.legend_city_figures"))
    st.caption(ctx.t("map.click_hint"))
    view_note = "map.view_note_outside" if maps.islands_outside(features, bbox) else "map.view_note_inside"
    st.caption(ctx.t(view_note) + " " + ctx.t("map.boundary_note"))
    lazy_expander(
        ctx.t("atlas.single_table_expander"),
        "map_table",
        lambda: text_table(maps.map_table(styles, ctx.lang), ctx.t("atlas.single_table_expander")),
    )
    source_ids = maps.link_source_ids(links)
    source_caption(ctx, source_ids)

    filters_line = describe_filters(ctx.filters, ctx.lang, ctx.cluster_name, ctx.city_name)
    source_line = ctx.citation(source_ids)
    title = maps.map_title("roles" if roles_mode else "count", ctx.lang, mode)
    # The static twin is costly and only needed for a download: build it on demand.
    static = partial(
        maps.static_map_chart,
        features,
        styles,
        legend,
        title=title,
        legend_title=legend_title,
        subtitle=[filters_line, ctx.t("map.counting_rule")],
        source_line=source_line,
        lang=ctx.lang,
    )
    name = ["map", mode, *file_name_parts(ctx.filters)]
    map_exports(
        deck,
        static,
        maps.export_frame(styles),
        name=name,
        citation=source_line,
        key="map_main",
        period=ctx.t("format.sources_published", span=analysis.source_year_span(ctx.ds, source_ids)),
        lang=ctx.lang,
        title=title,
    )

    st.subheader(ctx.t("map.section_links"))
    st.caption(ctx.t("map.links_caption", n=len(links)))
    st.dataframe(
        links, hide_index=True, column_order=list(LINK_COLUMNS), column_config=column_config(ctx, LINK_COLUMNS)
    )
    table_exports(
        links,
        name=["map", "links", *file_name_parts(ctx.filters)],
        citation=source_line,
        key="map_links",
        lang=ctx.lang,
    )

    if show_bases:
        plan_bases_section(ctx, bases)
    if show_figures:
        city_figures_section(ctx, figures)


def atlas_section(ctx: Context) -> None:
    """One small map per cluster the filters keep, each under a link to the cluster's profile; the sentence and
    table that say the same in words; the whole atlas as one image for download."""
    st.caption(ctx.t("atlas.intro"))
    features = boundary_features()["features"]
    view = maps.atlas.atlas_view(ctx.ds, ctx.filters, ctx.lang, boundaries())
    if view is None:
        st.info(ctx.t("atlas.empty"))
        return
    st.markdown(escape_markdown(view.summary))
    vega.altair_chart(view.legend, width="content", key="atlas_legend", description=ctx.t("atlas.intro"))
    # A wrapping row of fixed-width panels: two side by side on a phone, more on a wider screen.
    with st.container(horizontal=True, gap="small", key="atlas_panels"):
        for panel in view.panels:
            with st.container(width=maps.atlas.PANEL_BOX_WIDTH, gap=None, key=f"atlas_panel_{panel.cluster_id}"):
                st.page_link(
                    "pages/cluster.py",
                    label=escape_markdown(panel.name),
                    icon=":material/hub:",
                    query_params=profiles.profile_query(ctx.filters, panel.cluster_id, ctx.lang),
                )
                vega.altair_chart(
                    panel.chart, width="content", key=f"atlas_{panel.cluster_id}", description=panel.sentence
                )

    def atlas_table() -> None:
        st.markdown("\n".join("- " + escape_markdown(panel.sentence) for panel in view.panels))
        text_table(view.table, ctx.t("atlas.table_expander"))

    lazy_expander(ctx.t("atlas.table_expander"), "atlas_table", atlas_table)
    st.caption(ctx.t("map.boundary_note"))
    links = maps.link_table(ctx.ds, maps.atlas.panel_filters(ctx.filters), ctx.lang)
    source_ids = maps.link_source_ids(links)
    source_caption(ctx, source_ids)
    title = ctx.t("atlas.title")
    chart_exports(
        partial(maps.atlas.atlas_chart, features, view.frame, ctx.lang),
        maps.atlas.export_frame(view.frame),
        name=["map", "atlas", *file_name_parts(ctx.filters)],
        citation=ctx.citation(source_ids),
        key="map_atlas",
        lang=ctx.lang,
        title=title,
        period=ctx.t("format.sources_published", span=analysis.source_year_span(ctx.ds, source_ids)),
    )


def plan_bases_section(ctx: Context, bases) -> None:
    """The 2016–2020 plan bases drawn on the map, as a table with quotes and sources."""
    st.subheader(ctx.t("map.section_plan_bases"))
    if bases.empty:
        st.info(ctx.t("map.plan_bases_empty"))
        return
    st.caption(ctx.t("map.plan_bases_caption"))
    st.dataframe(
        bases, hide_index=True, column_order=list(BASE_COLUMNS), column_config=column_config(ctx, BASE_COLUMNS)
    )
    source_ids = list(dict.fromkeys(bases["source_id"]))
    source_caption(ctx, source_ids, "2016–2020")
    table_exports(
        bases,
        name=["map", "plan-bases-2016-2020", *file_name_parts(ctx.filters)],
        citation=ctx.citation(source_ids),
        key="map_plan_bases_table",
        lang=ctx.lang,
    )


def city_figures_section(ctx: Context, figures) -> None:
    """The city figures behind the map's badges, with definition, disagreements, quotes and sources."""
    st.subheader(ctx.t("map.section_city_figures"))
    if figures.empty:
        st.info(ctx.t("map.city_figures_empty"))
        return
    st.caption(ctx.t("map.city_figures_caption", n=len(figures), cities=figures["adcode"].nunique()))
    sourced_table(
        ctx,
        figures,
        name=["map", "city-figures", *file_name_parts(ctx.filters)],
        key="map_city_figures_table",
        source_ids=list(dict.fromkeys(figures["source_id"])),
        section="city_figures",
        columns=MAP_FIGURE_COLUMNS,
        period=analysis.year_span(figures["period"]),
    )
    st.caption(ctx.t("city_figures.rule"))


main()
