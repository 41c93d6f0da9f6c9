"""Growth targets: the 2025 scorecard, the register of every target with its status, one target's path
and history, and user figures.

Session-state keys owned here: targets_user_observations (the user's figures, list of dicts),
targets_target (selected target), targets_form_* (form widgets), targets_feedback (last message),
targets_upload (file uploader), targets_status / targets_year / targets_history (register filters,
mirrored in the URL as status=, year=, history=1).
"""

import streamlit as st

from gdclusters import charts, periods, scorecard, targets_view
from gdclusters.domain import STATUS_FILTERS, TARGET_YEARS, user_qualifiers
from gdclusters.i18n import column_labels
from gdclusters.sourcing import file_name_parts, source_line
from gdclusters.targets_view import MAX_USER_ROWS, REGISTER_COLUMNS, SESSION_KEY, TargetChartData
from gdclusters.targets_view.takeaway import path_takeaway, status_line
from gdclusters.text import escape_markdown
from ui.blocks import lazy_expander, sourced_chart, text_table
from ui.exports import table_exports
from ui.shell import Context, context, page_param, set_page_param, source_caption

FEEDBACK_KEY = "targets_feedback"
SELECT_KEY = "targets_target"
PERIOD_KEY, VALUE_KEY, QUALIFIER_KEY = "targets_form_period", "targets_form_value", "targets_form_qualifier"
UPLOAD_KEY = "targets_upload"
# Register filter widgets and the URL parameter each mirrors.
FILTER_WIDGETS = {"targets_status": "status", "targets_year": "year", "targets_history": "history"}


def user_rows() -> list[dict]:
    """The user's figures kept in this session."""
    return st.session_state.setdefault(SESSION_KEY, [])


def submit_figure(ctx: Context, target_id: str) -> None:
    """Form callback: validate the typed figure and keep it, or keep the state and report the problem."""
    rows, error = targets_view.add_observation(
        user_rows(),
        ctx.ds.targets,
        target_id,
        st.session_state.get(PERIOD_KEY),
        st.session_state.get(VALUE_KEY),
        st.session_state.get(QUALIFIER_KEY),
        ctx.lang,
    )
    if error:
        st.session_state[FEEDBACK_KEY] = ("error", error)
        return
    st.session_state[SESSION_KEY] = rows
    added = rows[-1]
    st.session_state[FEEDBACK_KEY] = (
        "success",
        ctx.t(
            "targets.added",
            period=periods.label(added["period"], ctx.lang),
            value=targets_view.user_row_text(ctx.ds, added, ctx.lang),
        ),
    )


