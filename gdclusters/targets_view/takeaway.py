"""The target-path chart in one sentence (its text alternative): the target, its status, the latest figure and the
growth needed against the growth achieved."""

from __future__ import annotations

from gdclusters.i18n import t
from gdclusters.targets_view.chart_data import TargetChartData
from gdclusters.targets_view.wording import growth_text, status_text


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
