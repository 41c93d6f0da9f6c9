"""The addresses and snippets of the "Get this data" control (gdclusters.api.links), the snippets run for real."""

import shutil
import subprocess
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest

from gdclusters import api
from gdclusters.analysis import city_mask, cluster_mask
from gdclusters.dataset import load_dataset
from gdclusters.paths import REPO_ROOT
from gdclusters.state import Filters

SHENZHEN, GUANGZHOU = "440300", "440100"
ROOT = "http://example.org/clusters/api/v1"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize(
    ("page_url", "slug", "expected"),
    [
        ("http://localhost:8501/", "", "http://localhost:8501/api/v1"),
        ("http://localhost:8501/map", "map", "http://localhost:8501/api/v1"),
        ("https://data.example.org/clusters/tiers", "tiers", "https://data.example.org/clusters/api/v1"),
        ("https://data.example.org/clusters/", "", "https://data.example.org/clusters/api/v1"),
        ("https://data.example.org/clusters/overview", "overview", "https://data.example.org/clusters/api/v1"),
        # A sub-path that only ends like the page's name is kept.
        ("https://example.org/citymap", "map", "https://example.org/citymap/api/v1"),
        (None, "map", "http://localhost:8501/base/api/v1"),
        ("", "map", "http://localhost:8501/base/api/v1"),
        ("javascript:alert(1)//map", "map", "http://localhost:8501/base/api/v1"),
    ],
)
def test_the_api_root_is_the_app_address_the_browser_shows(page_url, slug, expected):
    assert api.api_root(page_url, slug, "http://localhost:8501/base/") == expected


def test_no_filter_gives_bare_addresses(ds):
    ids = api.filter_ids(ds, Filters())
    assert ids == api.FilterIds(None, None) and not ids.selects_nothing()
    assert api.table_url(ROOT, ds, "metrics", "csv", ids) == f"{ROOT}/metrics.csv"
    assert api.descriptor_url(ROOT) == f"{ROOT}/datapackage.json"


