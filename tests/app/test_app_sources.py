"""The Sources page in the running app (AppTest): the coverage section's chart, grid and table."""

import pytest

from gdclusters import coverage
from gdclusters.i18n import t
from tests.support.apptest import assert_healthy, chart_datasets, chart_specs, open_page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sources_page_shows_the_coverage_section(lang):
    at = open_page("sources", lang=lang, expand=True)
    assert_healthy(at, lang)
    assert t("coverage.section", lang) in [header.value for header in at.header]
    (spec,) = [spec for spec in chart_specs(at) if spec.get("title", {}).get("text") == t("coverage.chart_title", lang)]
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"][0] == t("coverage.fill_A", lang)
    cells = [rows for datasets in chart_datasets(at) for rows in datasets.values() if rows and "short_text" in rows[0]]
    assert len(cells) == 1 and len(cells[0]) == 20 * len(coverage.COLUMNS)
    (table,) = [table.value for table in at.table if t("coverage.col_base_2019", lang) in table.value.columns]
    assert len(table) == 20


def test_chinese_sources_page_states_the_licence_and_bracketed_counts_in_chinese():
    """The licence title came from datapackage.json in English; the coverage cells bracketed '+N' with '( )'."""
    at = open_page("sources", lang="zh", expand=True)
    assert_healthy(at, "zh")
    texts = [m.value for m in at.markdown]
    (line,) = [text for text in texts if text.startswith("许可：")]
    assert line.startswith("许可：CC\\-BY\\-4\\.0：") or line.startswith("许可：CC-BY-4.0："), line
    assert "Creative Commons" not in line and "fair use" not in line
    cells = [str(v) for table in at.table for v in table.value.to_numpy().ravel()]
    bracketed = [cell for cell in cells if "+" in cell and ("城市" in cell or "其他口径" in cell)]
    assert bracketed, "no coverage cell counts facts beside it"
    assert not [cell for cell in bracketed if "(" in cell or ")" in cell], bracketed[:5]
    assert any("（" in cell for cell in bracketed)
