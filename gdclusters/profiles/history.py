"""The Cluster profile's policy history: what each programme period (2016–2020, 2020 opinion, 2021–2025,
2023 revision) says about one cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gdclusters.dataset import Dataset
from gdclusters.domain import ROLE_RANK
from gdclusters.i18n import localised, t
from gdclusters.profiles.common import id_names, plan_base_frame, source_reliability
from gdclusters.sourcing import source_labels
from gdclusters.targets_view import metric_label, scope_name, target_text

# How the plans name the programme periods in targets.plan (e.g. "Cluster action plan 2023-2025 (revised)").
PLAN_2021_2025 = "2021-2025"
PLAN_2023_2025 = "2023-2025"
# The 2020 provincial opinion that set up the 20 clusters: its targets carry this plan name, and the
# host cities it names are the cluster_cities rows of the same source.
OPINION_PLAN_PREFIX = "2020 provincial opinion"
PLAN_TARGET_COLUMNS = ("scope", "measure", "target", "plan", "source", "reliability", "quote")
OPINION_CITY_COLUMNS = ("city", "role_label", "role_detail", "source", "reliability", "quote")


@dataclass(frozen=True)
class PolicyHistory:
    """What each programme period says about one cluster."""

    bases_2016_2020: pd.DataFrame
    targets_2021_2025: pd.DataFrame
    opinion_cities: pd.DataFrame
    targets_2023_2025: pd.DataFrame

    def is_empty(self) -> bool:
        """True when no period has anything on this cluster."""
        return all(
            frame.empty
            for frame in (self.bases_2016_2020, self.targets_2021_2025, self.opinion_cities, self.targets_2023_2025)
        )


def _plan_targets(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Targets as plan statements (no status): scope, measure, target, plan, source, quote."""
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    return pd.DataFrame(
        [
            {
                "target_id": row["target_id"],
                "scope": scope_name(ds, row["scope"], row["adcode"], lang),
                "measure": metric_label(ds, row["metric"], lang),
                "target": target_text(row, lang),
                "plan": localised(row, "plan", lang),
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
            }
            for _, row in rows.iterrows()
        ],
        columns=["target_id", *PLAN_TARGET_COLUMNS, "source_id"],
    )


def opinion_source_ids(ds: Dataset) -> set[str]:
    """Sources of the 2020 provincial opinion: the sources of the targets that plan set."""
    plan = ds.targets["plan"].str.startswith(OPINION_PLAN_PREFIX)
    return set(ds.targets.loc[plan, "source_id"])


def policy_history(ds: Dataset, cluster_id: str, lang: str) -> PolicyHistory:
    """The cluster across plans: 2016–2020 bases, the 2021–2025 plan (targets and named cities), the 2023 revision."""
    bases = ds.plan_bases_2016_2020[ds.plan_bases_2016_2020["related_cluster_id"] == cluster_id]
    own = ds.targets[ds.targets["scope"] == cluster_id]
    opinion = ds.cluster_cities[
        (ds.cluster_cities["cluster_id"] == cluster_id) & ds.cluster_cities["source_id"].isin(opinion_source_ids(ds))
    ]
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    cities = id_names(ds.cities, "adcode", lang)
    opinion = opinion.assign(rank=opinion["role"].map(ROLE_RANK)).sort_values(
        ["rank", "adcode"], ascending=[False, True]
    )
    opinion_frame = pd.DataFrame(
        {
            "adcode": opinion["adcode"],
            "city": opinion["adcode"].map(cities),
            "role_label": opinion["role"].map(lambda r: t(f"role.{r}", lang)),
            "role_detail": localised(opinion, "role_detail", lang),
            "source_id": opinion["source_id"],
            "source": opinion["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": opinion["source_id"].map(reliability),
            "quote": opinion["quote"],
        }
    ).reset_index(drop=True)
    return PolicyHistory(
        bases_2016_2020=plan_base_frame(ds, bases, lang),
        targets_2021_2025=_plan_targets(ds, own[own["plan"].str.contains(PLAN_2021_2025, regex=False)], lang),
        opinion_cities=opinion_frame,
        targets_2023_2025=_plan_targets(ds, own[own["plan"].str.contains(PLAN_2023_2025, regex=False)], lang),
    )
