"""Cluster profile: one cluster with its tier, host cities, figures over time, city figures, targets, policy
history and sources. Where sources disagree on a figure, both rows stay and the page says so.

The cluster is the one in the cluster filter (?cluster=<id>), or the one chosen in a page-local picker
when several are selected. With no cluster selected the page opens on an index of the clusters the
category and tier filters keep (tier, host cities, latest figure), each linking to its profile. The
seven future industries of the 2024 plan close the page: they are the plan that follows the 20 clusters.

Session-state key owned here: profile_cluster (the page-local picker).
"""

from functools import partial

import streamlit as st

from gdclusters import city_figures, maps, profiles
from gdclusters.analysis import year_span
from gdclusters.city_figures import CLUSTER_CITY_FIGURE_COLUMNS
from gdclusters.profiles import (
    BASE_COLUMNS,
    CLUSTER_SOURCE_COLUMNS,
    CLUSTER_TARGET_COLUMNS,
    FUTURE_INDUSTRY_COLUMNS,
    MILESTONE_COLUMNS,
    OBSERVATION_COLUMNS,
    OPINION_CITY_COLUMNS,
    PLAN_TARGET_COLUMNS,
)
from gdclusters.text import escape_markdown
from ui import loading
from ui.blocks import sourced_chart, sourced_table
from ui.exports import table_exports
from ui.shell import Context, context, source_caption, user_agent

SELECT_KEY = "profile_cluster"
# Sources that disagree are a note on the data (st.info with this icon, as on the Growth targets page): warnings are
# kept for notices about the URL.
DISAGREE_ICON = ":material/compare_arrows:"
ROLE_COLUMNS = ("city", "role_label", "region", "quote", "source")


INDEX_CARD_WIDTH = 300
INDEX_TABLE_COLUMNS = (
    "index_cluster",
    "index_category",
    "index_tier",
    "index_host_cities",
    "index_core_cities",
    "index_latest_value",
    "index_latest_measure",
    "index_latest_period",
    "index_latest_source",
    "index_link",
)


def index_section(ctx: Context) -> None:
    """Every cluster the filters keep, as cards: name (a link to its profile), tier, host cities, latest figure."""
    index = profiles.cluster_index(ctx.ds, ctx.filters, ctx.lang)
    st.subheader(ctx.t("cluster.index_title"))
    if index.empty:
        st.info(ctx.t("notices.empty_result"))
        return
    st.caption(ctx.t("cluster.index_intro"))
    st.markdown(escape_markdown(profiles.index_summary(index, ctx.lang)))
    with st.container(horizontal=True, gap="small", key="cluster_index"):
        for row in index.to_dict("records"):
            with st.container(border=True, width=INDEX_CARD_WIDTH, gap=None, key=f"cluster_card_{row['cluster_id']}"):
                st.page_link(
                    "pages/cluster.py",
                    label=escape_markdown(row["cluster"]),
                    icon=":material/hub:",
                    query_params=profiles.profile_query(ctx.filters, row["cluster_id"], ctx.lang),
                )
                st.caption(
                    escape_markdown(
                        ctx.t("cluster.index_tier_line", category=row["category"], tier=row["tier"])
                        + " · "
                        + profiles.hosts_line(row, ctx.lang)
                    )
                )
                st.markdown(escape_markdown(profiles.figure_line(row, ctx.lang)))
                if row["has_figure"]:
                    st.caption(escape_markdown(ctx.t("cluster.index_source", source=row["latest_source"])))
    st.caption(ctx.t("cluster.index_rule"))
    table_exports(
        index.rename(columns={c.removeprefix("index_"): c for c in INDEX_TABLE_COLUMNS})[
            list(INDEX_TABLE_COLUMNS)
        ].rename(columns={c: ctx.t(f"cluster.col_{c}") for c in INDEX_TABLE_COLUMNS}),
        name=["cluster", "index"],
        citation=ctx.citation(profiles.source_ids(index.rename(columns={"latest_source_id": "source_id"}))),
        key="cluster_index_table",
        lang=ctx.lang,
    )


def pick_cluster(ctx: Context) -> str | None:
    """The cluster to profile: the only one in the filter, else the one chosen among the offered clusters."""
    options = profiles.cluster_options(ctx.ds, ctx.filters, ctx.lang)
    if not options:
        st.info(ctx.t("notices.empty_result"))
        return None
    if len(options) == 1:
        return next(iter(options))
    if st.session_state.get(SELECT_KEY) not in options:
        st.session_state.pop(SELECT_KEY, None)
    hint = "cluster.pick_among_filtered" if ctx.filters.clusters else "cluster.pick_hint"
    st.caption(ctx.t(hint, n=len(options)))
    return st.selectbox(ctx.t("cluster.pick"), list(options), format_func=options.get, key=SELECT_KEY)


