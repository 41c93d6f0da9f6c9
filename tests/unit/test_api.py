"""The data API's logic (gdclusters.api query, tables, responses): what a request selects, refuses and sends."""

import copy
import csv
import io
import json
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdclusters import api
from gdclusters.dataset import load_dataset
from gdclusters.export import csv_bytes
from gdclusters.paths import DATA_DIR
from gdclusters.state import MAX_VALUES
from tests.support.release import RELEASE

SHENZHEN, GUANGZHOU = "440300", "440100"
ALL_TABLES = (
    "sources",
    "cities",
    "clusters",
    "regions",
    "cluster_cities",
    "cluster_regions",
    "scopes",
    "metric_definitions",
    "metrics",
    "targets",
    "statements",
    "trillion_members",
    "future_industries",
    "future_milestones",
    "plan_bases_2016_2020",
)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def csv_rows(body: bytes) -> tuple[list[dict[str, str]], str]:
    """(rows, citation line) of a CSV body as the API sends it."""
    text = body.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[-2].startswith("# "), "the citation must be the last line"
    return list(csv.DictReader(io.StringIO("\r\n".join(lines[:-2])))), lines[-2]


# ---------------------------------------------------------------- which columns the filters apply to


def test_filters_apply_to_the_key_or_foreign_key_columns_the_descriptor_declares(ds):
    assert api.filter_columns(ds.descriptor) == {
        "sources": {},
        "cities": {"city": "adcode"},
        "clusters": {"cluster": "cluster_id"},
        "regions": {},
        "cluster_cities": {"cluster": "cluster_id", "city": "adcode"},
        "cluster_regions": {"cluster": "cluster_id"},
        "scopes": {},  # scope is that table's own key: group scopes, never a cluster
        "metric_definitions": {},
        "metrics": {"cluster": "scope", "city": "adcode"},
        "targets": {"cluster": "scope", "city": "adcode"},
        "statements": {"cluster": "scope", "city": "adcode"},
        "trillion_members": {"cluster": "cluster_id"},
        "future_industries": {},
        "future_milestones": {},
        "plan_bases_2016_2020": {"cluster": "related_cluster_id", "city": "adcode"},
    }


def test_a_newly_described_table_is_filtered_through_its_foreign_keys(ds):
    descriptor = copy.deepcopy(ds.descriptor)
    descriptor["resources"].append(
        {
            "name": "investments",
            "schema": {
                "fields": [{"name": "host"}, {"name": "branch"}, {"name": "scope"}],
                "foreignKeys": [
                    {"fields": ["host"], "reference": {"resource": "cities", "fields": ["adcode"]}},
                    {"fields": "branch", "reference": {"resource": "clusters", "fields": "cluster_id"}},
                ],
            },
        }
    )
    assert api.filter_columns(descriptor)["investments"] == {"city": "host", "cluster": "branch"}


# ---------------------------------------------------------------- parsing a request


def test_a_path_names_a_described_table_in_csv_or_json(ds):
    tables = api.table_names(ds)
    assert tables == tuple(ALL_TABLES)
    assert api.parse_table_file("metrics.csv", tables) == ("metrics", "csv")
    assert api.parse_table_file("cluster_cities.json", tables) == ("cluster_cities", "json")


@pytest.mark.parametrize(
    "name",
    [
        "README.csv",  # a file in data/, not a table
        "README.md",
        "IMPORT-2026-12.md",
        "CHANGELOG.json",
        "datapackage.csv",
        "metrics",
        "metrics.CSV",
        "Metrics.csv",
        "metrics.xlsx",
        "metrics.csv.json",
        "metrics.csv%00.json",
        "metrics.csv\x00",
        "../metrics.csv",
        "..\\metrics.csv",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "%2e%2e",
        "metrics.csv/",
        "ｍetrics.csv",  # full-width m
        "",
    ],
)
def test_anything_but_a_table_name_is_a_404_without_echoing_it(ds, name):
    with pytest.raises(api.ApiError) as refused:
        api.parse_table_file(name, api.table_names(ds))
    assert refused.value.status == 404
    assert "metrics, plan_bases_2016_2020" in refused.value.message, "the message lists the tables"
    with pytest.raises(api.ApiError) as other:
        api.parse_table_file("no_such_table.csv", api.table_names(ds))
    assert refused.value.message == other.value.message, "the message never depends on (echoes) the name asked"


