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