def table(
    ctx: Context,
    frame,
    columns: tuple[str, ...],
    name: list[str],
    key: str,
    period: str | None = None,
    link_column: str | None = None,
) -> None:
    """A table of facts with its source caption and CSV download ([cluster] headers, the frame's own sources)."""
    sourced_table(
        ctx,
        frame,
        name=name,
        key=key,
        source_ids=profiles.source_ids(frame),
        section="cluster",
        columns=columns,
        period=period,
        link_column=link_column,
    )


def facts_section(ctx: Context, cluster_id: str) -> None:
    """Names, category, tier with its quote and source, description."""
    facts = profiles.cluster_facts(ctx.ds, cluster_id, ctx.lang)
    st.header(escape_markdown(facts.name))
    st.caption(escape_markdown(ctx.t("cluster.names_line", other=facts.other_name, note=facts.name_note)))
    cols = st.columns(2)
    cols[0].metric(ctx.t("cluster.category"), facts.category)
    cols[1].metric(ctx.t("cluster.tier"), facts.tier)
    st.markdown("> " + escape_markdown(facts.tier_quote))
    source_caption(ctx, [facts.tier_source_id], "2023")
    st.markdown(escape_markdown(facts.description))
    st.caption(ctx.t("cluster.description_note"))


def map_section(ctx: Context, cluster_id: str, name: str) -> None:
    """The 21 cities coloured by their role for this cluster, and the named hosts with their quotes."""
    st.subheader(ctx.t("cluster.section_map"))
    roles = profiles.cluster_city_roles(ctx.ds, cluster_id, ctx.lang)
    ids = profiles.source_ids(roles)
    try:
        features = loading.boundary_features()["features"]
    except FileNotFoundError:
        st.info(ctx.t("cluster.map_missing"))
    else:
        styles = profiles.cluster_map_styles(ctx.ds, cluster_id, ctx.lang)
        title = ctx.t("cluster.map_title", name=name)
        # On screen the browser fetches the shapes; the export (built on click) carries them in its spec.
        sourced_chart(
            ctx,
            profiles.cluster_map_chart(
                features, styles, ctx.lang, title, maps.DISPLAY_SHAPES_URL, maps.is_phone(user_agent())
            ),
            profiles.export_frame(roles, "cluster", ROLE_COLUMNS, ctx.lang),
            name=["cluster", cluster_id, "host-cities-map"],
            key="cluster_map",
            source_ids=ids,
            title=title,
            export_chart=partial(profiles.cluster_map_chart, features, styles, ctx.lang, title),
            summary=maps.map_summary(styles, "roles", ctx.lang),
        )
    named = roles[roles["role"] != "none"]
    if named.empty:
        st.info(ctx.t("cluster.hosts_empty"))
        return
    # Not lazy: its CSV is part of the page's download bundle, which a closed lazy expander would leave out.
    with st.expander(ctx.t("cluster.hosts_table", n=len(named))):
        table(ctx, named, ROLE_COLUMNS, ["cluster", cluster_id, "host-cities"], "cluster_hosts")


def timeline_section(ctx: Context, cluster_id: str, name: str) -> None:
    """Every published figure of the cluster over time, one colour per measure, and the table behind it."""
    st.subheader(ctx.t("cluster.section_figures"))
    observations = profiles.cluster_observations(ctx.ds, cluster_id, ctx.lang)
    if observations.empty:
        st.info(ctx.t("cluster.figures_empty"))
        return
    charted = observations[observations["charted"]]
    if not charted.empty:
        title = ctx.t("cluster.timeline_title", name=name)
        phone = maps.is_phone(user_agent())
        sourced_chart(
            ctx,
            profiles.timeline_chart(observations, ctx.lang, title=title, phone=phone),
            profiles.export_frame(charted, "cluster", OBSERVATION_COLUMNS, ctx.lang),
            name=["cluster", cluster_id, "figures"],
            key="cluster_timeline",
            source_ids=profiles.source_ids(charted),
            period=year_span(charted["period"]),
            width="content",
            title=title,
            # The files draw the desktop layout, also when the screen is a phone's.
            export_chart=partial(profiles.timeline_chart, observations, ctx.lang, title=title) if phone else None,
            note=ctx.t("cluster.timeline_note"),
            cited_ids=profiles.source_ids(observations),
            summary=profiles.timeline_summary(observations, ctx.lang),
        )
    left_out = len(observations) - len(charted)
    if left_out:
        st.caption(ctx.t("cluster.not_charted", n=left_out))
    disagreement_note(ctx, city_figures.disagreement_lines(observations, ctx.lang))
    table(
        ctx,
        observations,
        OBSERVATION_COLUMNS,
        ["cluster", cluster_id, "figures", "table"],
        "cluster_figures",
        year_span(observations["period"]),
    )


def disagreement_note(ctx: Context, lines: list[str]) -> None:
    """Name the figures on which sources disagree, with both sources (nothing when they agree)."""
    if lines:
        st.info(
            "\n".join(
                [
                    escape_markdown(ctx.t("cluster.disagree_warning", n=len(lines))),
                    *("- " + escape_markdown(line) for line in lines),
                ]
            ),
            icon=DISAGREE_ICON,
        )
        st.caption(ctx.t("city_figures.rule"))