def upload_figures(ctx: Context) -> None:
    """Uploader callback: read a small CSV of figures with the same checks as the form."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        return
    rows, errors = targets_view.parse_upload(uploaded.getvalue(), user_rows(), ctx.ds.targets, ctx.lang)
    st.session_state[SESSION_KEY] = rows
    message = ctx.t("targets.upload_added", n=len(rows))
    st.session_state[FEEDBACK_KEY] = ("error", "\n".join([*errors[:10], message])) if errors else ("success", message)


def clear_figures() -> None:
    """Button callback: forget every user figure."""
    st.session_state[SESSION_KEY] = []
    st.session_state.pop(FEEDBACK_KEY, None)


def register_section(ctx: Context, register, name_parts: list[str]) -> None:
    """The register table with its caption and CSV download."""
    st.subheader(ctx.t("targets.section_register"))
    config: dict = column_labels("targets", REGISTER_COLUMNS, ctx.lang)
    for column in ("required_growth_pct", "achieved_growth_pct"):
        config[column] = st.column_config.NumberColumn(config[column], format="%.1f")
    st.dataframe(
        register, hide_index=True, column_order=list(REGISTER_COLUMNS), column_config=config, key="targets_register"
    )
    st.caption(
        escape_markdown(
            ctx.t("targets.register_count", n=len(register))
            + " "
            + ctx.t("targets.register_caption", user=ctx.t("targets.user_source"))
        )
    )
    source_caption(ctx, targets_view.register_source_ids(ctx.ds, register))
    st.caption(ctx.t("targets.download_note"))
    export = targets_view.register_export(register, user_rows(), ctx.lang)
    suffix = ["with-user-figures"] if user_rows() else []
    table_exports(
        export,
        name=["targets-register", *name_parts, *suffix],
        citation=source_line(register["source"], ctx.lang),
        key="targets_register_export",
        lang=ctx.lang,
    )


def chart_section(ctx: Context, options: dict[str, str]) -> TargetChartData:
    """The target picker, the status figures and the path chart; returns the selected target's data."""
    st.subheader(ctx.t("targets.section_chart"))
    target_id = st.selectbox(ctx.t("targets.select_target"), list(options), format_func=options.get, key=SELECT_KEY)
    data = targets_view.target_chart_data(ctx.ds, target_id, ctx.lang, user_rows())
    if data.qualitative:
        st.info(ctx.t("targets.qualitative_chart"))
        st.markdown("> " + escape_markdown(data.quote))
        return data
    st.markdown(status_line(data, ctx.lang))
    cols = st.columns(2)
    cols[0].metric(ctx.t("targets.metric_required"), targets_view.growth_text(data.required_pct, ctx.lang))
    cols[1].metric(ctx.t("targets.metric_achieved"), targets_view.growth_text(data.achieved_pct, ctx.lang))
    if not data.drawable:
        st.info(ctx.t("targets.no_chart"))
        return data
    if data.comparability:
        st.info(escape_markdown(data.comparability), icon=":material/compare_arrows:")
    sourced_chart(
        ctx,
        charts.target_path_chart_view(ctx.ds, target_id, ctx.lang, user_rows()),
        targets_view.chart_table(data),
        name=["target-path", target_id],
        key="targets_path",
        source_ids=data.source_ids,
        period=data.period,
        summary=path_takeaway(data, ctx.lang),
    )
    history_and_excluded(ctx, data)
    return data


def history_and_excluded(ctx: Context, data: TargetChartData) -> None:
    """The plans that set and replaced this target, and the figures the comparability rule sets aside."""
    if len(data.history) > 1:
        lazy_expander(ctx.t("targets.history_title"), "targets_history_table", lambda: text_table(data.history))
    if not data.excluded.empty:

        def excluded() -> None:
            st.caption(ctx.t("targets.excluded_caption"))
            text_table(data.excluded)

        lazy_expander(ctx.t("targets.excluded_title", n=len(data.excluded)), "targets_excluded", excluded)


def add_section(ctx: Context, data: TargetChartData, options: dict[str, str]) -> None:
    """The form (and CSV upload) for hypothetical or newer figures, and the list of the user's figures."""
    st.subheader(ctx.t("targets.section_add"))
    if data.qualitative:
        st.info(ctx.t("targets.form_qualitative"))
    else:
        st.caption(escape_markdown(ctx.t("targets.form_intro", target=options[data.target_id])))
        with st.form("targets_add_figure", clear_on_submit=False):
            cols = st.columns(3)
            cols[0].text_input(ctx.t("targets.form_period"), key=PERIOD_KEY, max_chars=8, placeholder="2024")
            cols[1].number_input(ctx.t("targets.form_value", unit=data.unit_label), value=None, step=1.0, key=VALUE_KEY)
            cols[2].selectbox(
                ctx.t("targets.form_qualifier"),
                user_qualifiers(),
                key=QUALIFIER_KEY,
                format_func=lambda q: ctx.t(f"targets.qualifier_{q}"),
            )
            st.form_submit_button(
                ctx.t("targets.form_submit"),
                on_click=submit_figure,
                args=(ctx, data.target_id),
                key="targets_form_submit",
            )
        st.caption(ctx.t("targets.form_help", limit=MAX_USER_ROWS))
    feedback = st.session_state.pop(FEEDBACK_KEY, None)
    if feedback:
        kind, message = feedback
        (st.error if kind == "error" else st.success)(escape_markdown(message))
    st.file_uploader(
        ctx.t("targets.upload_label"),
        type=["csv"],
        key=UPLOAD_KEY,
        help=ctx.t("targets.upload_help"),
        on_change=upload_figures,
        args=(ctx,),
        max_upload_size=1,
    )
    if user_rows():
        st.markdown("**" + escape_markdown(ctx.t("targets.user_rows_header")) + "**")
        st.dataframe(targets_view.user_rows_table(ctx.ds, user_rows(), ctx.lang), hide_index=True)
        st.button(ctx.t("targets.remove_button"), on_click=clear_figures, key="targets_remove")


