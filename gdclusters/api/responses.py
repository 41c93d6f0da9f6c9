"""The API's answers as bytes: a table as CSV or JSON, the package descriptor, and errors (no web framework).

A table's CSV is the dashboard's CSV export of its rows (gdclusters.export.csv_bytes: UTF-8 with a BOM, CRLF,
formula-safe cells, the citation as the last line after '# '); its JSON is {"data": [rows], "source":
citation, "version": data release}, an empty cell null. Every JSON body escapes <, > and & so no browser can read it as markup.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from gdclusters.analysis import memoised_per_args
from gdclusters.api.query import DESCRIPTOR, ApiError, TableQuery, parse_request, refuse_parameters
from gdclusters.api.tables import citation, entity_tag, filter_columns, known_ids, select_rows, table_names
from gdclusters.dataset import Dataset
from gdclusters.export.tables import csv_bytes
from gdclusters.sourcing import data_version

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
_HTML_SIGNIFICANT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class Reply:
    """One answer: status, body, media type and (for a success) its strong ETag."""

    status: int
    body: bytes
    media_type: str
    etag: str = ""


def json_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON with <, > and & escaped (the same value to a JSON parser; never markup to a browser)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_HTML_SIGNIFICANT).encode("utf-8")


def error_reply(status: int, message: str, **details: object) -> Reply:
    """A JSON error body: {"error": {"status": ..., "message": ..., ...details}}."""
    return Reply(status, json_bytes({"error": {"status": status, "message": message, **details}}), MEDIA_TYPES["json"])


def _plain(value: object) -> object:
    """A cell as a JSON value: None for any missing value (an empty text cell included: the data package reads
    an empty CSV cell as missing, and the CSV twin leaves it empty), Python numbers and booleans for NumPy ones."""
    if value is None or (isinstance(value, str) and value == "") or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of a frame as JSON-ready dicts, column order kept."""
    columns = list(frame.columns)
    return [
        {column: _plain(value) for column, value in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def api_descriptor(ds: Dataset) -> dict:
    """datapackage.json as the API serves it: each resource's path is its CSV endpoint (relative to the
    descriptor's own URL), with the CSV dialect, the JSON twin and the columns the filters apply to."""
    descriptor = copy.deepcopy(ds.descriptor)
    columns = filter_columns(ds.descriptor)
    for resource in descriptor["resources"]:
        name = resource["name"]
        resource.update(
            path=f"{name}.csv",
            format="csv",
            mediatype="text/csv",
            encoding="utf-8",
            # The citation closes every CSV as a line starting with '#'.
            dialect={"commentChar": "#"},
            api={"json": f"{name}.json", "filters": columns[name]},
        )
    return descriptor


@memoised_per_args
def descriptor_body(ds: Dataset) -> bytes:
    """The served descriptor as JSON bytes (built once per dataset)."""
    return json_bytes(api_descriptor(ds))


@memoised_per_args
def table_body(ds: Dataset, query: TableQuery) -> bytes:
    """The rows a query selects, in its format (built once per dataset and query among the recently asked)."""
    rows = select_rows(ds, query.table, query.clusters, query.cities)
    line = citation(ds, query.table, rows)
    if query.fmt == "csv":
        return csv_bytes(rows, line)
    return json_bytes({"data": records(rows), "source": line, "version": data_version(ds.descriptor)})


@dataclass(frozen=True)
class Prepared:
    """A request that passed validation: its ETag is known before its body is built (a 304 builds none)."""

    ds: Dataset
    etag: str
    query: TableQuery | None  # None: the descriptor

    def reply(self) -> Reply:
        """Build the body."""
        if self.query is None:
            return Reply(200, descriptor_body(self.ds), MEDIA_TYPES["json"], self.etag)
        return Reply(200, table_body(self.ds, self.query), MEDIA_TYPES[self.query.fmt], self.etag)


def prepare(ds: Dataset, name: str, items: Iterable[tuple[str, str]]) -> Prepared:
    """Validate a request for /api/v1/<name>?<items>; raise ApiError (404 or 400) when it cannot be answered."""
    items = list(items)
    if name == DESCRIPTOR:
        refuse_parameters(items)
        return Prepared(ds, entity_tag(ds, DESCRIPTOR), None)
    asked = parse_request(name, items, table_names(ds), known_ids(ds))
    # Rows come in file order whatever the order of the ids: one body, one ETag for every ordering.
    query = replace(asked, clusters=tuple(sorted(asked.clusters)), cities=tuple(sorted(asked.cities)))
    return Prepared(ds, entity_tag(ds, query.table, query.fmt, *query.clusters, "|", *query.cities), query)


def respond(ds: Dataset, name: str, items: Iterable[tuple[str, str]]) -> Reply:
    """The whole answer to one request, an error reply included (what the routes send, minus HTTP headers)."""
    try:
        return prepare(ds, name, items).reply()
    except ApiError as error:
        return error_reply(error.status, error.message)
