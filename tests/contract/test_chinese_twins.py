"""Chinese twins of the working texts: validation catches a missing, copied or non-Chinese twin, and a misplaced one.

The pairs the rule checks come from data/datapackage.json (a field named X_zh right after X or X_en), so each
test breaks a copy of the data folder and reads the message the validator gives for it.
"""

import json
from pathlib import Path

from gdclusters.paths import DATA_DIR, DESCRIPTOR_NAME
from gdclusters.validation import translated_columns, validate_folder
from tests.support.data_files import read_rows, write_rows

# The working texts issue 15 names (role and base details, metric and scope descriptions, region bases, plan
# names, notes shown on screen), each with the Chinese twin the interface shows in Chinese.
WORKING_TEXTS = {
    ("metrics", "note", "note_zh"),
    ("statements", "note", "note_zh"),
    ("trillion_members", "note", "note_zh"),
    ("regions", "basis", "basis_zh"),
    ("scopes", "description", "description_zh"),
    ("cluster_cities", "role_detail", "role_detail_zh"),
    ("cluster_regions", "role_detail", "role_detail_zh"),
    ("plan_bases_2016_2020", "base_detail", "base_detail_zh"),
    ("sources", "note", "note_zh"),
    ("targets", "plan", "plan_zh"),
    ("targets", "note", "note_zh"),
    ("metric_definitions", "description", "description_zh"),
}


def set_cell(folder: Path, file: str, column: str, value: str, row: int = 0) -> int:
    """Set one cell and return the line the validator names for that row (header = line 1)."""
    header, rows = read_rows(folder / file)
    rows[row][header.index(column)] = value
    write_rows(folder / file, header, rows)
    return row + 2


def messages(folder: Path) -> list[str]:
    return [str(issue) for issue in validate_folder(folder).issues]


def descriptor(folder: Path) -> dict:
    return json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def test_the_rule_checks_every_working_text_named_by_the_issue():
    pairs = set(translated_columns(descriptor(DATA_DIR)))
    assert pairs >= WORKING_TEXTS, sorted(WORKING_TEXTS - pairs)
    # Names and summaries already had twins: the same rule covers them.
    assert ("cities", "name_en", "name_zh") in pairs
    assert not any(english == chinese for _, english, chinese in pairs)


def test_an_empty_twin_names_file_line_column_and_the_english_text(data_copy):
    line = set_cell(data_copy, "cluster_cities.csv", "role_detail_zh", "")
    detail = read_rows(data_copy / "cluster_cities.csv")[1][0][3]
    assert detail, "the first cluster_cities row has an English role_detail"
    found = [m for m in messages(data_copy) if "role_detail_zh" in m]
    assert found == [
        f"cluster_cities.csv, line {line}, column 'role_detail_zh': is empty but 'role_detail' says "
        f"'{detail}': add its Chinese translation (every English working text needs its Chinese twin, shown in "
        "the Chinese interface)."
    ]


def test_an_empty_english_text_needs_no_twin(data_copy):
    header, rows = read_rows(data_copy / "cluster_cities.csv")
    rows[0][header.index("role_detail")] = ""
    rows[0][header.index("role_detail_zh")] = ""
    write_rows(data_copy / "cluster_cities.csv", header, rows)
    assert messages(data_copy) == []


def test_a_copy_of_the_english_is_not_a_translation(data_copy):
    header, rows = read_rows(data_copy / "plan_bases_2016_2020.csv")
    english = rows[1][header.index("base_detail")]
    line = set_cell(data_copy, "plan_bases_2016_2020.csv", "base_detail_zh", english, row=1)
    found = messages(data_copy)
    assert any(
        m.startswith(f"plan_bases_2016_2020.csv, line {line}, column 'base_detail_zh': is a copy of 'base_detail'")
        for m in found
    ), found


def test_a_twin_without_chinese_characters_is_reported(data_copy):
    line = set_cell(data_copy, "regions.csv", "basis_zh", "Shenzhen, Dongguan and Huizhou (translated later)", row=1)
    found = messages(data_copy)
    assert f"regions.csv, line {line}, column 'basis_zh': 'Shenzhen, Dongguan and Huizhou (translated later)' " in (
        " ".join(found)
    ), found
    assert any("has no Chinese characters" in m for m in found)