def test_filters_keep_each_id_once_in_the_order_given(ds):
    items = [("city", SHENZHEN), ("cluster", "automobiles"), ("city", GUANGZHOU), ("city", SHENZHEN)]
    assert api.parse_filters(items, api.known_ids(ds)) == (("automobiles",), (SHENZHEN, GUANGZHOU))


@pytest.mark.parametrize(
    ("items", "status", "words"),
    [
        ([("cluster", "no_such_cluster")], 400, ["'cluster'", "'no_such_cluster'", "not a cluster_id of this"]),
        ([("city", "449999")], 400, ["'city'", "not an adcode of this"]),
        ([("city", "shenzhen")], 400, ["'city'", "not a well-formed adcode"]),
        ([("cluster", "Automobiles")], 400, ["'cluster'", "not a well-formed cluster_id"]),
        ([("cluster", "")], 400, ["'cluster'", "not a well-formed"]),
        ([("cluster", "automobiles,new_energy")], 400, ["repeat the parameter"]),
        ([("cities", SHENZHEN)], 400, ["Unknown parameter 'cities'"]),
        ([("lang", "zh")], 400, ["Unknown parameter 'lang'"]),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(ds, items, status, words):
    with pytest.raises(api.ApiError) as refused:
        api.parse_filters(items, api.known_ids(ds))
    assert refused.value.status == status
    for word in words:
        assert word in refused.value.message


def test_at_most_25_values_per_parameter(ds):
    clusters = list(ds.clusters["cluster_id"])  # 20 distinct ids, repeated past the limit
    ok = [("cluster", c) for c in clusters] + [("cluster", clusters[0])] * (MAX_VALUES - len(clusters))
    assert len(api.parse_filters(ok, api.known_ids(ds))[0]) == len(clusters)
    with pytest.raises(api.ApiError) as refused:
        api.parse_filters([*ok, ("cluster", clusters[1])], api.known_ids(ds))
    assert refused.value.status == 400 and "'cluster'" in refused.value.message and "25" in refused.value.message
    # The limit is per parameter: 25 cities beside 25 clusters are fine.
    cities = [("city", c) for c in ds.cities["adcode"]] + [("city", SHENZHEN)] * 4
    assert len(api.parse_filters(ok + cities, api.known_ids(ds))[1]) == len(ds.cities)


@given(value=st.text(max_size=60))
def test_any_value_is_accepted_or_refused_with_a_400_that_shows_no_markup(ds, value):
    if value in set(ds.clusters["cluster_id"]):
        assert api.parse_filters([("cluster", value)], api.known_ids(ds)) == ((value,), ())
        return
    with pytest.raises(api.ApiError) as refused:
        api.parse_filters([("cluster", value)], api.known_ids(ds))
    assert refused.value.status == 400
    body = api.error_reply(refused.value.status, refused.value.message).body.decode("utf-8")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["error"]["message"] == refused.value.message


# ---------------------------------------------------------------- selected rows


def test_cluster_and_city_filters_select_exactly_the_matching_rows(ds):
    rows = api.select_rows(ds, "metrics", ("automobiles", "new_energy"), (SHENZHEN, GUANGZHOU))
    expected = ds.metrics[
        ds.metrics["scope"].isin(["automobiles", "new_energy"]) & ds.metrics["adcode"].isin([SHENZHEN, GUANGZHOU])
    ]
    assert len(rows) == len(expected) > 0
    assert set(rows["scope"]) <= {"automobiles", "new_energy"}
    assert set(rows["adcode"]) <= {SHENZHEN, GUANGZHOU}
    assert "" not in set(rows["adcode"]), "a city filter keeps that city's rows, not the province-wide ones"
    pd.testing.assert_frame_equal(rows, expected.reset_index(drop=True))


def test_group_scope_rows_drop_out_under_a_cluster_filter(ds):
    rows = api.select_rows(ds, "metrics", ("automobiles",), ())
    assert set(rows["scope"]) == {"automobiles"}
    assert (ds.metrics["scope"] == "all_20").any(), "the data hold group rows to drop"


def test_a_table_without_the_column_comes_whole(ds):
    assert len(api.select_rows(ds, "sources", ("automobiles",), (SHENZHEN,))) == len(ds.sources)
    assert (
        len(api.select_rows(ds, "cluster_regions", ("automobiles",), (SHENZHEN,)))
        == (ds.cluster_regions["cluster_id"] == "automobiles").sum()
    )


# ---------------------------------------------------------------- bodies


@pytest.mark.parametrize("table", ALL_TABLES)
def test_every_table_as_csv_is_the_dashboard_export_of_its_rows_with_a_versioned_citation(ds, table):
    reply = api.respond(ds, f"{table}.csv", [])
    assert reply.status == 200 and reply.media_type == "text/csv; charset=utf-8"
    frame = getattr(ds, table)
    line = api.citation(ds, table, frame)
    assert reply.body == csv_bytes(frame, line)
    rows, last = csv_rows(reply.body)
    assert len(rows) == len(frame) and list(rows[0]) == list(frame.columns)
    assert last.endswith(f"· Data release {RELEASE}") and last.startswith("# Source: ")


@pytest.mark.parametrize("table", ALL_TABLES)
def test_every_table_as_json_has_data_source_and_version(ds, table):
    reply = api.respond(ds, f"{table}.json", [])
    assert reply.status == 200 and reply.media_type == "application/json"
    body = json.loads(reply.body)
    assert list(body) == ["data", "source", "version"]
    frame = getattr(ds, table)
    assert len(body["data"]) == len(frame) and list(body["data"][0]) == list(frame.columns)
    assert body["version"] == ds.descriptor["version"] == RELEASE
    assert body["source"] == api.citation(ds, table, frame)


def test_a_missing_integer_is_null_not_an_error():
    # Nullable integer columns hold pd.NA, whose truth value is undefined: '' == NA must never be asked.
    frame = pd.DataFrame({"year": pd.array([2025, None], dtype="Int64"), "note": ["", "x"]})
    assert api.records(frame) == [{"year": 2025, "note": None}, {"year": None, "note": "x"}]


def test_json_keeps_numbers_as_numbers_and_missing_values_as_null(ds):
    data = json.loads(api.respond(ds, "targets.json", []).body)["data"]
    values = [row["target_value_max"] for row in data]
    assert any(isinstance(v, float) for v in values) and None in values
    assert all(isinstance(row["qualitative"], bool) for row in data)
    adcodes = [row["adcode"] for row in data]
    assert all(isinstance(a, str) and a for a in adcodes if a is not None), "adcodes stay text"
    assert None in adcodes, "an empty text cell (a province-wide target) is null, as the README says"
    assert "" not in {v for row in data for v in row.values() if isinstance(v, str)}
    cities = json.loads(api.respond(ds, "cities.json", [("city", SHENZHEN)]).body)["data"]
    assert cities == [
        {
            column: (None if pd.isna(value) or value == "" else value)
            for column, value in ds.cities[ds.cities["adcode"] == SHENZHEN].iloc[0].items()
        }
    ]


@pytest.mark.parametrize("table", ALL_TABLES)
def test_every_csv_cell_reads_as_the_data_file_writes_it(ds, table):
    # true/false and 3060, not True and 3060.0: R's read.csv reads True as text, and an integer field of the
    # data package does not take 2022.0. A number is the same number (the file writes a few as 12.0); text differs
    # only where it looks like a formula (the export's apostrophe).
    (resource,) = (r for r in ds.descriptor["resources"] if r["name"] == table)
    kinds = {field["name"]: field.get("type", "string") for field in resource["schema"]["fields"]}
    rows, _ = csv_rows(api.respond(ds, f"{table}.csv", []).body)
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        expected = list(csv.DictReader(file))
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        for column, value in want.items():
            cell = (table, column, value, got[column])
            if kinds[column] == "number" and value:
                assert float(got[column]) == float(value) and not got[column].endswith(".0"), cell
            else:
                assert got[column] in (value, "'" + value), cell


def test_a_citation_names_the_rows_sources_or_else_the_dataset(ds):
    rows = api.select_rows(ds, "trillion_members", ("automobiles",), ())
    line = api.citation(ds, "trillion_members", rows)
    cited = ds.sources[ds.sources["source_id"].isin(rows["source_id"])]
    labels = [f"{row.publisher} ({str(row.published)[:4]})" for row in cited.itertuples()]
    assert labels and all(label in line for label in labels)
    others = ds.sources[~ds.sources["publisher"].isin(cited["publisher"])]
    assert not any(f"{row.publisher} (" in line for row in others.itertuples()), "a source of another row is cited"
    assert api.citation(ds, "scopes", ds.scopes).startswith("Source: Guangdong's 20 strategic industrial clusters")
    assert "(CC-BY-4.0)" in api.citation(ds, "scopes", ds.scopes)


def test_json_bodies_cannot_be_read_as_markup():
    body = api.json_bytes({"data": [{"quote": "<script>alert('x')</script> & more"}]})
    assert b"<" not in body and b">" not in body and b"&" not in body
    assert json.loads(body) == {"data": [{"quote": "<script>alert('x')</script> & more"}]}


def test_the_descriptor_points_each_resource_at_its_endpoint(ds):
    reply = api.respond(ds, "datapackage.json", [])
    descriptor = json.loads(reply.body)
    assert descriptor["version"] == RELEASE
    for resource in descriptor["resources"]:
        name = resource["name"]
        assert resource["path"] == f"{name}.csv"
        assert resource["api"]["json"] == f"{name}.json"
        assert resource["dialect"] == {"commentChar": "#"}
        assert api.respond(ds, resource["path"], []).status == 200
    assert ds.descriptor["resources"][0].get("api") is None, "the loaded descriptor is not changed"


def test_the_descriptor_takes_no_parameters(ds):
    reply = api.respond(ds, "datapackage.json", [("cluster", "automobiles")])
    assert reply.status == 400 and b"'cluster'" in reply.body


# ---------------------------------------------------------------- entity tags


def test_an_etag_names_the_release_and_changes_with_format_filters_and_data(ds):
    tag = api.prepare(ds, "metrics.csv", [("cluster", "automobiles"), ("city", SHENZHEN)]).etag
    assert tag.startswith(f'"{RELEASE}-') and tag.endswith('"')
    same = api.prepare(ds, "metrics.csv", [("city", SHENZHEN), ("cluster", "automobiles")]).etag
    assert same == tag, "the order of the ids does not change the rows"
    others = {
        api.prepare(ds, "metrics.json", [("cluster", "automobiles"), ("city", SHENZHEN)]).etag,
        api.prepare(ds, "metrics.csv", [("cluster", "automobiles")]).etag,
        api.prepare(ds, "metrics.csv", [("city", SHENZHEN)]).etag,
        api.prepare(ds, "targets.csv", [("cluster", "automobiles"), ("city", SHENZHEN)]).etag,
    }
    assert tag not in others and len(others) == 4
    edited = replace(ds, metrics=ds.metrics.assign(value=ds.metrics["value"] * 2), derived={})
    assert api.prepare(edited, "metrics.csv", [("cluster", "automobiles"), ("city", SHENZHEN)]).etag != tag
