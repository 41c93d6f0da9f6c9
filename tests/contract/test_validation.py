"""The validation command: each rule catches a broken copy of the data, and nothing is ever written."""

import hashlib
import json
from pathlib import Path

import pytest

from gdclusters import validate
from gdclusters.paths import DATA_DIR
from gdclusters.validation import validate_folder
from tests.support.data_files import read_rows, write_rows


def set_cell(folder: Path, file: str, column: str, value: str, row: int = 0):
    header, rows = read_rows(folder / file)
    rows[row][header.index(column)] = value
    write_rows(folder / file, header, rows)


def messages(folder: Path):
    return [str(issue) for issue in validate_folder(folder).issues]


def digest(folder: Path):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_bundled_data_is_valid():
    report = validate_folder(DATA_DIR)
    assert report.ok, "\n".join(map(str, report.issues))
    assert len(report.tables) == len(report.descriptor["resources"])


@pytest.mark.parametrize(
    ("file", "column", "value", "expected"),
    [
        (
            "cluster_cities.csv",
            "cluster_id",
            "no_such_cluster",
            "'no_such_cluster' is not a known cluster_id in clusters.csv",
        ),
        ("cluster_cities.csv", "adcode", "449999", "'449999' is not a known adcode in cities.csv"),
        ("metrics.csv", "source_id", "nowhere-2020", "'nowhere-2020' is not a known source_id in sources.csv"),
        ("metrics.csv", "unit", "bn", "'bn' is not allowed; expected one of"),
        ("metrics.csv", "qualifier", "roughly", "'roughly' is not allowed"),
        ("metrics.csv", "value", "1.5万亿", "'1.5万亿' is not a number"),
        ("metrics.csv", "quote", "", "is empty but required"),
        ("metrics.csv", "source_id", "", "is empty but required"),
        ("targets.csv", "target_year", "2025.5", "is not a whole number"),
        ("targets.csv", "scope", "all_21", "'all_21' is neither a cluster_id"),
        ("cities.csv", "region", "pearl_river", "'pearl_river' is not allowed"),
        ("clusters.csv", "output_floor_2023_bn_yuan", "250", "'250' is not allowed"),
    ],
)
def test_each_broken_cell_is_named_with_file_line_and_column(data_copy, file, column, value, expected):
    set_cell(data_copy, file, column, value)
    found = messages(data_copy)
    assert any(m.startswith(f"{file}, line 2, column '{column}'") and expected in m for m in found), found


def test_unit_must_match_the_metric_definition(data_copy):
    header, rows = read_rows(data_copy / "metrics.csv")
    unit_col = header.index("unit")
    row = next(i for i, r in enumerate(rows) if r[unit_col] == "bn_yuan")
    set_cell(data_copy, "metrics.csv", "unit", "pct", row)
    assert any(f"line {row + 2}, column 'unit'" in m and "does not match metric" in m for m in messages(data_copy))


def test_duplicate_rows_are_reported(data_copy):
    header, rows = read_rows(data_copy / "cluster_cities.csv")
    write_rows(data_copy / "cluster_cities.csv", header, [*rows, rows[0]])
    found = messages(data_copy)
    assert any("cluster_cities.csv" in m and "duplicate" in m and "line 2" in m for m in found), found


def test_duplicate_city_and_wrong_count(data_copy):
    header, rows = read_rows(data_copy / "cities.csv")
    write_rows(data_copy / "cities.csv", header, rows[:-1])
    assert any("cities.csv: has 20 rows; expected exactly 21" in m for m in messages(data_copy))


def test_missing_column(data_copy):
    header, rows = read_rows(data_copy / "metrics.csv")
    drop = header.index("qualifier")
    write_rows(
        data_copy / "metrics.csv",
        [h for i, h in enumerate(header) if i != drop],
        [[v for i, v in enumerate(r) if i != drop] for r in rows],
    )
    assert (
        "metrics.csv, line 1, column 'qualifier': required column is missing from the header. "
        "Add it (it may be empty where the description allows)." in messages(data_copy)
    )


def test_undescribed_column(data_copy):
    header, rows = read_rows(data_copy / "sources.csv")
    write_rows(data_copy / "sources.csv", [*header, "extra"], [[*r, "x"] for r in rows])
    assert any("column 'extra': column is not described in datapackage.json" in m for m in messages(data_copy))


