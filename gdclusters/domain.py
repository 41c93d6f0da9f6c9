"""The project's vocabulary in one place: roles, tiers, categories, reliability, statuses, definitions, qualifiers.

Plain constants (and one cached read of data/datapackage.json with the json module) with no heavy imports,
so the URL parser can use them before pandas is loaded. Every other module imports them from here.
"""

from __future__ import annotations

import functools
import json

from gdclusters.paths import DATA_DIR, DESCRIPTOR_NAME

# A city's role for a cluster, strongest first: named core host, named base, region-level mention, none.
ROLE_ORDER = ("core", "base", "region", "none")
# The roles a source names a city for (cluster_cities.role); a region-level mention is never a named host.
NAMED_ROLES = ROLE_ORDER[:2]
# Strength of a named role, higher is stronger: {"core": 2, "base": 1}.
ROLE_RANK = {role: len(NAMED_ROLES) - i for i, role in enumerate(NAMED_ROLES)}
# The 2023 output tiers (floors in billion yuan, clusters.output_floor_2023_bn_yuan), biggest first.
TIER_ORDER = (1000, 500, 100, 10)
# Cluster categories (clusters.category), in the order every page lists them.
CATEGORY_ORDER = ("pillar", "emerging")

# Target statuses, in the order the rule and the legends list them.
STATUSES = ("ahead", "on_track", "behind", "met", "missed", "too_early", "no_data", "not_comparable", "qualitative")
# Statuses that settle a target, and those that cannot settle it yet (a qualitative target never can).
SETTLED_STATUSES = ("met", "missed")
OPEN_STATUSES = ("ahead", "on_track", "behind", "too_early", "no_data", "not_comparable")
# What the register's ?status= accepts: one status, or "open" for every unsettled one.
STATUS_FILTERS = (*SETTLED_STATUSES, "open", *OPEN_STATUSES, "qualitative")
# Source reliability tiers (sources.reliability), best first.
RELIABILITY_TIERS = ("A", "B", "C", "D")
# Rank of a tier, best first; "user" (a figure a reader typed in) ranks below every source.
RELIABILITY_RANK = {**{tier: i for i, tier in enumerate(RELIABILITY_TIERS)}, "user": len(RELIABILITY_TIERS)}
# The charting rule: tier D sources are "not used for figures shown as facts" (datapackage.json): listed,
# never charted. FACT_RELIABILITY are the tiers whose figures are shown as fact (A to C).
NOT_CHARTED_RELIABILITY = ("D",)
FACT_RELIABILITY = tuple(tier for tier in RELIABILITY_TIERS if tier not in NOT_CHARTED_RELIABILITY)
# How a figure or target bounds its scope (datapackage.json, column definition).
DEFINITIONS = ("standard", "city_own", "segment", "wider", "other_plan")
STANDARD_DEFINITION = "standard"
# Years a register can be narrowed to (?year=).
TARGET_YEARS = tuple(range(2015, 2041))
# The metrics qualifier that marks a size class (万亿级: "the 1000 class"), not a figure a reader can type in.
SIZE_CLASS_QUALIFIER = "size_class"


@functools.cache
def user_qualifiers() -> tuple[str, ...]:
    """The qualifiers a reader's own figure may carry: datapackage.json's metrics qualifier enum but size_class."""
    descriptor = json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    metrics = next(r for r in descriptor["resources"] if r["name"] == "metrics")
    field = next(f for f in metrics["schema"]["fields"] if f["name"] == "qualifier")
    return tuple(q for q in field["constraints"]["enum"] if q != SIZE_CLASS_QUALIFIER)
