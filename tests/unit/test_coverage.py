"""The coverage grid (gdclusters.coverage): the cell rule on a small hand-made dataset and the command line on a
copy of data/. The Sources page section in the running app is in tests/app/test_app_sources.py."""

import csv
import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from gdclusters import coverage, growth, overview
from gdclusters.coverage import chart, cli, plain_text
from gdclusters.dataset import Dataset, load_dataset
from gdclusters.i18n import MISSING_MARK, t
from gdclusters.paths import DATA_DIR
from gdclusters.state import Filters

ROOT = Path(__file__).resolve().parents[2]
NAN = float("nan")
FAMILIES = {
    "operating_revenue": "revenue",
    "added_value": "added_value",
    "output_value": "output",
    "enterprises_count": "count",
}


def metric(scope, name, period, value, source_id, adcode="", **extra):
    return dict(
        scope=scope,
        metric=name,
        period=period,
        value=float(value),
        unit="bn_yuan",
        qualifier="exact",
        adcode=adcode,
        source_id=source_id,
        quote="q",
        note="",
        **extra,
    )


def target(target_id, scope, name, value, source_id, year=2025, **extra):
    row = dict(
        target_id=target_id,
        scope=scope,
        metric=name,
        baseline_period="",
        baseline_value=NAN,
        target_year=year,
        target_value=float(value),
        target_annual_growth_pct=NAN,
        unit="bn_yuan",
        comparator="at_least",
        qualitative=False,
        adcode="",
        plan="p",
        source_id=source_id,
        quote="q",
        note="",
    )
    row.update(extra)
    return row


def dataset(metrics, targets=(), clusters=None) -> Dataset:
    """A Dataset with only the tables the grid reads filled in."""
    clusters = clusters or [
        ("alpha", "Alpha", "甲", "pillar"),
        ("beta", "Beta", "乙", "pillar"),
        ("gamma", "Gamma", "丙", "emerging"),
        ("delta", "Delta", "丁", "emerging"),
    ]
    empty = pd.DataFrame()
    targets_frame = pd.DataFrame(
        list(targets) or None, columns=None if targets else list(target("x", "alpha", "operating_revenue", 1, "a"))
    )
    targets_frame["target_year"] = targets_frame["target_year"].astype("Int64")
    tables = dict(
        sources=pd.DataFrame({"source_id": ["a", "b", "c"], "reliability": ["A", "B", "C"]}),
        clusters=pd.DataFrame(clusters, columns=["cluster_id", "name_en", "name_zh", "category"]),
        metric_definitions=pd.DataFrame({"metric": list(FAMILIES), "family": list(FAMILIES.values())}),
        metrics=pd.DataFrame(list(metrics) or None, columns=None if metrics else list(metric("x", "y", "", 0, "a"))),
        targets=targets_frame,
        descriptor={},
    )
    # Every other table (the list grows with data releases) stays empty: the grid does not read it.
    others = {f.name: empty for f in dataclasses.fields(Dataset) if f.init and f.name not in tables}
    others.pop("derived", None)
    return Dataset(**tables, **others)


def cell(ds: Dataset, cluster_id: str, column: str) -> pd.Series:
    cells = coverage.coverage_cells(ds)
    (row,) = [row for _, row in cells.iterrows() if row["cluster_id"] == cluster_id and row["column"] == column]
    return row


def test_a_cell_shows_the_best_tier_of_its_facts():
    ds = dataset(
        [
            metric("alpha", "operating_revenue", "2022", 10, "c"),
            metric("alpha", "added_value", "2022", 3, "a"),
            metric("beta", "operating_revenue", "2022", 10, "c"),
        ]
    )
    both = cell(ds, "alpha", "2022")
    assert (both["tier"], both["fill"], both["count"]) == ("A", "A", 2)
    assert coverage.cell_text(both, "en") == "2 · revenue, added value · A"
    assert cell(ds, "beta", "2022")["tier"] == "C"  # the tier follows the facts; it is not a constant


