"""The dashboard's shareable state: global filters read from, and written to, URL query parameters.

Canonical parameters: cluster=<cluster_id> (repeatable), city=<adcode> (repeatable),
category=pillar|emerging, tier=1000|500|100|10 (repeatable), region=<region> (repeatable),
lang=en|zh; the Growth targets register's status=…, year=…, history=1 and the Map page's view=atlas
(PAGE_PARAMS). Unknown or
malformed values are dropped and reported as notices, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gdclusters.domain import CATEGORY_ORDER, STATUS_FILTERS, TARGET_YEARS, TIER_ORDER
from gdclusters.i18n import LANGUAGES

MAX_VALUES = 25
MAX_SHOWN_CHARS = 40
FILTER_PARAMS = ("cluster", "city", "category", "tier", "region")
GLOBAL_PARAMS = (*FILTER_PARAMS, "lang")
# Page parameters (one value each): the Growth targets register's filters. Other pages ignore them.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "status": STATUS_FILTERS,
    "year": tuple(str(y) for y in TARGET_YEARS),
    "history": ("1",),
    # The Map page's atlas of the clusters (absent: the single map).
    "view": ("atlas",),
}
# Parameters Streamlit itself reads; never reported as unknown.
FRAMEWORK_PARAMS = frozenset({"embed", "embed_options"})


@dataclass(frozen=True)
class Filters:
    """Global filters; an empty tuple means 'no restriction'."""

    clusters: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tiers: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when no filter is set."""
        return not (self.clusters or self.cities or self.categories or self.tiers or self.regions)


@dataclass(frozen=True)
class Notice:
    """A query-parameter value that was ignored, and why (a key of the notices catalogue section)."""

    param: str
    value: str
    reason: str
    limit: int | None = None


@dataclass(frozen=True)
class FilterOptions:
    """The values each parameter accepts (taken from the dataset)."""

    clusters: tuple[str, ...]
    cities: tuple[str, ...]
    categories: tuple[str, ...] = CATEGORY_ORDER
    tiers: tuple[int, ...] = TIER_ORDER
    regions: tuple[str, ...] = ("pearl_river_delta", "coastal_east", "coastal_west", "northern_ecological")

    def allowed(self, param: str) -> tuple[str, ...]:
        """Allowed values of a parameter, as the strings a URL carries."""
        return {
            "cluster": self.clusters,
            "city": self.cities,
            "category": self.categories,
            "tier": tuple(str(t) for t in self.tiers),
            "region": self.regions,
            "lang": LANGUAGES,
        }[param]


@dataclass
class ParsedQuery:
    """Accepted values per parameter and the notices for what was dropped."""

    values: dict[str, list[str]] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    def filters(self) -> Filters:
        """The accepted filter values as a Filters object."""
        v = self.values
        return Filters(
            clusters=tuple(v.get("cluster", ())),
            cities=tuple(v.get("city", ())),
            categories=tuple(v.get("category", ())),
            tiers=tuple(int(x) for x in v.get("tier", ())),
            regions=tuple(v.get("region", ())),
        )

    @property
    def lang(self) -> str | None:
        """The accepted language, if one was given."""
        langs = self.values.get("lang")
        return langs[0] if langs else None


def shorten(value: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """Cut a user-supplied value for display in a notice."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _keep_values(
    param: str, raw_list: list[str], allowed: Iterable[str], limit: int, notices: list[Notice]
) -> list[str]:
    """The allowed values of one parameter in order, each once, at most limit; a notice for each dropped."""
    kept: list[str] = []
    for raw in raw_list:
        if raw == "" or raw in kept:
            continue
        if raw not in allowed:
            notices.append(Notice(param, shorten(raw), "unknown_value"))
        elif len(kept) >= limit:
            notices.append(Notice(param, shorten(raw), "too_many", limit))
        else:
            kept.append(raw)
    return kept


def parse_query(
    params: Mapping[str, Iterable[str]],
    options: FilterOptions,
    page_params: Mapping[str, tuple[str, ...]] | None = None,
) -> ParsedQuery:
    """Validate raw query parameters; keep known values in order, report everything dropped."""
    page_params = PAGE_PARAMS if page_params is None else page_params
    parsed = ParsedQuery()
    for param, raw_values in params.items():
        raw_list = [raw_values] if isinstance(raw_values, str) else list(raw_values)
        if param in FRAMEWORK_PARAMS:
            continue
        if param not in GLOBAL_PARAMS and param not in page_params:
            parsed.notices.append(Notice(shorten(param), shorten(",".join(raw_list)), "unknown_param"))
            continue
        allowed = options.allowed(param) if param in GLOBAL_PARAMS else page_params[param]
        single = param in ("lang", "category") or param in page_params
        kept = _keep_values(param, raw_list, allowed, 1 if single else MAX_VALUES, parsed.notices)
        if kept:
            parsed.values[param] = kept
    return parsed


def to_query(filters: Filters, lang: str | None = None) -> dict[str, list[str]]:
    """The canonical query parameters for filters (and language), omitting empty ones."""
    out = {
        "cluster": list(filters.clusters),
        "city": list(filters.cities),
        "category": list(filters.categories),
        "tier": [str(t) for t in filters.tiers],
        "region": list(filters.regions),
    }
    if lang:
        out["lang"] = [lang]
    return {k: v for k, v in out.items() if v}