def test_category_tier_and_region_filters_become_the_ids_the_pages_select(ds):
    filters = Filters(categories=("pillar",), tiers=(1000,), regions=("pearl_river_delta",))
    ids = api.filter_ids(ds, filters)
    assert ids.clusters == tuple(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    assert ids.cities == tuple(ds.cities.loc[city_mask(ds, filters), "adcode"])
    assert 0 < len(ids.clusters) < 10 and 0 < len(ids.cities) < 21
    assert all(ds.clusters.set_index("cluster_id").loc[list(ids.clusters), "category"] == "pillar")


def test_the_url_carries_exactly_the_selected_ids_each_as_its_own_parameter(ds):
    ids = api.filter_ids(ds, Filters(clusters=("new_energy", "automobiles"), cities=(SHENZHEN, GUANGZHOU)))
    url = api.table_url(ROOT, ds, "metrics", "json", ids)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{ROOT}/metrics.json"
    pairs = parse_qsl(parts.query)
    assert sorted(v for k, v in pairs if k == "cluster") == ["automobiles", "new_energy"]
    assert sorted(v for k, v in pairs if k == "city") == [GUANGZHOU, SHENZHEN]
    assert {k for k, _ in pairs} == {"cluster", "city"}


def test_a_table_gets_only_the_filters_it_has_a_column_for(ds):
    ids = api.filter_ids(ds, Filters(clusters=("automobiles",), cities=(SHENZHEN,)))
    assert api.table_url(ROOT, ds, "cities", "csv", ids) == f"{ROOT}/cities.csv?city={SHENZHEN}"
    assert api.table_url(ROOT, ds, "sources", "csv", ids) == f"{ROOT}/sources.csv"
    assert api.unapplied_filters(ds, "sources", ids) == ["cluster", "city"]
    assert api.unapplied_filters(ds, "cities", ids) == ["cluster"]
    assert api.unapplied_filters(ds, "cluster_cities", ids) == []
    assert api.unapplied_filters(ds, "sources", api.filter_ids(ds, Filters())) == []


def test_filters_that_select_nothing_are_said_so(ds):
    # An emerging-only category with a pillar cluster: the pages show nothing, no URL can say that.
    ids = api.filter_ids(ds, Filters(clusters=("automobiles",), categories=("emerging",)))
    assert ids.clusters == () and ids.selects_nothing()


def test_every_url_the_control_builds_is_answered_with_the_rows_the_filters_select(ds):
    """The addresses resolve (through the API's own parser) to the rows the dashboard's masks select."""
    filters = Filters(categories=("emerging",), regions=("pearl_river_delta",))
    ids = api.filter_ids(ds, filters)
    for table in api.table_names(ds):
        url = urlsplit(api.table_url(ROOT, ds, table, "json", ids))
        reply = api.respond(ds, url.path.rsplit("/", 1)[1], parse_qsl(url.query))
        assert reply.status == 200, (table, reply.body)
    clusters_csv = urlsplit(api.table_url(ROOT, ds, "clusters", "csv", ids))
    body = api.respond(ds, "clusters.csv", parse_qsl(clusters_csv.query)).body
    assert body.count(b"\r\n") - 2 == cluster_mask(ds, filters).sum()


# ---------------------------------------------------------------- the snippets, run


@pytest.fixture(scope="module")
def served_csv(ds, tmp_path_factory):
    """The API's CSV of metrics for two cities, written where a file:// URL reaches it (pandas and R read those)."""
    folder = tmp_path_factory.mktemp("api")
    path = folder / "metrics.csv"
    path.write_bytes(api.respond(ds, "metrics.csv", [("city", SHENZHEN), ("city", GUANGZHOU)]).body)
    expected = api.select_rows(ds, "metrics", (), (SHENZHEN, GUANGZHOU))
    return path.as_uri(), expected


def test_the_pandas_line_reads_the_csv_with_every_row_and_adcodes_as_text(ds, served_csv):
    url, expected = served_csv
    snippet = api.pandas_snippet(url, api.text_id_columns(ds, "metrics"))
    assert snippet.startswith("import pandas as pd; df = pd.read_csv(") and "\n" not in snippet
    namespace: dict = {}
    exec(snippet, namespace)
    df = namespace["df"]
    assert list(df.columns) == list(expected.columns), "the BOM must not stick to the first column's name"
    assert len(df) == len(expected), "the citation line was read as a row, or a row was lost"
    assert sorted(set(df["adcode"])) == [GUANGZHOU, SHENZHEN]
    assert df["value"].sum() == pytest.approx(expected["value"].sum())
    assert list(df["quote"]) == list(expected["quote"].map(lambda q: "'" + q if q.startswith("-") else q))


@pytest.mark.parametrize("table", ["metrics", "targets", "statements", "cluster_cities", "sources"])
def test_the_pandas_line_reads_each_text_column_as_text_whatever_the_filter(ds, table, tmp_path):
    # One cluster's metrics may all have periods such as 2023: read as numbers, the same column would change type
    # from one filter to the next, and frames read with different filters would not line up.
    (resource,) = (r for r in ds.descriptor["resources"] if r["name"] == table)
    text = [f["name"] for f in resource["schema"]["fields"] if f.get("type", "string") == "string"]
    columns = api.text_id_columns(ds, table)
    path = tmp_path / f"{table}.csv"
    filters = [[("cluster", c)] for c in ds.clusters["cluster_id"]] if table != "sources" else [[]]
    for items in filters:
        path.write_bytes(api.respond(ds, f"{table}.csv", items).body)
        namespace: dict = {}
        exec(api.pandas_snippet(path.as_uri(), columns), namespace)
        df = namespace["df"]
        numeric = [c for c in text if c in df and df[c].notna().any() and pd.api.types.is_numeric_dtype(df[c])]
        assert numeric == [], (items, numeric)


def test_the_r_line_reads_the_csv_with_every_row(ds, served_csv, tmp_path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (apt-get install r-base-core)")
    url, expected = served_csv
    snippet = api.r_snippet(url, api.text_id_columns(ds, "metrics"))
    assert snippet.startswith("df <- read.csv(") and "\n" not in snippet
    out = tmp_path / "out.csv"
    script = f'{snippet}; write.csv(df, "{out.as_posix()}", row.names = FALSE, fileEncoding = "UTF-8")'
    subprocess.run([rscript, "-e", script], check=True, capture_output=True, timeout=120)
    df = pd.read_csv(out, dtype={"adcode": str}, keep_default_na=False)
    assert list(df.columns) == list(expected.columns)
    assert len(df) == len(expected)
    assert sorted(set(df["adcode"])) == [GUANGZHOU, SHENZHEN]
    assert set(df["quote"]) == set(expected["quote"]), "Chinese text must survive"


def test_snippets_quote_the_url_as_a_string_literal():
    url = 'http://h/api/v1/metrics.csv?x="; import os'
    for snippet in (api.pandas_snippet(url, []), api.r_snippet(url, [])):
        assert '\\"; import os' in snippet and '"; import os' not in snippet.replace('\\"', "")
    assert "dtype" not in api.pandas_snippet(url, []) and "colClasses" not in api.r_snippet(url, [])


def test_the_readme_shows_the_lines_the_control_gives(ds):
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    url = "http://localhost:8501/api/v1/metrics.csv?cluster=automobiles"
    columns = api.text_id_columns(ds, "metrics")
    assert api.pandas_snippet(url, columns) in readme.splitlines()
    assert api.r_snippet(url, columns) in readme.splitlines()