def test_a_year_with_only_part_year_figures_is_partial():
    ds = dataset(
        [
            metric("alpha", "added_value", "2023Q1-Q3", 5, "b"),
            metric("beta", "added_value", "2021H1", 5, "b"),
            metric("beta", "added_value", "2021", 9, "c"),
        ]
    )
    partial = cell(ds, "alpha", "2023")
    assert partial["fill"] == "partial" and partial["tier"] == "B"
    assert coverage.cell_text(partial, "en") == "partial · added value · B"
    assert coverage.cell_text(partial, "zh").startswith(t("coverage.partial", "zh"))
    # A full-year figure beside a part-year one makes the year full, with the full-year figure's tier.
    full = cell(ds, "beta", "2021")
    assert (full["fill"], full["count"], full["tier"]) == ("C", 1, "C")
    assert cell(ds, "alpha", "2022")["fill"] == "none"


def test_a_city_figure_does_not_fill_the_province_cell():
    guangzhou = "440100"
    ds = dataset(
        [metric("alpha", "operating_revenue", "2024", 10, "a", adcode=guangzhou)],
        [target("city-target", "beta", "operating_revenue", 50, "a", adcode=guangzhou)],
    )
    city = cell(ds, "alpha", "2024")
    assert (city["fill"], city["count"], city["tier"], city["city"]) == ("none", 0, "", 1)
    assert coverage.cell_text(city, "en") == "— (+1 city)"
    assert coverage.short_text(city, "en").splitlines() == ["—", "+1 city"]
    assert cell(ds, "beta", "target_2025")["fill"] == "none"
    assert coverage.summary(ds)["recent"] == 0


def test_a_figure_with_another_definition_is_counted_beside_the_cell():
    ds = dataset(
        [
            metric("alpha", "operating_revenue", "2024", 10, "a", definition="segment"),
            metric("beta", "operating_revenue", "2024", 10, "b", definition=""),
        ]
    )
    other = cell(ds, "alpha", "2024")
    assert (other["fill"], other["other"]) == ("none", 1)
    assert coverage.cell_text(other, "en") == "— (+1 other definition)"
    assert cell(ds, "beta", "2024")["fill"] == "B"  # an empty definition is the programme's own


def test_years_count_money_figures_and_the_base_counts_any_measure_and_2019_baselines():
    ds = dataset(
        [
            metric("alpha", "enterprises_count", "2019", 500, "a"),
            metric("alpha", "enterprises_count", "2020", 500, "a"),
        ],
        [target("base", "beta", "operating_revenue", 50, "b", baseline_period="2019", baseline_value=20.0)],
    )
    assert cell(ds, "alpha", "base_2019")["families"] == ("count",)
    assert cell(ds, "alpha", "2019")["fill"] == "none"  # a count is not a money figure
    assert cell(ds, "alpha", "2020")["fill"] == "none"
    baseline = cell(ds, "beta", "base_2019")
    assert (baseline["fill"], baseline["families"]) == ("B", ("revenue",))
    assert cell(ds, "beta", "2019")["fill"] == "none"  # a baseline is not a figure for the year


def test_superseded_targets_still_count_in_the_target_column():
    ds = dataset(
        [],
        [
            target("old", "alpha", "operating_revenue", 50, "c", superseded_by="new"),
            target("new", "alpha", "operating_revenue", 60, "b"),
            target("later", "beta", "operating_revenue", 60, "b", year=2027),
        ],
    )
    targets = cell(ds, "alpha", "target_2025")
    assert (targets["count"], targets["superseded"], targets["tier"]) == (2, 1, "B")
    assert cell(ds, "beta", "target_2025")["fill"] == "none"  # a 2027 target is not a 2025 target


def test_a_replaced_target_is_not_an_outcome_as_the_overview_does_not_count_it():
    # The real case: Smart robots' draft output-growth target is missed, the revised plan's target met. The grid
    # said "1 missed" while the Overview, which counts targets in force, said 0 missed.
    metrics = [
        metric("alpha", "operating_revenue", "2021", 50, "c"),
        metric("alpha", "operating_revenue", "2025", 80, "b"),
    ]
    targets = [
        target("draft", "alpha", "operating_revenue", 100, "c", superseded_by="revised"),
        target("revised", "alpha", "operating_revenue", 70, "b"),
    ]
    ds = dataset(metrics, targets)
    outcome = cell(ds, "alpha", "outcome_2025")
    assert (outcome["count"], outcome["met"], outcome["missed"]) == (1, 1, 0)
    assert cell(ds, "alpha", "target_2025")["count"] == 2, "both stay in the target column"
    real = load_dataset()
    counts = overview.target_counts(real, Filters())
    cells = coverage.coverage_cells(real)
    outcomes = cells[cells["column"] == "outcome_2025"]
    # The grid counts the province-level ones among the targets the Overview counts: never more.
    assert outcomes["missed"].sum() <= counts["missed"] and outcomes["met"].sum() <= counts["met"]


