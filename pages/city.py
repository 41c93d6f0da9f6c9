"""City profile: for the cities in the city filter (up to six side by side), what the sources say about each.

Names, region and land area; the clusters a source names the city for (role, quote, source);
region-level mentions, kept apart; the figures sources publish for the city (often by the city's own
definition, marked, with disagreements between sources shown); the targets a plan sets for the city's
part of a cluster; the 2016–2020 plan's bases in the city. With no city filter, a page-local picker chooses one city.

Session-state key owned here: profile_city (the page-local picker).
"""

import streamlit as st

from gdclusters import city_figures, profiles, tiers
from gdclusters.analysis import year_span
from gdclusters.city_figures import CITY_FIGURE_COLUMNS
from gdclusters.city_figures.charts import series_takeaway
from gdclusters.profiles import BASE_COLUMNS, CITY_TARGET_COLUMNS, HOST_COLUMNS, MENTION_COLUMNS
from gdclusters.sourcing import source_line
from gdclusters.text import escape_markdown
from ui import vega
from ui.blocks import sourced_table
from ui.exports import chart_exports
from ui.shell import Context, context

SELECT_KEY = "profile_city"
# Sources that disagree are a note on the data (st.info with this icon, as on the Growth targets page): warnings are
# kept for notices about the URL.
DISAGREE_ICON = ":material/compare_arrows:"


def pick_cities(ctx: Context) -> tuple[str, ...]:
    """The cities to profile: the city filter's first six, else the one chosen in the page-local picker."""
    shown, left_out = profiles.profile_cities(ctx.filters)
    if left_out:
        st.info(ctx.t("city.too_many", limit=profiles.PROFILE_LIMIT, n=left_out))
    if shown:
        return shown
    options = profiles.city_options(ctx.ds, ctx.filters, ctx.lang)
    if not options:
        st.info(ctx.t("notices.empty_result"))
        return ()
    if st.session_state.get(SELECT_KEY) not in options:
        st.session_state.pop(SELECT_KEY, None)
    st.caption(ctx.t("city.pick_hint"))
    return (st.selectbox(ctx.t("city.pick"), list(options), format_func=options.get, key=SELECT_KEY),)


def table(
    ctx: Context,
    frame,
    columns: tuple[str, ...],
    name: list[str],
    key: str,
    section: str = "city",
    period: str | None = None,
) -> None:
    """A table of facts with its source caption and CSV download (the frame's own sources)."""
    sourced_table(
        ctx,
        frame,
        name=name,
        key=key,
        source_ids=profiles.source_ids(frame),
        section=section,
        columns=columns,
        period=period,
    )


def figures_section(ctx: Context, adcode: str) -> None:
    """The figures sources publish for the city: a table with definition and disagreements, a small chart per series."""
    st.subheader(ctx.t("city.section_figures"))
    figures = city_figures.city_figures(ctx.ds, adcode, ctx.lang, ctx.filters)
    if figures.empty:
        st.info(ctx.t("city.figures_empty"))
        return
    st.caption(ctx.t("city.figures_caption", n=len(figures)))
    disputes = city_figures.disagreement_lines(figures, ctx.lang, "cluster")
    if disputes:
        st.info(
            "\n".join(
                [
                    escape_markdown(ctx.t("city.figures_disagree", n=len(disputes))),
                    *("- " + escape_markdown(line) for line in disputes),
                ]
            ),
            icon=DISAGREE_ICON,
        )
    table(
        ctx,
        figures,
        CITY_FIGURE_COLUMNS,
        ["city", adcode, "published-figures"],
        f"city_{adcode}_figures",
        section="city_figures",
        period=year_span(figures["period"]),
    )
    st.caption(ctx.t("city_figures.rule"))
    series = city_figures.chart_series(figures)
    if not series:
        return
    with st.expander(ctx.t("city.figures_charts", n=len(series)), expanded=True):
        for number, frame in enumerate(series):
            chart = city_figures.series_chart(frame, ctx.lang)
            takeaway = series_takeaway(frame, ctx.lang)
            st.markdown(escape_markdown(takeaway))
            vega.altair_chart(chart, width="content", description=takeaway)
            chart_exports(
                chart,
                profiles.export_frame(frame, "city_figures", CITY_FIGURE_COLUMNS, ctx.lang),
                name=[
                    "city",
                    adcode,
                    "figures",
                    frame["scope"].iloc[0],
                    frame["metric"].iloc[0],
                    frame["definition"].iloc[0],
                ],
                citation=ctx.citation(profiles.source_ids(frame)),
                key=f"city_{adcode}_series_{number}",
                lang=ctx.lang,
                title=city_figures.series_title(frame, ctx.lang),
                period=year_span(frame["period"]),
            )


def city_column(ctx: Context, adcode: str) -> None:
    """Everything the profile shows about one city."""
    facts = profiles.city_facts(ctx.ds, adcode, ctx.lang)
    st.header(escape_markdown(facts.name))
    st.caption(escape_markdown(ctx.t("city.names_line", other=facts.other_name, adcode=adcode)))
    st.markdown(escape_markdown(ctx.t("city.region_line", region=facts.region)))
    if facts.land_area:
        st.markdown(escape_markdown(ctx.t("city.land_area_line", area=facts.land_area)))
        st.caption(escape_markdown(source_line([facts.land_area_source], ctx.lang)))
    else:
        st.caption(ctx.t("city.land_area_missing"))

    hosts = profiles.city_hosts(ctx.ds, adcode, ctx.filters, ctx.lang)
    st.subheader(ctx.t("city.section_hosts"))
    if hosts.empty:
        st.info(ctx.t("city.hosts_empty"))
    else:
        st.caption(ctx.t("city.hosts_caption", n=len(hosts)))
        table(ctx, hosts, HOST_COLUMNS, ["city", adcode, "named-clusters"], f"city_{adcode}_hosts")

    mentions = profiles.city_region_mentions(ctx.ds, adcode, ctx.filters, ctx.lang)
    st.subheader(ctx.t("city.section_mentions"))
    st.caption(ctx.t("city.mentions_caption"))
    if mentions.empty:
        st.info(ctx.t("city.mentions_empty"))
    else:
        table(ctx, mentions, MENTION_COLUMNS, ["city", adcode, "region-level-mentions"], f"city_{adcode}_mentions")

    figures_section(ctx, adcode)

    targets = profiles.city_targets(ctx.ds, adcode, ctx.lang)
    st.subheader(ctx.t("city.section_targets"))
    if targets.empty:
        st.info(ctx.t("city.targets_empty"))
    else:
        table(ctx, targets, CITY_TARGET_COLUMNS, ["city", adcode, "targets"], f"city_{adcode}_targets")

    bases = profiles.city_plan_bases(ctx.ds, adcode, ctx.lang)
    st.subheader(ctx.t("city.section_bases"))
    st.caption(ctx.t("city.bases_caption"))
    if bases.empty:
        st.info(ctx.t("city.bases_empty"))
    else:
        table(ctx, bases, BASE_COLUMNS, ["city", adcode, "plan-bases-2016-2020"], f"city_{adcode}_bases")


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    st.title(ctx.t("pages.city"))
    st.caption(ctx.t("city.intro"))
    note = tiers.filter_note(ctx.ds, ctx.filters, ctx.lang)
    if note:
        st.caption(escape_markdown(ctx.t("city.filter_note", note=note)))
    cities = pick_cities(ctx)
    if not cities:
        return
    for column, adcode in zip(st.columns(len(cities)), cities, strict=True):
        with column:
            city_column(ctx, adcode)


main()
