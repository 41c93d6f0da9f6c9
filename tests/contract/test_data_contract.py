"""The bundled dataset: described completely, sourced, and faithful to the seed documents."""

import os
from pathlib import Path

import pytest

from gdclusters.analysis import host_links
from gdclusters.dataset import load_dataset
from gdclusters.domain import user_qualifiers
from gdclusters.paths import DATA_DIR, SEEDS_DIR
from gdclusters.validation import check_seed_quotes, normalise_quote_text, validate_folder

DOCS_OK = {"datapackage.json", "README.md", "IMPORT-2026-12.md", "CHANGELOG.md"}  # documentation, not data
OFFICIAL_SHORT_NAMES = [
    "新一代电子信息",
    "绿色石化",
    "智能家电",
    "汽车",
    "先进材料",
    "现代轻工纺织",
    "软件与信息服务",
    "超高清视频显示",
    "生物医药与健康",
    "现代农业与食品",
    "半导体与集成电路",
    "高端装备制造",
    "智能机器人",
    "区块链与量子信息",
    "前沿新材料",
    "新能源",
    "激光与增材制造",
    "数字创意",
    "安全应急与环保",
    "精密仪器设备",
]


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA_DIR)


def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed documents not found at {SEEDS_DIR}: CI must check every seed quote")
        pytest.skip(f"seed documents not found at {SEEDS_DIR}")
    return SEEDS_DIR


def test_every_data_file_is_described_and_every_description_has_a_file():
    report = validate_folder(DATA_DIR)
    described = {r["path"] for r in report.descriptor["resources"]}
    present = {p.name for p in DATA_DIR.iterdir() if p.is_file()} - DOCS_OK
    assert present == described
    for resource in report.descriptor["resources"]:
        assert resource.get("description"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
        assert report.tables[resource["name"]].header == [f["name"] for f in resource["schema"]["fields"]]


def test_every_seed_quote_appears_in_its_seed():
    report = validate_folder(DATA_DIR)
    issues_before = len(report.issues)
    checked = check_seed_quotes(report.tables, seeds_dir(), report)
    assert report.issues[issues_before:] == []
    assert checked >= 100  # every row sourced to a seed document was looked up


def test_quote_check_can_fail():
    report = validate_folder(DATA_DIR)
    table = report.tables["metrics"]
    seed_sources = {r["source_id"] for r in report.tables["sources"].rows if r["document"]}
    row = next(r for r in table.rows if r["source_id"] in seed_sources)
    row["quote"] = row["quote"].replace("2019", "2018", 1) + " invented"
    check_seed_quotes(report.tables, seeds_dir(), report)
    assert any("quote does not appear in seed document" in str(i) for i in report.issues)


def test_normalisation_only_folds_whitespace_and_quote_marks():
    assert normalise_quote_text("“centered  on”\n Zhanjiang") == '"centered on" Zhanjiang'
    assert normalise_quote_text("600") != normalise_quote_text("6000")


def test_twenty_clusters_with_official_short_names(ds):
    assert sorted(ds.clusters["name_zh"]) == sorted(OFFICIAL_SHORT_NAMES)
    assert ds.clusters["category"].value_counts().to_dict() == {"pillar": 10, "emerging": 10}
    assert ds.clusters["output_floor_2023_bn_yuan"].value_counts().to_dict() == {1000: 8, 100: 7, 500: 3, 10: 2}


def test_every_city_seed_002_names_is_a_host(ds):
    """Spot checks transcribed by hand from seed 002's development-focus section."""
    named = {
        "green_petrochemicals": {"440800", "440900", "440100", "441300", "445200"},
        "automobiles": {"440100", "440300", "440400", "440600", "441200"},
        "advanced_materials": {
            "440100",
            "440300",
            "440400",
            "440600",
            "440200",
            "441300",
            "441900",
            "441700",
            "440800",
            "440900",
            "441200",
            "441800",
            "445300",
        },
        "digital_creativity": {"440100", "440300", "440400", "440500", "440600", "441900", "442000"},
        "new_energy": {"441700", "440100", "440300", "440600", "440800", "440900", "445300"},
    }
    links = host_links(ds)
    for cluster, cities in named.items():
        hosts = set(links.loc[links["cluster_id"] == cluster, "adcode"])
        assert cities <= hosts, (cluster, cities - hosts)


def test_roles_follow_the_core_rule(ds):
    links = host_links(ds).set_index(["cluster_id", "adcode"])["role"]
    assert links[("digital_creativity", "440100")] == "core"  # "core engines"
    assert links[("digital_creativity", "440500")] == "base"
    assert links[("automobiles", "440100")] == "base"  # "focusing on" is not core


def test_region_mentions_are_not_named_hosts(ds):
    """Seed 002 names only regions for precision instruments and UHD display: no named host from it."""
    from_seed = ds.cluster_cities[ds.cluster_cities["source_id"] == "seed-instrument-2022"]
    for cluster in ("precision_instruments", "uhd_video_display", "safety_emergency_environmental"):
        assert cluster not in set(from_seed["cluster_id"]), cluster
        assert cluster in set(ds.cluster_regions["cluster_id"]), cluster


def test_money_is_in_billions(ds):
    m = ds.metrics.set_index(["scope", "metric", "period", "source_id"])["value"]
    assert m[("pillar_10", "operating_revenue", "2019", "seed-instrument-2022")] == 15000
    assert m[("emerging_10", "operating_revenue", "2019", "seed-instrument-2022")] == 1500
    assert m[("manufacturing", "added_value", "2019", "seed-ceramicswin-2020")] == 3060


def test_required_targets_are_present(ds):
    t = ds.targets
    emerging = t[(t["scope"] == "emerging_10") & (t["target_annual_growth_pct"] == 10)]
    assert not emerging.empty and (emerging["baseline_value"] == 1500).any()
    assert ((t["scope"] == "pillar_10") & t["qualitative"]).any()
    assert ((t["adcode"] == "440600") & (t["target_value"] == 600)).any()
    assert ((t["scope"] == "semiconductors_ic") & (t["target_value"] == 200)).any()
    assert (t["target_year"] == 2020).sum() >= 3


def test_every_fact_has_a_source_and_quote(ds):
    for name in (
        "cluster_cities",
        "cluster_regions",
        "metrics",
        "targets",
        "future_industries",
        "future_milestones",
        "plan_bases_2016_2020",
    ):
        frame = getattr(ds, name)
        assert (frame["source_id"] != "").all() and (frame["quote"].str.len() > 10).all(), name


def test_side_tables(ds):
    assert len(ds.future_industries) == 7
    assert set(ds.future_milestones["year"]) == {2027, 2035}
    assert ds.plan_bases_2016_2020["field_id"].nunique() >= 14


def test_hypothetical_figures_take_the_qualifiers_the_metrics_table_allows():
    """The Growth targets form offers the qualifiers metrics.csv may carry (datapackage.json's enum), except a
    size class: a hypothetical figure is typed in to score a target, and a size class never scores one."""
    report = validate_folder(DATA_DIR)
    [metrics] = [r for r in report.descriptor["resources"] if r["name"] == "metrics"]
    [qualifier] = [f for f in metrics["schema"]["fields"] if f["name"] == "qualifier"]
    assert user_qualifiers() == tuple(q for q in qualifier["constraints"]["enum"] if q != "size_class")
    assert "size_class" in qualifier["constraints"]["enum"]