def test_outcome_is_filled_exactly_for_met_and_missed_targets():
    metrics = [
        metric("alpha", "operating_revenue", "2021", 50, "c"),
        metric("alpha", "operating_revenue", "2025", 120, "b"),
        metric("beta", "added_value", "2021", 50, "c"),
        metric("beta", "added_value", "2025", 80, "c"),
        metric("gamma", "output_value", "2021", 50, "a"),
        metric("gamma", "output_value", "2023", 60, "a"),
    ]
    targets = [
        target("met", "alpha", "operating_revenue", 100, "c"),
        target("missed", "beta", "added_value", 100, "b"),
        target("open", "gamma", "output_value", 100, "a"),
        target("nothing", "delta", "output_value", 100, "a"),
    ]
    ds = dataset(metrics, targets)
    observed = growth.with_reliability(ds.metrics, ds.sources)
    statuses = {
        row["scope"]: growth.evaluate(row, growth.same_measure(row, observed)).status
        for _, row in ds.targets.iterrows()
    }
    assert statuses == {"alpha": "met", "beta": "missed", "gamma": "behind", "delta": "no_data"}
    filled = {cluster for cluster in statuses if cell(ds, cluster, "outcome_2025")["fill"] != "none"}
    assert filled == {"alpha", "beta"}
    met = cell(ds, "alpha", "outcome_2025")
    assert (met["met"], met["missed"], met["tier"]) == (1, 0, "B")  # the settling figure's source, not the plan's
    assert coverage.cell_text(met, "en") == "1 · revenue · met · B"
    assert coverage.short_text(met, "zh").splitlines() == ["1 · B", t("status.met", "zh")]
    assert coverage.summary(ds)["settled"] == 2


def test_summary_counts_recent_and_stale_clusters():
    ds = dataset(
        [
            metric("alpha", "operating_revenue", "2024", 1, "a"),
            metric("beta", "operating_revenue", "2022", 1, "a"),
            metric("gamma", "operating_revenue", "2021", 1, "a"),
            metric("delta", "operating_revenue", "2025H1", 1, "a"),
            # A 2024 growth rate is not a size figure: it does not make beta a cluster with a recent figure.
            metric("beta", "operating_revenue_growth_pct", "2024", 5, "a"),
        ]
    )
    assert coverage.summary(ds) == {"clusters": 4, "recent": 1, "stale": 2, "settled": 0}
    assert coverage.takeaway(ds, "zh").startswith("4 个集群中，1 个")
    # The sentence says which figures it counts (a reader found a 2024 growth rate and counted one more).
    assert "revenue, output or added value" in coverage.takeaway(ds, "en")
    assert "收入、产值或增加值" in coverage.takeaway(ds, "zh")


def test_table_has_a_row_per_cluster_pillar_first_and_headings_in_each_language():
    clusters = [
        ("e1", "E one", "新一", "emerging"),
        ("p1", "P one", "支一", "pillar"),
        ("p2", "P two", "支二", "pillar"),
    ]
    ds = dataset([metric("e1", "operating_revenue", "2020", 1, "a")], clusters=clusters)
    table = coverage.coverage_table(ds, "en")
    assert table["cluster_id"].tolist() == ["p1", "p2", "e1"]
    assert list(table.columns[3:]) == list(coverage.COLUMNS)
    assert table.loc[table["cluster_id"] == "e1", "2020"].item() == "1 · revenue · A"
    labelled = coverage.labelled_table(coverage.coverage_table(ds, "zh"), "zh")
    assert list(labelled.columns[:4]) == ["集群", "类别", "2019年基数", "2019年"]
    assert labelled["集群"].tolist() == ["支一", "支二", "新一"]


def test_works_without_the_new_release_columns():
    ds = dataset(
        [metric("alpha", "operating_revenue", "2024", 1, "b")], [target("t", "alpha", "operating_revenue", 2, "b")]
    )
    assert "definition" not in ds.metrics and "superseded_by" not in ds.targets
    assert cell(ds, "alpha", "2024")["fill"] == "B"
    assert cell(ds, "alpha", "target_2025")["superseded"] == 0