def city_figures_section(ctx: Context, cluster_id: str) -> None:
    """Figures sources publish for one city's part of the cluster, with their definition and source."""
    st.subheader(ctx.t("cluster.section_city_figures"))
    figures = city_figures.cluster_city_figures(ctx.ds, cluster_id, ctx.lang)
    if figures.empty:
        st.info(ctx.t("cluster.city_figures_empty"))
        return
    st.caption(ctx.t("cluster.city_figures_caption", n=len(figures)))
    disagreement_note(ctx, city_figures.disagreement_lines(figures, ctx.lang, "city"))
    sourced_table(
        ctx,
        figures,
        name=["cluster", cluster_id, "city-figures"],
        key="cluster_city_figures",
        source_ids=profiles.source_ids(figures),
        section="city_figures",
        columns=CLUSTER_CITY_FIGURE_COLUMNS,
        period=year_span(figures["period"]),
    )


def targets_section(ctx: Context, cluster_id: str) -> None:
    """The cluster's targets with their status."""
    st.subheader(ctx.t("cluster.section_targets"))
    targets = profiles.cluster_targets(ctx.ds, cluster_id, ctx.lang)
    if targets.empty:
        st.info(ctx.t("cluster.targets_empty"))
        return
    st.caption(ctx.t("cluster.targets_caption"))
    sourced_table(
        ctx,
        targets,
        name=["cluster", cluster_id, "targets"],
        key="cluster_targets",
        source_ids=profiles.cluster_target_source_ids(targets),
        section="cluster",
        columns=CLUSTER_TARGET_COLUMNS,
    )


def history_section(ctx: Context, cluster_id: str) -> None:
    """2016–2020 bases, the 2021–2025 plan (targets, cities the 2020 opinion names), the 2023–2025 revision."""
    st.subheader(ctx.t("cluster.section_history"))
    history = profiles.policy_history(ctx.ds, cluster_id, ctx.lang)
    if history.is_empty():
        st.info(ctx.t("cluster.history_empty"))
        return
    parts = [
        ("history_2016", history.bases_2016_2020, BASE_COLUMNS, "plan-bases-2016-2020"),
        ("history_2021_cities", history.opinion_cities, OPINION_CITY_COLUMNS, "opinion-2020-cities"),
        ("history_2021_targets", history.targets_2021_2025, PLAN_TARGET_COLUMNS, "targets-2021-2025"),
        ("history_2023_targets", history.targets_2023_2025, PLAN_TARGET_COLUMNS, "targets-2023-2025-revision"),
    ]
    for key, frame, columns, file_part in parts:
        st.markdown("**" + ctx.t(f"cluster.{key}") + "**")
        if frame.empty:
            st.caption(ctx.t("cluster.history_part_empty"))
            continue
        table(ctx, frame, columns, ["cluster", cluster_id, file_part], f"cluster_{key}")


def sources_section(ctx: Context, cluster_id: str) -> None:
    """Every source the cluster's facts rest on, with its reliability tier."""
    st.subheader(ctx.t("cluster.section_sources"))
    sources = profiles.cluster_sources(ctx.ds, cluster_id, ctx.lang)
    st.caption(ctx.t("cluster.sources_caption", n=len(sources)))
    table(
        ctx, sources, CLUSTER_SOURCE_COLUMNS, ["cluster", cluster_id, "sources"], "cluster_sources", link_column="url"
    )


def future_section(ctx: Context) -> None:
    """The seven future industries of the 2024 plan and its 2027 and 2035 milestones."""
    st.subheader(ctx.t("cluster.section_future"))
    st.caption(ctx.t("cluster.future_caption"))
    industries = profiles.future_industries(ctx.ds, ctx.lang)
    table(ctx, industries, FUTURE_INDUSTRY_COLUMNS, ["future-industries", "2024-plan"], "future_industries")
    st.markdown("**" + ctx.t("cluster.milestones") + "**")
    milestones = profiles.future_milestones(ctx.ds, ctx.lang)
    table(
        ctx,
        milestones,
        MILESTONE_COLUMNS,
        ["future-industries", "milestones-2027-2035"],
        "future_milestones",
        profiles.milestone_period(milestones, ctx.lang),
    )


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    st.title(ctx.t("pages.cluster"))
    st.caption(ctx.t("cluster.intro"))
    if not ctx.filters.clusters:
        index_section(ctx)
        future_section(ctx)
        return
    cluster_id = pick_cluster(ctx)
    if cluster_id is not None:
        name = ctx.cluster_name(cluster_id)
        facts_section(ctx, cluster_id)
        map_section(ctx, cluster_id, name)
        timeline_section(ctx, cluster_id, name)
        city_figures_section(ctx, cluster_id)
        targets_section(ctx, cluster_id)
        history_section(ctx, cluster_id)
        sources_section(ctx, cluster_id)
    future_section(ctx)


main()
