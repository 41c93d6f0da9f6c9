"""City × cluster matrix: every city against every cluster at once, coloured by role, under the global filters.

Session-state key owned here: matrix_sort (row and column order).
"""

import streamlit as st

from gdclusters import matrix_view
from gdclusters.i18n import column_labels
from gdclusters.matrix_view import LINK_COLUMNS, SORTS
from gdclusters.sourcing import file_name_parts
from gdclusters.text import escape_markdown
from ui.blocks import sourced_chart
from ui.exports import table_exports
from ui.shell import context

SORT_KEY = "matrix_sort"


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    st.title(ctx.t("pages.matrix"))
    st.caption(ctx.t("matrix.intro"))
    sort = st.radio(
        ctx.t("matrix.sort"), SORTS, format_func=lambda s: ctx.t(f"matrix.sort_{s}"), horizontal=True, key=SORT_KEY
    )
    view = matrix_view.matrix_view(ctx.ds, ctx.filters, ctx.lang, sort)
    if view.empty:
        st.info(ctx.t("notices.empty_result"))
        return
    counts = matrix_view.role_counts(view)
    st.caption(
        ctx.t(
            "matrix.counts",
            cities=len(view.city_order),
            clusters=len(view.cluster_order),
            **{f"n_{role}": n for role, n in counts.items()},
        )
    )
    # On screen the title and key are page text (they wrap on a phone; a chart title does not) and the columns
    # share the page's width; the files keep the title and a fixed cell size.
    st.markdown("**" + escape_markdown(ctx.t("matrix.chart_title")) + "**")
    st.caption(escape_markdown(ctx.t("matrix.chart_subtitle") + " " + matrix_view.marks_line(ctx.lang)))
    links = matrix_view.links(view)
    source_ids = list(dict.fromkeys(s for s in links["source_id"] if s))
    name = ["city-cluster-matrix", "by-" + sort.replace("_", "-"), *file_name_parts(ctx.filters)]
    sourced_chart(
        ctx,
        matrix_view.heatmap_chart(view, ctx.lang, fit_width=True),
        view.cells,
        name=name,
        key="matrix_chart",
        source_ids=source_ids,
        summary=matrix_view.takeaway(view, ctx.lang),
        export_chart=lambda: matrix_view.heatmap_chart(
            view, ctx.lang, title=ctx.t("matrix.chart_title"), subtitle=ctx.t("matrix.chart_subtitle")
        ),
        title=ctx.t("matrix.chart_title"),
    )
    citation = ctx.citation(source_ids)
    st.caption(ctx.t("matrix.table_download"))
    table_exports(
        matrix_view.matrix_table(view, ctx.lang),
        name=[*name, "table"],
        citation=citation,
        key="matrix_table",
        lang=ctx.lang,
    )

    st.subheader(ctx.t("matrix.section_links"))
    if links.empty:
        st.info(ctx.t("matrix.links_empty"))
        return
    st.caption(escape_markdown(ctx.t("matrix.links_caption", n=len(links))))
    st.dataframe(
        links,
        hide_index=True,
        column_order=list(LINK_COLUMNS),
        column_config=column_labels("matrix", LINK_COLUMNS, ctx.lang),
    )
    table_exports(
        links[list(LINK_COLUMNS)], name=[*name, "links"], citation=citation, key="matrix_links", lang=ctx.lang
    )


main()