def test_chinese_with_latin_names_and_numbers_is_fine(data_copy):
    set_cell(data_copy, "regions.csv", "basis_zh", "深圳、东莞和惠州(PRD east bank, 3 cities)", row=1)
    assert messages(data_copy) == []


def test_a_new_twin_in_the_descriptor_is_checked_without_changing_the_rule(data_copy):
    package = descriptor(data_copy)
    scopes = next(r for r in package["resources"] if r["name"] == "scopes")
    position = next(i for i, f in enumerate(scopes["schema"]["fields"]) if f["name"] == "kind")
    scopes["schema"]["fields"][position + 1 : position + 1] = [
        {"name": "kind_zh", "type": "string", "description": "Chinese twin of kind (test)."}
    ]
    (data_copy / DESCRIPTOR_NAME).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    header, rows = read_rows(data_copy / "scopes.csv")
    at = header.index("kind") + 1
    write_rows(
        data_copy / "scopes.csv", [*header[:at], "kind_zh", *header[at:]], [[*r[:at], "", *r[at:]] for r in rows]
    )
    found = messages(data_copy)
    assert len([m for m in found if "column 'kind_zh': is empty but 'kind' says" in m]) == len(rows), found


def test_a_twin_away_from_its_english_column_is_reported(data_copy):
    package = descriptor(data_copy)
    regions = next(r for r in package["resources"] if r["name"] == "regions")
    fields = regions["schema"]["fields"]
    twin = next(f for f in fields if f["name"] == "name_zh")
    fields.remove(twin)
    fields.append(twin)
    (data_copy / DESCRIPTOR_NAME).write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    header, rows = read_rows(data_copy / "regions.csv")
    at = header.index("name_zh")
    reorder = [i for i in range(len(header)) if i != at] + [at]
    write_rows(data_copy / "regions.csv", [header[i] for i in reorder], [[r[i] for i in reorder] for r in rows])
    assert messages(data_copy) == [
        "datapackage.json, column 'name_zh': field 'name_zh' of regions is the Chinese twin of 'name_en': "
        "place it immediately after 'name_en'."
    ]


def test_a_name_that_reads_the_same_may_be_its_own_twin_but_an_english_note_may_not(data_copy):
    header, rows = read_rows(data_copy / "sources.csv")
    publisher, twin = header.index("publisher"), header.index("publisher_zh")
    # A web address, or Chinese with one: the same text in both languages.
    for row, name in ((0, "aiiaw.com"), (1, "经济日报-中国经济网 (ce.cn)")):
        rows[row][publisher] = rows[row][twin] = name
    # An English note copied, or left untranslated beside a web address: reported.
    rows[2][publisher] = rows[2][twin] = "pangyixiu.cn (repost)"
    rows[3][publisher], rows[3][twin] = (
        "Reportify (reportify.cn, aggregator)",
        "Reportify (reportify.cn, aggregator site)",
    )
    # A name that reads the same, given a twin with an English note: reported.
    rows[4][publisher], rows[4][twin] = "aiiaw.com", "aiiaw.com (repost)"
    write_rows(data_copy / "sources.csv", header, rows)
    found = [m for m in messages(data_copy) if "publisher_zh" in m]
    assert len(found) == 3, found
    assert "line 6, column 'publisher_zh': 'aiiaw.com (repost)' has no Chinese characters" in found[2]
    assert "line 4, column 'publisher_zh': is a copy of 'publisher'" in found[0]
    assert (
        "line 5, column 'publisher_zh': 'Reportify (reportify.cn, aggregator site)' has no Chinese characters"
        in found[1]
    )


def test_the_publisher_has_a_chinese_twin_that_the_rule_checks():
    pairs = set(translated_columns(descriptor(DATA_DIR)))
    assert ("sources", "publisher", "publisher_zh") in pairs
