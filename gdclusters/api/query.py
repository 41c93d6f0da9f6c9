"""What an API request asks for: the table and format its path names, and the filters its query carries.

Paths name a table of datapackage.json as `<table>.csv` or `<table>.json`, nothing else: a name is looked up
among the descriptor's resources, never turned into a file path. Queries take `cluster=<cluster_id>` and
`city=<adcode>`, each repeatable up to MAX_VALUES times; any other parameter, an empty, malformed or unknown
value is refused (400) so that a typo never returns unfiltered rows as if they were filtered.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from gdclusters.state import MAX_VALUES, shorten

FORMATS = ("csv", "json")
DESCRIPTOR = "datapackage.json"
FILTER_PARAMS = ("cluster", "city")
# What a well-formed id looks like (datapackage.json: clusters.cluster_id, cities.adcode).
ID_PATTERNS = {"cluster": re.compile(r"[a-z][a-z0-9_]{0,63}"), "city": re.compile(r"44\d{4}")}
ID_NAMES = {"cluster": "cluster_id", "city": "adcode"}
_TABLE_FILE = re.compile(r"([a-z][a-z0-9_]{0,63})\.(csv|json)")


class ApiError(Exception):
    """A request the API refuses: the HTTP status and a message for the client (user input shown escaped)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class TableQuery:
    """One table in one format, with the cluster and city filters (empty: no restriction)."""

    table: str
    fmt: str
    clusters: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()


def shown(value: str) -> str:
    """A user-supplied value as an error message may quote it: printable, cut to 40 characters, repr-quoted."""
    return repr(shorten(value))


def parse_table_file(name: str, tables: Collection[str]) -> tuple[str, str]:
    """(table, format) for a path segment such as 'metrics.csv'; ApiError 404 for anything else."""
    match = _TABLE_FILE.fullmatch(name)
    if match is None or match[1] not in tables:
        listing = ", ".join(sorted(tables))
        raise ApiError(
            404,
            f"No such table. The tables are {listing}; ask for <table>.csv or <table>.json, or read {DESCRIPTOR}.",
        )
    return match[1], match[2]


def parse_filters(
    items: Iterable[tuple[str, str]], known: Mapping[str, Collection[str]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(cluster ids, adcodes) from the query's (name, value) pairs, in order, each once; ApiError 400 otherwise.

    known maps each filter parameter to the ids the dataset holds.
    """
    values: dict[str, list[str]] = {param: [] for param in FILTER_PARAMS}
    counts = dict.fromkeys(FILTER_PARAMS, 0)
    for param, value in items:
        if param not in values:
            raise ApiError(
                400,
                f"Unknown parameter {shown(param)}: the tables take cluster=<cluster_id> and city=<adcode> only.",
            )
        counts[param] += 1
        if counts[param] > MAX_VALUES:
            raise ApiError(400, f"Parameter '{param}': at most {MAX_VALUES} values per request.")
        _check_value(param, value, known[param])
        if value not in values[param]:
            values[param].append(value)
    return tuple(values["cluster"]), tuple(values["city"])


def _article(noun: str) -> str:
    """'an' before a vowel ('an adcode'), else 'a' ('a cluster_id')."""
    return "an" if noun[:1] in "aeiou" else "a"


def _check_value(param: str, value: str, known: Collection[str]) -> None:
    """Raise ApiError 400 for an empty, malformed or unknown id, naming the parameter."""
    expected = ID_NAMES[param]
    if not ID_PATTERNS[param].fullmatch(value):
        hint = f" (repeat the parameter for several: ?{param}=a&{param}=b)" if "," in value else ""
        raise ApiError(400, f"Parameter '{param}': {shown(value)} is not a well-formed {expected}{hint}.")
    if value not in known:
        raise ApiError(
            400,
            f"Parameter '{param}': {shown(value)} is not {_article(expected)} {expected} of this dataset (see {DESCRIPTOR}).",
        )


def parse_request(
    name: str, items: Iterable[tuple[str, str]], tables: Collection[str], known: Mapping[str, Collection[str]]
) -> TableQuery:
    """The table query a path segment and its query parameters ask for (ApiError 404 or 400 when they cannot)."""
    table, fmt = parse_table_file(name, tables)
    clusters, cities = parse_filters(items, known)
    return TableQuery(table, fmt, clusters, cities)


def refuse_parameters(items: Iterable[tuple[str, str]]) -> None:
    """The descriptor takes no parameters: ApiError 400 naming the first one given."""
    for param, _value in items:
        raise ApiError(400, f"Unknown parameter {shown(param)}: {DESCRIPTOR} takes no parameters.")
