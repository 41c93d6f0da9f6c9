"""City × cluster matrix: every city against every cluster at once, coloured by role, under the global filters.

Session-state key owned here: matrix_sort (row and column order).
"""

import streamlit as st

from gdclusters import analysis, matrix_view
from gdclusters.matrix_view import LINK_COLUMNS, SORTS
from gdclusters.profiles import headers
from gdclusters.text import escape_markdown
from ui.exports import chart_exports, table_exports
from ui.shell import context, source_caption

SORT_KEY = "matrix_sort"


def main() -> None:
    """Draw the page for the current filters."""
    ctx = context()
    st.title(ctx.t("pages.matrix"))
    st.caption(ctx.t("matrix.intro"))
    sort = st.radio(ctx.t("matrix.sort"), SORTS, format_func=lambda s: ctx.t(f"matrix.sort_{s}"), horizontal=True,
                    key=SORT_KEY)
    view = matrix_view.matrix_view(ctx.ds, ctx.filters, ctx.lang, sort)
    if view.empty:
        st.info(ctx.t("notices.empty_result"))
        return
    counts = matrix_view.role_counts(view)
    st.caption(ctx.t("matrix.counts", cities=len(view.city_order), clusters=len(view.cluster_order),
                     **{f"n_{role}": n for role, n in counts.items()}))
    chart = matrix_view.heatmap_chart(view, ctx.lang, title=ctx.t("matrix.chart_title"),
                                      subtitle=ctx.t("matrix.chart_subtitle"))
    st.altair_chart(chart, width="content")
    links = matrix_view.links(view)
    source_ids = list(dict.fromkeys(s for s in links["source_id"] if s))
    source_caption(ctx, source_ids)
    citation = matrix_view.citation(view, ctx.lang)
    name = ["city-cluster-matrix", *matrix_view.file_name_parts(ctx.filters, sort)]
    chart_exports(chart, view.cells, name=name, citation=citation, key="matrix_chart", lang=ctx.lang,
                  period=ctx.t("format.sources_published", span=analysis.source_year_span(ctx.ds, source_ids)))
    st.caption(ctx.t("matrix.table_download"))
    table_exports(matrix_view.matrix_table(view, ctx.lang), name=[*name, "table"], citation=citation,
                  key="matrix_table", lang=ctx.lang)

    st.subheader(ctx.t("matrix.section_links"))
    if links.empty:
        st.info(ctx.t("matrix.links_empty"))
        return
    st.caption(escape_markdown(ctx.t("matrix.links_caption", n=len(links))))
    st.dataframe(links, hide_index=True, column_order=list(LINK_COLUMNS),
                 column_config=headers("matrix", LINK_COLUMNS, ctx.lang))
    table_exports(links[list(LINK_COLUMNS)], name=[*name, "links"], citation=citation, key="matrix_links",
                  lang=ctx.lang)


main()
