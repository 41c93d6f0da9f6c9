"""The target-path chart in one sentence (its text alternative): the target, its status, the latest figure and the
growth needed against the growth achieved."""

from __future__ import annotations

from gdclusters.i18n import t
from gdclusters.targets_view.chart_data import TargetChartData
from gdclusters.targets_view.wording import growth_text, status_text
from gdclusters.text import escape_markdown


def path_takeaway(data: TargetChartData, lang: str) -> str:
    """One sentence naming what the path chart shows and where the target stands."""
    return t(
        "a11y.targets_path_takeaway",
        lang,
        target=data.subject,
        status=status_text(data.status, data.indicative, lang),
        latest=data.latest_text or t("targets.not_available", lang),
        required=growth_text(data.required_pct, lang),
        achieved=growth_text(data.achieved_pct, lang),
    )


def status_line(data: TargetChartData, lang: str) -> str:
    """The status and the latest figure with its year, as one Markdown line (values escaped).

    Page text, not st.metric: a metric's value is cut to one line, which cut "(indicative)" off the status and
    the year off the latest figure on anything narrower than a wide desktop."""
    return t(
        "targets.status_line",
        lang,
        status=escape_markdown(status_text(data.status, data.indicative, lang)),
        latest=escape_markdown(data.latest_text or t("targets.not_available", lang)),
    )
