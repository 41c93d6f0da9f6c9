"""The rows an API request selects, the citation they carry and the tag that names their state.

Which column a filter applies to is read from datapackage.json, so a new table is filtered as soon as it is
described: `cluster` applies to a table's key or foreign key to clusters.cluster_id, else to its `scope`
column (a cluster_id or a group scope: group rows drop out, as on the dashboard's pages; not scopes.csv, whose
scope is its own key); `city` to its key or
foreign key to cities.adcode. A table with neither column is returned whole; its rows are not about one
cluster or city. Matching is exact: `city=440300` keeps Shenzhen's rows, not the province-wide ones.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.sourcing import data_version, source_labels, source_line, versioned_citation

# Bump when the bytes the API sends change for the same data (a new column order, another CSV dialect...):
# it is part of every ETag, so caches do not keep the old format.
FORMAT_REVISION = "2"  # 2: JSON empty cells null; CSV true/false and 3060, not True and 3060.0
# filter parameter -> (table, key column) it selects on.
FILTER_KEYS = {"cluster": ("clusters", "cluster_id"), "city": ("cities", "adcode")}
SCOPE_COLUMN = "scope"
SOURCES = ("sources", "source_id")
CITATION_LANGUAGE = "en"


def _references(resource: dict, table: str, key: str) -> list[str]:
    """The resource's columns that hold a key of table: its own primary key there, or a foreign key to it."""
    schema = resource["schema"]
    if resource["name"] == table:
        return [key]
    return [
        foreign["fields"][0] if isinstance(foreign["fields"], list) else foreign["fields"]
        for foreign in schema.get("foreignKeys", [])
        if foreign["reference"]["resource"] == table and foreign["reference"]["fields"] in ([key], key)
    ]


def filter_columns(descriptor: dict) -> dict[str, dict[str, str]]:
    """Per table, the column each filter parameter applies to (a table without one is not filtered by it)."""
    out: dict[str, dict[str, str]] = {}
    for resource in descriptor["resources"]:
        names = {field["name"] for field in resource["schema"]["fields"]}
        columns: dict[str, str] = {}
        for param, (table, key) in FILTER_KEYS.items():
            found = _references(resource, table, key)
            if found:
                columns[param] = found[0]
        is_own_key = resource["schema"].get("primaryKey") in ([SCOPE_COLUMN], SCOPE_COLUMN)
        if "cluster" not in columns and SCOPE_COLUMN in names and not is_own_key:
            columns["cluster"] = SCOPE_COLUMN
        out[resource["name"]] = columns
    return out


def table_names(ds: Dataset) -> tuple[str, ...]:
    """The tables the API serves: every resource of the descriptor, in its order."""
    return tuple(resource["name"] for resource in ds.descriptor["resources"])


def known_ids(ds: Dataset) -> dict[str, frozenset[str]]:
    """The ids each filter parameter accepts: the dataset's cluster ids and adcodes."""
    return {param: frozenset(getattr(ds, table)[key]) for param, (table, key) in FILTER_KEYS.items()}


def select_rows(ds: Dataset, table: str, clusters: tuple[str, ...], cities: tuple[str, ...]) -> pd.DataFrame:
    """The rows of one table that pass the filters, in file order, with the file's columns."""
    frame: pd.DataFrame = getattr(ds, table)
    columns = filter_columns(ds.descriptor)[table]
    mask = pd.Series(True, index=frame.index)
    for param, values in (("cluster", clusters), ("city", cities)):
        if values and param in columns:
            mask &= frame[columns[param]].isin(values)
    return frame[mask].reset_index(drop=True)


def source_columns(descriptor: dict, table: str) -> list[str]:
    """The table's columns that name a source (foreign keys to sources.source_id); none for sources itself."""
    [resource] = [r for r in descriptor["resources"] if r["name"] == table]
    return [] if table == SOURCES[0] else _references(resource, *SOURCES)


def dataset_credit(descriptor: dict) -> str:
    """The dataset as a source: its title and licence, for tables whose rows name no source."""
    licences = ", ".join(licence.get("name", "") for licence in descriptor.get("licenses", []))
    title = descriptor.get("title", descriptor.get("name", ""))
    return f"{title} ({licences})" if licences else title


def citation(ds: Dataset, table: str, rows: pd.DataFrame) -> str:
    """The citation line of an API response: the rows' sources (or the dataset), then the data release."""
    labels = source_labels(ds.sources, CITATION_LANGUAGE)
    cited = [labels.get(s, s) for column in source_columns(ds.descriptor, table) for s in rows[column] if s]
    line = source_line(cited or [dataset_credit(ds.descriptor)], CITATION_LANGUAGE)
    return versioned_citation(line, data_version(ds.descriptor), CITATION_LANGUAGE)


@memoised_per_args
def content_digest(ds: Dataset) -> str:
    """A digest of the loaded dataset's content (descriptor and every table), computed once per dataset."""
    digest = hashlib.sha256(json.dumps(ds.descriptor, sort_keys=True).encode("utf-8"))
    for table in table_names(ds):
        frame: pd.DataFrame = getattr(ds, table)
        digest.update(table.encode("utf-8"))
        digest.update(",".join(frame.columns).encode("utf-8"))
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def entity_tag(ds: Dataset, *request: str) -> str:
    """A strong ETag for a response: the data release, then a digest of the data, the format and the request."""
    digest = hashlib.sha256("\n".join((FORMAT_REVISION, content_digest(ds), *request)).encode("utf-8"))
    return f'"{data_version(ds.descriptor) or "unversioned"}-{digest.hexdigest()[:20]}"'