def test_missing_empty_and_oversized_files(data_copy):
    (data_copy / "targets.csv").unlink()
    (data_copy / "regions.csv").write_text("", encoding="utf-8")
    with open(data_copy / "metrics.csv", "ab") as handle:
        handle.write(b"x" * (50 * 1024 * 1024))
    found = messages(data_copy)
    assert any(m.startswith("targets.csv: file is missing") for m in found)
    assert any(m.startswith("regions.csv: file is empty") for m in found)
    assert any(m.startswith("metrics.csv: file is 5") and "the limit is 5 MB" in m for m in found)


def test_non_utf8_file_names_the_line(data_copy):
    text = (data_copy / "clusters.csv").read_text(encoding="utf-8")
    (data_copy / "clusters.csv").write_bytes(text.encode("gb18030"))
    found = messages(data_copy)
    assert any(m.startswith("clusters.csv, line 2: is not valid UTF-8") for m in found), found


def test_malformed_csv_row(data_copy):
    with open(data_copy / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write("only,three,fields\n")
    assert any("sources.csv, line" in m and "has 3 fields but the header has" in m for m in messages(data_copy))


def test_descriptor_missing(data_copy):
    (data_copy / "datapackage.json").unlink()
    assert messages(data_copy)[0].startswith("datapackage.json: missing")


@pytest.mark.parametrize("version", [None, "", "2026-12", "2026.13.0", "v2026.12.0", "2026.12.0-beta", 2026.12])
def test_descriptor_version_must_be_a_data_release(data_copy, version):
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    if version is None:
        del descriptor["version"]
    else:
        descriptor["version"] = version
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    found = messages(data_copy)
    assert any(m.startswith("datapackage.json, column 'version'") and "2026.12.0" in m for m in found), found


def test_qualitative_target_rules(data_copy):
    header, rows = read_rows(data_copy / "targets.csv")
    q = header.index("qualitative")
    row = next(i for i, r in enumerate(rows) if r[q] == "false")
    rows[row][header.index("target_value")] = ""
    rows[row][header.index("target_annual_growth_pct")] = ""
    write_rows(data_copy / "targets.csv", header, rows)
    assert any(f"targets.csv, line {row + 2}" in m and "non-qualitative target needs" in m for m in messages(data_copy))


def test_validation_never_modifies_files(data_copy, capsys):
    set_cell(data_copy, "metrics.csv", "unit", "bn")
    (data_copy / "regions.csv").write_bytes(b"\xff\xfe broken")
    before = digest(data_copy)
    assert validate.main([str(data_copy)]) == 1
    assert digest(data_copy) == before
    err = capsys.readouterr().err
    assert "metrics.csv, line 2, column 'unit'" in err and "Traceback" not in err


def test_command_reports_ok_on_bundled_data(capsys):
    assert validate.main([str(DATA_DIR)]) == 0
    assert capsys.readouterr().out.startswith("OK:")


# --- Rules added with the 2026-12 data release (each on a broken copy) ---------------------------------------


def row_where(folder: Path, file: str, **match) -> int:
    """Index of the first data row whose cells equal match."""
    header, rows = read_rows(folder / file)
    return next(i for i, r in enumerate(rows) if all(r[header.index(k)] == v for k, v in match.items()))


def test_tier_a_needs_a_government_site(data_copy):
    row = row_where(data_copy, "sources.csv", reliability="A")
    set_cell(data_copy, "sources.csv", "url", "https://www.example.com/plan.html", row)
    found = messages(data_copy)
    assert any(
        f"sources.csv, line {row + 2}, column 'reliability': tier A is only for a government site" in m
        and "www.example.com" in m
        for m in found
    ), found


def test_a_government_page_may_be_tier_a(data_copy):
    row = row_where(data_copy, "sources.csv", reliability="A")
    set_cell(data_copy, "sources.csv", "url", "https://gdii.gd.gov.cn/x/post_1.html", row)
    set_cell(data_copy, "sources.csv", "mirror_of", "", row)
    assert not [m for m in messages(data_copy) if f"sources.csv, line {row + 2}" in m]


def test_a_mirror_is_never_tier_a_and_tier_b_only_when_checked(data_copy):
    row = row_where(data_copy, "sources.csv", reliability="A")
    set_cell(data_copy, "sources.csv", "mirror_of", "gd.gov.cn post_1", row)
    assert any(f"line {row + 2}" in m and "it is a mirror or repost" in m for m in messages(data_copy))
    set_cell(data_copy, "sources.csv", "reliability", "B", row)
    set_cell(data_copy, "sources.csv", "checked_against", "", row)
    assert any(
        f"line {row + 2}" in m and "only when it was checked against another copy" in m for m in messages(data_copy)
    )
    set_cell(data_copy, "sources.csv", "checked_against", "https://www.gd.gov.cn/post_1.html", row)
    assert not [m for m in messages(data_copy) if f"sources.csv, line {row + 2}" in m]


def test_percentage_points_are_not_percent(data_copy):
    row = row_where(data_copy, "metric_definitions.csv", unit="pp")
    set_cell(data_copy, "metric_definitions.csv", "unit", "pct", row)
    found = messages(data_copy)
    assert any(
        f"metric_definitions.csv, line {row + 2}, column 'unit'" in m and "percentage points" in m for m in found
    ), found


def test_superseded_by_must_name_a_target_of_the_same_scope(data_copy):
    header, rows = read_rows(data_copy / "targets.csv")
    col, scope = header.index("superseded_by"), header.index("scope")
    row = next(i for i, r in enumerate(rows) if r[col])
    set_cell(data_copy, "targets.csv", "superseded_by", "no-such-target", row)
    assert any(
        f"targets.csv, line {row + 2}, column 'superseded_by': 'no-such-target' is not a target_id" in m
        for m in messages(data_copy)
    )
    other = next(r[0] for r in rows if r[scope] != rows[row][scope])
    set_cell(data_copy, "targets.csv", "superseded_by", other, row)
    assert any(f"line {row + 2}" in m and "a successor must keep the scope" in m for m in messages(data_copy))


def test_supersession_cannot_loop(data_copy):
    header, rows = read_rows(data_copy / "targets.csv")
    col = header.index("superseded_by")
    row = next(i for i, r in enumerate(rows) if r[col])
    successor = next(i for i, r in enumerate(rows) if r[0] == rows[row][col])
    set_cell(data_copy, "targets.csv", "superseded_by", rows[row][0], successor)
    assert any("superseded_by forms a cycle" in m for m in messages(data_copy))


def test_a_range_needs_both_ends_in_order(data_copy):
    row = row_where(data_copy, "targets.csv", comparator="between")
    header, rows = read_rows(data_copy / "targets.csv")
    low = rows[row][header.index("target_value")]
    set_cell(data_copy, "targets.csv", "target_value_max", str(float(low) - 1), row)
    assert any(f"line {row + 2}" in m and "is below target_value" in m for m in messages(data_copy))
    set_cell(data_copy, "targets.csv", "target_value_max", "", row)
    assert any(f"line {row + 2}" in m and "comparator 'between' needs both" in m for m in messages(data_copy))
    other = row_where(data_copy, "targets.csv", comparator="exceed")
    set_cell(data_copy, "targets.csv", "target_value_max", "9", other)
    assert any(f"line {other + 2}" in m and "only for a range" in m for m in messages(data_copy))


# --- metrics.period_basis (release 2026.12.4) -----------------------------------------------------------------


def period_basis_issues(folder: Path, row: int) -> list[str]:
    return [m for m in messages(folder) if f"metrics.csv, line {row + 2}, column 'period_basis'" in m]


def test_period_basis_quote_needs_the_year_in_the_quote(data_copy):
    row = row_where(data_copy, "metrics.csv", period_basis="quote")
    header, rows = read_rows(data_copy / "metrics.csv")
    year = rows[row][header.index("period")][:4]
    set_cell(data_copy, "metrics.csv", "quote", "The industry grew strongly, the bureau said.", row)
    found = period_basis_issues(data_copy, row)
    assert len(found) == 1 and f"does not write the year {year}" in found[0] and "'published'" in found[0], found
    for duration in (f"近{year[2:]}年来", f"经过{year[2:]}年", f"{year[2:]}年前", f"产值{year}亿元", f"the {year}s"):
        set_cell(data_copy, "metrics.csv", "quote", f"{duration} the industry grew.", row)
        assert period_basis_issues(data_copy, row), f"{duration!r} does not write the year {year}"
    for written in (
        f"In {year}, it grew.",
        f"{year[2:]}年の生産台数",
        year.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "年",
        year.translate(str.maketrans("0123456789", "〇一二三四五六七八九")) + "年",
    ):
        set_cell(data_copy, "metrics.csv", "quote", written, row)
        assert not period_basis_issues(data_copy, row), f"{written!r} writes the year"
    set_cell(data_copy, "metrics.csv", "quote", f"1{year}0 units", row)
    assert period_basis_issues(data_copy, row), "a year inside a longer number is not the year"


def test_period_basis_published_needs_a_publication_year_that_fits(data_copy):
    row = row_where(data_copy, "metrics.csv", period_basis="published")
    header, rows = read_rows(data_copy / "metrics.csv")
    source, year = rows[row][header.index("source_id")], int(rows[row][header.index("period")][:4])
    assert not period_basis_issues(data_copy, row)
    source_row = row_where(data_copy, "sources.csv", source_id=source)
    set_cell(data_copy, "metrics.csv", "quote", "去年营收达到1000亿元。", row)
    set_cell(data_copy, "sources.csv", "published", str(year + 1), source_row)
    assert not period_basis_issues(data_copy, row), "去年 in a source of the following year"
    set_cell(data_copy, "sources.csv", "published", f"{year + 2}-03-01", source_row)
    found = period_basis_issues(data_copy, row)
    assert found and f"said in {year + 2}" in found[0] and f"not {year}" in found[0], found
    set_cell(data_copy, "sources.csv", "published", "", source_row)
    found = period_basis_issues(data_copy, row)
    assert found and f"source '{source}' has no publication year" in found[0], found


def test_period_basis_published_needs_a_period_given_relative_to_its_date(data_copy):
    row = row_where(data_copy, "metrics.csv", period_basis="published")
    header, rows = read_rows(data_copy / "metrics.csv")
    source, year = rows[row][header.index("source_id")], int(rows[row][header.index("period")][:4])
    set_cell(
        data_copy, "sources.csv", "published", f"{year}-08-18", row_where(data_copy, "sources.csv", source_id=source)
    )
    set_cell(data_copy, "metrics.csv", "quote", "Revenue reached 100 billion yuan, the bureau said.", row)
    found = period_basis_issues(data_copy, row)
    assert found and "gives no period relative to when it was said" in found[0], found
    set_cell(data_copy, "metrics.csv", "quote", "上半年,营收达到1000亿元。", row)
    assert not period_basis_issues(data_copy, row), "上半年 said in the period's year"
    set_cell(data_copy, "metrics.csv", "quote", "去年营收达到1000亿元。", row)
    found = period_basis_issues(data_copy, row)
    assert found and f"falls in {year - 1}, not {year}" in found[0], "去年 said in the period's year is the year before"
    for relative in ("比上年增长12%。", "10月30日记者获悉,营收增长。", "Revenue May reach 100 billion yuan."):
        set_cell(data_copy, "metrics.csv", "quote", relative, row)
        found = period_basis_issues(data_copy, row)
        assert found and "gives no period relative" in found[0], f"{relative!r} is no period said relative to its date"
    for relative in ("前10个月,营收增长。", "In the first three quarters, revenue grew.", "Q1 output rose."):
        set_cell(data_copy, "metrics.csv", "quote", relative, row)
        assert not period_basis_issues(data_copy, row), f"{relative!r} gives the period in the year it was said"
    set_cell(data_copy, "metrics.csv", "quote", f"{year}年上半年,营收增长。", row)
    found = period_basis_issues(data_copy, row)
    assert found and f"the quote writes the year {year}: use 'quote'" in found[0], found


def test_a_context_row_may_write_a_year_that_belongs_to_another_clause(data_copy):
    """'目前规模已近2万亿,2023年收入增长…': the year is written, but for the growth clause; the scale's period is a
    reading. Only the converse is checked ('quote' needs the year)."""
    row = row_where(data_copy, "metrics.csv", period_basis="context")
    header, rows = read_rows(data_copy / "metrics.csv")
    year = rows[row][header.index("period")][:4]
    set_cell(data_copy, "metrics.csv", "quote", f"目前规模已近2万亿,{year}年收入、利润均保持两位数增长。", row)
    assert not period_basis_issues(data_copy, row)


def test_period_basis_is_one_of_three_values(data_copy):
    set_cell(data_copy, "metrics.csv", "period_basis", "guess", 0)
    assert any("metrics.csv, line 2, column 'period_basis'" in m and "guess" in m for m in messages(data_copy))
