"""Data behind the City profile and Cluster profile pages, and their two small charts.

Every function takes the dataset (and an id, the filters, the language) and returns a frame or a
small record ready to show; nothing here reads files or Streamlit state. Named hosts
(cluster_cities) and region-level mentions (cluster_regions) stay in separate outputs, as
everywhere in the dashboard: a city inside a region a source names is never shown as a named host.

This package only re-exports; each submodule has one job:

- common.py: helpers every profile table shares (lookups, shortening, CSV columns, source ids).
- city.py: the City profile's tables about one city.
- cluster.py: the Cluster profile's tables about one cluster.
- role_map.py: the Cluster profile's map of every city's role in the cluster.
- observations.py: the cluster's province-level figures and their timeline chart.
- history.py: what each programme period says about the cluster.
- future.py: the 2024 plan's future industries and milestones.
- index.py: the index of every cluster the page opens on when none is chosen.

Callers use the names below (`from gdclusters import profiles; profiles.city_hosts(...)`), as before the split.
"""

from gdclusters.profiles.city import (
    CITY_TARGET_COLUMNS,
    HOST_COLUMNS,
    MENTION_COLUMNS,
    PROFILE_LIMIT,
    CityFacts,
    city_facts,
    city_hosts,
    city_options,
    city_plan_bases,
    city_region_mentions,
    city_targets,
    profile_cities,
)
from gdclusters.profiles.cluster import (
    CLUSTER_SOURCE_COLUMNS,
    CLUSTER_TARGET_COLUMNS,
    ClusterFacts,
    cluster_city_roles,
    cluster_fact_sources,
    cluster_facts,
    cluster_options,
    cluster_sources,
    cluster_target_source_ids,
    cluster_targets,
)
from gdclusters.profiles.common import BASE_COLUMNS, QUOTE_LIMIT, export_frame, shorten, source_ids
from gdclusters.profiles.future import (
    FUTURE_INDUSTRY_COLUMNS,
    MILESTONE_COLUMNS,
    future_industries,
    future_milestones,
    milestone_period,
)
from gdclusters.profiles.history import (
    OPINION_CITY_COLUMNS,
    OPINION_PLAN_PREFIX,
    PLAN_2021_2025,
    PLAN_2023_2025,
    PLAN_TARGET_COLUMNS,
    PolicyHistory,
    opinion_source_ids,
    policy_history,
)
from gdclusters.profiles.index import (
    INDEX_COLUMNS,
    cluster_index,
    figure_line,
    hosts_line,
    index_summary,
    latest_figure,
    profile_link,
    profile_query,
)
from gdclusters.profiles.observations import OBSERVATION_COLUMNS, cluster_observations, timeline_chart, timeline_summary
from gdclusters.profiles.role_map import cluster_map_chart, cluster_map_styles, role_scale

__all__ = [
    "BASE_COLUMNS",
    "CITY_TARGET_COLUMNS",
    "CLUSTER_SOURCE_COLUMNS",
    "CLUSTER_TARGET_COLUMNS",
    "FUTURE_INDUSTRY_COLUMNS",
    "HOST_COLUMNS",
    "INDEX_COLUMNS",
    "MENTION_COLUMNS",
    "MILESTONE_COLUMNS",
    "OBSERVATION_COLUMNS",
    "OPINION_CITY_COLUMNS",
    "OPINION_PLAN_PREFIX",
    "PLAN_2021_2025",
    "PLAN_2023_2025",
    "PLAN_TARGET_COLUMNS",
    "PROFILE_LIMIT",
    "QUOTE_LIMIT",
    "CityFacts",
    "ClusterFacts",
    "PolicyHistory",
    "city_facts",
    "city_hosts",
    "city_options",
    "city_plan_bases",
    "city_region_mentions",
    "city_targets",
    "cluster_city_roles",
    "cluster_fact_sources",
    "cluster_facts",
    "cluster_index",
    "cluster_map_chart",
    "cluster_map_styles",
    "cluster_observations",
    "cluster_options",
    "cluster_sources",
    "cluster_target_source_ids",
    "cluster_targets",
    "export_frame",
    "figure_line",
    "future_industries",
    "future_milestones",
    "hosts_line",
    "index_summary",
    "latest_figure",
    "milestone_period",
    "opinion_source_ids",
    "policy_history",
    "profile_cities",
    "profile_link",
    "profile_query",
    "role_scale",
    "shorten",
    "source_ids",
    "timeline_chart",
    "timeline_summary",
]