def test_text_rendering_aligns_chinese_and_latin_columns():
    text = coverage.render_text(pd.DataFrame({"集群": ["智能家电", "Ab"], "2019年": ["2 · A", "—"]}))
    header, rule, *rows = text.splitlines()
    starts = [
        plain_text._width(line[: line.index(value)])
        for line, value in zip([header, *rows], ["2019年", "2 ·", "—"], strict=True)
    ]
    assert starts == [plain_text._width("智能家电  ")] * 3, text
    assert rule.split() == ["-" * 8, "-" * 6]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heat_map_legend_names_every_fill_in_the_language(lang):
    ds = dataset(
        [metric("alpha", "operating_revenue", "2024", 1, "a"), metric("beta", "added_value", "2021H1", 1, "b")]
    )
    frame = coverage.chart_frame(ds, lang)
    spec = coverage.coverage_chart(frame, lang).to_dict()
    (color,) = [layer["encoding"]["color"] for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    assert color["scale"]["domain"] == [t(f"coverage.fill_{fill}", lang) for fill in coverage.FILLS]
    assert set(frame["fill_label"]) <= set(color["scale"]["domain"])
    assert MISSING_MARK.split("{")[0] not in str(spec)
    headings = chart._heading_lines([coverage.column_label(column, lang) for column in coverage.COLUMNS])
    two_lines = {"en": ["2025", "target"], "zh": ["2025年", "目标"]}[lang]
    assert headings[coverage.column_label("target_2025", lang)] == two_lines
    assert headings[coverage.column_label("2021", lang)] == [coverage.column_label("2021", lang)]  # one line
    assert len(frame) == 4 * len(coverage.COLUMNS)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_screen_the_legend_is_a_chart_of_its_own_that_names_every_fill(lang):
    ds = dataset([metric("alpha", "operating_revenue", "2024", 1, "a")])
    frame = coverage.chart_frame(ds, lang)
    screen = coverage.coverage_chart(frame, lang, legend=False).to_dict()
    (color,) = [layer["encoding"]["color"] for layer in screen["layer"] if layer["mark"]["type"] == "rect"]
    assert color["legend"] is None
    legend = coverage.coverage_legend(lang).to_dict()
    labels = [row["label"] for row in legend["data"]["values"]]
    assert labels == [t(f"coverage.fill_{fill}", lang) for fill in coverage.FILLS]
    assert [row["fill"] for row in legend["data"]["values"]] == [chart.FILL_COLOURS[f] for f in coverage.FILLS]
    # The colours are the grid's own.
    assert color["scale"]["range"] == [chart.FILL_COLOURS[f] for f in coverage.FILLS]


def test_cli_prints_a_row_per_cluster(monkeypatch, capsys):
    ds = dataset([metric("alpha", "operating_revenue", "2024", 1, "a")])
    monkeypatch.setattr(cli, "load_dataset", lambda folder: ds)
    assert coverage.main(["anywhere"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for name in ds.clusters["name_en"]:
        assert len([line for line in lines if line.startswith(name + " ")]) == 1, name
    assert t("coverage.legend_line", "en") in lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_bundled_grid_names_every_measure_in_the_language(lang):
    table = coverage.coverage_table(load_dataset(), lang)
    untranslated = sorted(
        {cell for column in coverage.COLUMNS for cell in table[column] if MISSING_MARK.split("{")[0] in cell}
    )
    assert untranslated == []


def run_cli(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gdclusters.coverage", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_on_the_bundled_data_prints_every_cluster(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    result = run_cli(folder)
    assert result.returncode == 0, result.stderr
    with open(folder / "clusters.csv", encoding="utf-8") as handle:
        names = [row["name_en"] for row in csv.DictReader(handle)]
    lines = result.stdout.splitlines()
    assert all(len([line for line in lines if line.startswith(name + " ")]) == 1 for name in names)
    assert "Traceback" not in result.stderr


def test_cli_on_a_broken_copy_exits_1_with_the_validation_messages(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "metrics.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("value")] = "lots"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = run_cli(folder)
    assert result.returncode == 1
    assert "metrics.csv" in result.stderr and "'value'" in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
