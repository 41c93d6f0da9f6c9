"""The 2024 action plan's future industries and its 2027 and 2035 milestones, as tables."""

from __future__ import annotations

import pandas as pd

from gdclusters.dataset import Dataset
from gdclusters.i18n import t
from gdclusters.profiles.common import id_names, source_reliability
from gdclusters.sourcing import source_labels
from gdclusters.tiers import name_column

FUTURE_INDUSTRY_COLUMNS = ("industry", "other_name", "source", "reliability", "quote")
MILESTONE_COLUMNS = ("year", "summary", "industries", "source", "reliability", "quote")


def future_industries(ds: Dataset, lang: str) -> pd.DataFrame:
    """The seven future industries of the 2024 action plan, with source and quote."""
    rows = ds.future_industries
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    return pd.DataFrame(
        {
            "industry_id": rows["industry_id"],
            "industry": rows[name_column(lang)],
            "other_name": rows["name_en" if lang == "zh" else "name_zh"],
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def future_milestones(ds: Dataset, lang: str) -> pd.DataFrame:
    """What the 2024 plan aims for by 2027 and 2035, with the industries each milestone names."""
    rows = ds.future_milestones.sort_values(["year", "milestone_id"])
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    names = id_names(ds.future_industries, "industry_id", lang)
    every = t("cluster.all_future_industries", lang)
    return pd.DataFrame(
        {
            "milestone_id": rows["milestone_id"],
            "year": rows["year"].astype(int).astype(str),
            "summary": rows["summary_zh" if lang == "zh" else "summary_en"],
            "industries": rows["industry_ids"].map(
                lambda ids: ", ".join(names.get(i, i) for i in ids.split()) if ids else every
            ),
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def milestone_period(milestones: pd.DataFrame, lang: str) -> str:
    """The milestones' years as the period of their table: '2027, 2035' in English, '2027年、2035年' in Chinese."""
    years = sorted(set(milestones["year"]))
    return t("cluster.milestone_year_sep", lang).join(t("cluster.milestone_year", lang, year=year) for year in years)
