"""The API addresses and copy-and-paste snippets behind each page's "Get this data" control.

The dashboard's filters become the API's two: the cluster-side filters (clusters, category, 2023 tier) are
resolved to the cluster ids they select, the city-side ones (cities, region) to adcodes, exactly as the pages
select them (gdclusters.analysis.cluster_mask and city_mask). A URL carries only the filters its table can
apply (gdclusters.api.tables.filter_columns).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from gdclusters.analysis import city_mask, cluster_mask, memoised_per_args
from gdclusters.api.query import DESCRIPTOR
from gdclusters.api.tables import filter_columns
from gdclusters.dataset import Dataset
from gdclusters.state import Filters

API_PATH = "api/v1"
# The table a page's control offers first: the one its main view is made of.
PAGE_TABLES = {
    "overview": "clusters",
    "map": "cluster_cities",
    "matrix": "cluster_cities",
    "tiers": "metrics",
    "targets": "targets",
    "city": "metrics",
    "cluster": "metrics",
    "sources": "sources",
}
DEFAULT_TABLE = "clusters"


@dataclass(frozen=True)
class FilterIds:
    """The ids the dashboard's filters select; None where no filter of that side is set."""

    clusters: tuple[str, ...] | None = None
    cities: tuple[str, ...] | None = None

    def selects_nothing(self) -> bool:
        """True when the filters rule out every cluster or every city (no URL can express that)."""
        return self.clusters == () or self.cities == ()


@memoised_per_args
def filter_ids(ds: Dataset, filters: Filters) -> FilterIds:
    """The cluster ids and adcodes the dashboard's filters select, in the dataset's order."""
    clusters = cities = None
    if filters.clusters or filters.categories or filters.tiers:
        clusters = tuple(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    if filters.cities or filters.regions:
        cities = tuple(ds.cities.loc[city_mask(ds, filters), "adcode"])
    return FilterIds(clusters, cities)


def api_root(page_url: str | None, page_slug: str, fallback: str) -> str:
    """The API's address as the visitor's browser reaches the dashboard: the page URL without the page's own
    path segment, then /api/v1 (fallback: the app's address to use when the page URL is unknown)."""
    base = fallback
    parts = urlsplit(page_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        path = parts.path.rstrip("/")
        if page_slug and path.rsplit("/", 1)[-1] == page_slug:
            path = path[: -len(page_slug)]
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return base.rstrip("/") + "/" + API_PATH


def descriptor_url(root: str) -> str:
    """The package descriptor's address."""
    return f"{root}/{DESCRIPTOR}"


def table_url(root: str, ds: Dataset, table: str, fmt: str, ids: FilterIds) -> str:
    """A table's address in one format, with the filters that table can apply."""
    columns = filter_columns(ds.descriptor)[table]
    pairs = [("cluster", c) for c in (ids.clusters or ()) if "cluster" in columns]
    pairs += [("city", a) for a in (ids.cities or ()) if "city" in columns]
    return f"{root}/{table}.{fmt}" + (f"?{urlencode(pairs)}" if pairs else "")


def unapplied_filters(ds: Dataset, table: str, ids: FilterIds) -> list[str]:
    """The filter parameters in force that this table has no column for ('cluster', 'city')."""
    columns = filter_columns(ds.descriptor)[table]
    in_force = [param for param, values in (("cluster", ids.clusters), ("city", ids.cities)) if values is not None]
    return [param for param in in_force if param not in columns]


def _literal(text: str) -> str:
    """A double-quoted string literal that Python and R both read back as text (JSON's escapes, ASCII only)."""
    return json.dumps(text, ensure_ascii=True)


_NUMBER_LIKE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@memoised_per_args
def text_id_columns(ds: Dataset, table: str) -> list[str]:
    """The text columns (type string in datapackage.json) a reader must keep as text: those with a value that
    pandas or R would read as a number (adcodes, periods such as 2023, dates such as 2024). Chosen on the whole
    table, so that every filtered subset reads each column as the same type."""
    frame = getattr(ds, table)
    (resource,) = (r for r in ds.descriptor["resources"] if r["name"] == table)
    return [
        field["name"]
        for field in resource["schema"]["fields"]
        if field.get("type", "string") == "string"
        and frame[field["name"]].astype(str).str.fullmatch(_NUMBER_LIKE).any()
    ]


def pandas_snippet(csv_url: str, text_columns: list[str]) -> str:
    """One line of Python that reads a CSV endpoint into a DataFrame (the last line is the citation)."""
    dtype = ", dtype={" + ", ".join(f"{_literal(c)}: str" for c in text_columns) + "}" if text_columns else ""
    return f'import pandas as pd; df = pd.read_csv({_literal(csv_url)}, skipfooter=1, engine="python"{dtype})'


def r_snippet(csv_url: str, text_columns: list[str]) -> str:
    """One line of base R that reads a CSV endpoint into a data.frame (BOM and citation line dropped)."""
    classes = (
        ", colClasses = c(" + ", ".join(f"{_literal(c)} = {_literal('character')}" for c in text_columns) + ")"
        if text_columns
        else ""
    )
    lines = f'readLines(url({_literal(csv_url)}, encoding = "UTF-8-BOM"), warn = FALSE)'
    return f"df <- read.csv(text = head({lines}, -1){classes})"
