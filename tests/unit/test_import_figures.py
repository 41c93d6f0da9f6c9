"""scripts/import_figures_2026.py keeps the Chinese twins (X_zh right after X or X_en) of what it writes.

Every English working text the import writes gets the Chinese twin data/ holds for the same English text; an
English text with no known twin stops the import (table, column and text named) instead of shipping English only.
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "import_figures_2026.py"


def _load_script():
    name = "import_figures_2026"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


imp = _load_script()

NOTE_HEADER = ["scope", "metric", "period", "adcode", "source_id", "note", "note_zh"]
MARKED = "Read as the 2025 level. [figures-2026.csv line 4]"
MARKED_ZH = "按2025年水平理解。[figures-2026.csv 第4行]"


def _metrics(*rows: dict[str, str]):
    return imp.CsvTable(list(NOTE_HEADER), [dict.fromkeys(NOTE_HEADER, "") | row for row in rows])


def _row(note: str, note_zh: str = "", period: str = "2025") -> dict[str, str]:
    return {
        "scope": "all_20",
        "metric": "added_value",
        "period": period,
        "source_id": "s1",
        "note": note,
        "note_zh": note_zh,
    }


def test_twin_columns_are_the_validator_pairs():
    header = ["label_en", "label_zh", "description", "description_zh", "note", "quote", "note_zh", "plan", "plan_zh"]
    assert imp.twin_columns(header) == [
        ("label_en", "label_zh"),
        ("description", "description_zh"),
        ("plan", "plan_zh"),
    ]


def test_a_rewritten_row_gets_the_twin_of_its_english_text():
    tables = {"metrics": _metrics(_row(MARKED, MARKED_ZH))}
    twins = imp.Twins.of(tables)
    imp.merge(tables["metrics"], "metrics", [_row(MARKED) | {"note_zh": ""}], [])  # made rows carry no twin
    twins.fill(tables)
    assert [r["note_zh"] for r in tables["metrics"].rows] == [MARKED_ZH]


def test_identical_english_elsewhere_gives_the_twin():
    other = _row(MARKED, MARKED_ZH, period="2024")
    tables = {"metrics": _metrics(other, _row(MARKED, ""))}
    imp.Twins.of(tables).fill(tables)
    assert [r["note_zh"] for r in tables["metrics"].rows] == [MARKED_ZH, MARKED_ZH]


def test_an_english_text_without_a_known_twin_stops_the_import():
    new_note = "A new note nobody translated. [figures-2026.csv line 9]"
    tables = {"metrics": _metrics(_row(MARKED, MARKED_ZH))}
    twins = imp.Twins.of(tables)
    tables["metrics"].rows.append(dict.fromkeys(NOTE_HEADER, "") | _row(new_note, period="2024"))
    with pytest.raises(SystemExit, match=r"metrics\.note_zh") as stopped:
        twins.fill(tables)
    assert new_note in str(stopped.value) and "TRANSLATIONS" in str(stopped.value)


def test_translations_supply_the_twin_of_a_new_text(monkeypatch):
    new_note = "A new note. [figures-2026.csv line 9]"
    monkeypatch.setattr(imp, "TRANSLATIONS", {new_note: "新的说明。[figures-2026.csv 第9行]"})
    tables = {"metrics": _metrics(_row(new_note))}
    imp.Twins.of(tables).fill(tables)
    assert tables["metrics"].rows[0]["note_zh"] == "新的说明。[figures-2026.csv 第9行]"


def test_conflicting_twins_in_data_stop_the_import():
    tables = {"metrics": _metrics(_row(MARKED, MARKED_ZH), _row(MARKED, "另一个译文", period="2024"))}
    twins = imp.Twins.of(tables)
    tables["metrics"].rows.append(dict.fromkeys(NOTE_HEADER, "") | _row(MARKED, period="2023"))
    with pytest.raises(SystemExit, match="different Chinese twins"):
        twins.fill(tables)


def test_an_audit_fix_of_the_english_drops_the_stale_twin():
    table = _metrics(_row("Old wording.", "旧的措辞。"))
    tables = {"metrics": table}
    twins = imp.Twins.of(tables)
    key = ("all_20", "added_value", "2025", "", "s1")
    imp.set_fields(table, "metrics", {key: {"note": "New wording."}}, [])
    assert table.rows[0]["note_zh"] == ""  # not the Chinese of the old text
    with pytest.raises(SystemExit, match="New wording"):
        twins.fill(tables)


def test_a_fix_that_leaves_the_english_as_it_is_keeps_the_twin():
    table = _metrics(_row("Same wording.", "同样的措辞。"))
    imp.set_fields(table, "metrics", {("all_20", "added_value", "2025", "", "s1"): {"note": "Same wording."}}, [])
    assert table.rows[0]["note_zh"] == "同样的措辞。"


def test_rebuilt_metric_definitions_keep_description_zh(monkeypatch):
    monkeypatch.setattr(imp, "NEW_METRIC_DEFINITIONS", imp.NEW_METRIC_DEFINITIONS[:1])
    metric, unit, label_en, label_zh, family, description = imp.NEW_METRIC_DEFINITIONS[0]
    header = ["metric", "unit", "label_en", "label_zh", "family", "description", "description_zh"]
    existing = dict(zip(header, [metric, unit, label_en, label_zh, family, description, "中文说明。"], strict=True))
    tables = {"metric_definitions": imp.CsvTable(header, [existing])}
    importer = imp.Importer([], tables)
    importer.metric_definitions()
    importer.twins.fill(tables)
    assert tables["metric_definitions"].rows[0]["description_zh"] == "中文说明。"


@pytest.fixture(scope="module")
def rerun():
    """The import run in memory (nothing written) on the repository's data/, with the tables as read."""
    if not imp.DEFAULT_RESEARCH.is_file():
        # As for the seed documents (tests/contract/test_data_contract.py): CI must run it, a laptop may not have it.
        if os.environ.get("CI") == "true":
            pytest.fail(f"research file not found at {imp.DEFAULT_RESEARCH}: CI must rerun the import")
        pytest.skip(f"research file not here: {imp.DEFAULT_RESEARCH}")
    research, before = imp.load(imp.DEFAULT_RESEARCH, imp.DEFAULT_DATA)
    research, tables = imp.load(imp.DEFAULT_RESEARCH, imp.DEFAULT_DATA)
    imp.Importer(research, tables).run()
    return before, tables


def test_rerun_on_data_drops_no_twin(rerun):
    before, after = rerun
    for name, table in after.items():
        known = {
            (english, row[english]): row[chinese]
            for english, chinese in imp.twin_columns(before[name].header)
            for row in before[name].rows
            if row[english]
        }
        for english, chinese in imp.twin_columns(table.header):
            for row in table.rows:
                if row[english]:
                    assert row[chinese], f"{name}.{chinese} empty for '{row[english][:60]}'"
                    if (english, row[english]) in known:
                        assert row[chinese] == known[english, row[english]], f"{name}.{chinese} changed"


def test_rerun_on_data_is_byte_identical(rerun):
    _, after = rerun
    for name, table in after.items():
        path = imp.DEFAULT_DATA / f"{name}.csv"
        if path.is_file():
            assert imp.csv_text(table) == path.read_bytes().decode("utf-8"), f"{name}.csv would change"