def _sync_filter(widget: str) -> None:
    """on_change callback: write a register filter widget's value to the URL."""
    value = st.session_state.get(widget)
    param = FILTER_WIDGETS[widget]
    if param == "history":
        value = "1" if value else None
    set_page_param(param, None if value in (None, "") else str(value))


def register_filters(ctx: Context) -> tuple[str | None, int | None, bool]:
    """The register's status, year and history filters, seeded from the URL (a shared link shows the same)."""
    from_url = {
        "targets_status": page_param("status"),
        "targets_year": page_param("year"),
        "targets_history": page_param("history") == "1",
    }
    for widget, value in from_url.items():
        if st.session_state.get(widget) != value:
            st.session_state[widget] = value
    cols = st.columns([2, 1, 2])
    status = cols[0].selectbox(
        ctx.t("targets.filter_status"),
        [None, *STATUS_FILTERS],
        key="targets_status",
        on_change=_sync_filter,
        args=("targets_status",),
        format_func=lambda s: ctx.t("targets.filter_any") if s is None else ctx.t(f"status.{s}"),
    )
    year = cols[1].selectbox(
        ctx.t("targets.filter_year"),
        [None, *(str(y) for y in TARGET_YEARS)],
        key="targets_year",
        on_change=_sync_filter,
        args=("targets_year",),
        format_func=lambda y: ctx.t("targets.filter_any") if y is None else y,
    )
    history = cols[2].toggle(
        ctx.t("targets.filter_history"),
        key="targets_history",
        on_change=_sync_filter,
        args=("targets_history",),
        help=ctx.t("targets.filter_history_help"),
    )
    return status, int(year) if year else None, bool(history)


def scorecard_section(ctx: Context) -> None:
    """The 2025 scorecard: one row per cluster, group and the programme, as a bullet chart and a table."""
    st.subheader(ctx.t("scorecard.section"))
    view = scorecard.scorecard_view(ctx.ds, ctx.lang)
    st.caption(ctx.t("scorecard.intro"))
    with st.expander(ctx.t("scorecard.rule_title")):
        st.markdown(ctx.t("scorecard.rule"))
    sourced_chart(
        ctx,
        charts.scorecard_chart_view(ctx.ds, ctx.lang),
        view.table,
        key="targets_scorecard",
        name=["targets-scorecard", str(scorecard.HORIZON)],
        source_ids=view.source_ids,
        period=str(scorecard.HORIZON),
        summary=view.takeaway,
    )
    if not view.verdicts.empty:

        def verdicts() -> None:
            st.caption(ctx.t("scorecard.verdicts_caption"))
            text_table(view.verdicts)

        lazy_expander(ctx.t("scorecard.verdicts_title", n=len(view.verdicts)), "scorecard_verdicts", verdicts)


def main() -> None:
    """Draw the page for the current filters and the user's figures."""
    ctx = context()
    st.title(ctx.t("pages.targets"))
    st.caption(ctx.t("targets.intro"))
    scorecard_section(ctx)
    with st.expander(ctx.t("status.rule_title")):
        st.markdown(ctx.t("status.rule"))
    with st.expander(ctx.t("growth.rule_title")):
        st.markdown(ctx.t("growth.rule"))
    st.caption(ctx.t("targets.filter_rule"))
    status, year, history = register_filters(ctx)
    register = targets_view.register_table(
        ctx.ds, ctx.filters, ctx.lang, user_rows(), status=status, year=year, history=history
    )
    if register.empty:
        st.info(ctx.t("targets.filtered_empty") if (status or year) else ctx.t("targets.empty"))
        return
    register_section(
        ctx, register, [*file_name_parts(ctx.filters), *([status] if status else []), *([str(year)] if year else [])]
    )
    options = targets_view.target_options(ctx.ds, ctx.filters, ctx.lang)
    data = chart_section(ctx, options)
    add_section(ctx, data, options)


main()
