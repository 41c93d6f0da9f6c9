"""The project's vocabulary in one place: target statuses, reliability ranks and definitions.

Plain constants with no heavy imports, so the URL parser can use them before pandas is loaded.
(Roles, tiers and categories still live in the modules that introduced them; see issue 13.)
"""

from __future__ import annotations

# Target statuses, in the order the rule and the legends list them.
STATUSES = ("ahead", "on_track", "behind", "met", "missed", "too_early", "no_data", "not_comparable", "qualitative")
# Statuses that settle a target, and those that cannot settle it yet (a qualitative target never can).
SETTLED_STATUSES = ("met", "missed")
OPEN_STATUSES = ("ahead", "on_track", "behind", "too_early", "no_data", "not_comparable")
# What the register's ?status= accepts: one status, or "open" for every unsettled one.
STATUS_FILTERS = (*SETTLED_STATUSES, "open", *OPEN_STATUSES, "qualitative")
# Source reliability, best first; "user" marks a figure a reader typed in.
RELIABILITY_RANK = {"A": 0, "B": 1, "C": 2, "D": 3, "user": 4}
# How a figure or target bounds its scope (datapackage.json, column definition).
DEFINITIONS = ("standard", "city_own", "segment", "wider", "other_plan")
STANDARD_DEFINITION = "standard"
# Years a register can be narrowed to (?year=).
TARGET_YEARS = tuple(range(2015, 2041))
