"""The City profile, Cluster profile, City × cluster matrix and Sources pages in the running app (AppTest)."""

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gdclusters import matrix_view, sources_view
from gdclusters.dataset import load_dataset
from gdclusters.i18n import format_value, t
from gdclusters.state import Filters
from gdclusters.text import escape_markdown
from tests.support.apptest import assert_healthy, chart_specs, open_lazy_expanders, open_page
from tests.support.city_rows import HOSTILE, make_city_figure_copy
from tests.support.hostile import RAW_MARKERS

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["city", "cluster", "matrix", "sources"]
TWO_CITIES = {"city": ["440300", "440100"]}


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.main.header]


def selectbox_keys(at: AppTest) -> set[str]:
    return {box.key for box in at.selectbox}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_default_state(page, lang):
    at = open_page(page, lang=lang)
    assert_healthy(at, lang)
    assert at.title[0].value == t(f"pages.{page}", lang)
    assert not at.warning, "no URL notice without parameters"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_city_and_cluster_parameters(page):
    at = open_page(page, {**TWO_CITIES, "cluster": ["new_energy"]})
    assert_healthy(at)
    assert at.multiselect(key="city").value == ["440300", "440100"]
    assert not at.warning


def test_city_page_without_a_city_filter_offers_a_picker():
    at = open_page("city")
    assert_healthy(at)
    assert "profile_city" in selectbox_keys(at)
    assert headers(at) == ["Guangzhou"]
    at.selectbox(key="profile_city").set_value("440300").run()
    assert_healthy(at)
    assert headers(at) == ["Shenzhen"]
    assert at.query_params.get("city", []) == [], "the page-local picker does not change the global filter"


def test_city_page_shows_the_filtered_cities_side_by_side():
    default = open_page("city")
    at = open_page("city", TWO_CITIES)
    assert_healthy(at)
    assert headers(at) == ["Shenzhen", "Guangzhou"]
    assert headers(at) != headers(default)
    assert "profile_city" not in selectbox_keys(at), "no picker when the sidebar names the cities"
    hosts = [
        frame.value
        for frame in at.dataframe
        if "role_detail" in frame.value.columns and "category_label" in frame.value.columns
    ]
    assert len(hosts) == 2
    shenzhen = hosts[0].set_index("cluster_id")
    assert shenzhen.loc["semiconductors_ic", "role"] == "core"
    assert set(hosts[0]["role"]) <= {"core", "base"}


def test_city_page_limits_the_side_by_side_view():
    cities = ["440100", "440200", "440300", "440400", "440500", "440600", "440700", "440800"]
    at = open_page("city", {"city": cities})
    assert_healthy(at)
    assert len(at.main.header) == 6
    assert t("city.too_many", "en", limit=6, n=2) in [i.value for i in at.info]


def test_cluster_page_follows_the_cluster_parameter():
    default = open_page("cluster")
    at = open_page("cluster", {"cluster": ["new_energy"]})
    assert_healthy(at)
    assert headers(at) == ["New energy"]
    assert headers(default) != headers(at)
    assert "profile_cluster" not in selectbox_keys(at), "one cluster in the filter needs no picker"
    titles = [spec.get("title", {}).get("text") for spec in chart_specs(at)]
    assert t("cluster.map_title", "en", name="New energy") in titles
    assert t("cluster.timeline_title", "en", name="New energy") in titles
    statuses = [frame.value for frame in at.dataframe if "status_code" in frame.value.columns]
    assert statuses and (statuses[0]["status"] != "").all()
    subheaders = [s.value for s in at.subheader]
    assert t("cluster.section_future", "en") in subheaders


def test_cluster_page_picks_among_several_filtered_clusters():
    at = open_page("cluster", {"cluster": ["automobiles", "new_energy"]})
    assert_healthy(at)
    picker = at.selectbox(key="profile_cluster")
    assert picker.options == ["Automobiles", "New energy"]
    assert headers(at) == ["Automobiles"]
    picker.set_value("new_energy").run()
    assert_healthy(at)
    assert headers(at) == ["New energy"]


def test_matrix_page_draws_every_pair_and_follows_filters():
    at = open_page("matrix")
    assert_healthy(at)
    (spec,) = chart_specs(at)
    rects = spec["layer"][0]
    assert rects["mark"]["type"] == "rect" and rects["encoding"]["color"]["field"] == "role_label"
    assert spec["width"] == "container", "the columns share the page's width (a phone's too)"
    view = matrix_view.matrix_view(load_dataset(), Filters(), "en")
    assert spec["description"] == matrix_view.takeaway(view, "en"), "the takeaway is the chart's text alternative"
    assert "21 cities × 20 clusters" in captions(at)
    assert [e.label for e in at.expander].count(t("a11y.table_twin", "en")) == 1, "the chart's table twin"
    filtered = open_page("matrix", {**TWO_CITIES, "category": ["emerging"]})
    assert_healthy(filtered)
    (filtered_spec,) = chart_specs(filtered)
    assert "2 cities × 10 clusters" in captions(filtered)
    assert sorted(filtered_spec["layer"][0]["encoding"]["y"]["sort"]) == ["Guangzhou", "Shenzhen"]
    assert "21 cities" not in captions(filtered)


def test_matrix_sort_changes_the_row_order():
    at = open_page("matrix")
    by_total = chart_specs(at)[0]["layer"][0]["encoding"]["y"]["sort"]
    at.radio(key="matrix_sort").set_value("name").run()
    assert_healthy(at)
    by_name = chart_specs(at)[0]["layer"][0]["encoding"]["y"]["sort"]
    assert by_name == sorted(by_name) and by_name != by_total
    assert set(by_name) == set(by_total)


def test_matrix_page_with_filters_that_match_nothing():
    at = open_page("matrix", {"city": ["441400"], "cluster": ["semiconductors_ic"], "region": ["coastal_west"]})
    assert_healthy(at)
    assert t("notices.empty_result", "en") in [i.value for i in at.info]
    assert not chart_specs(at), "no empty chart"


def test_sources_page_lists_every_source_and_the_dictionary():
    ds = load_dataset()
    at = open_page("sources")
    assert_healthy(at)
    tables = [
        frame.value for frame in at.dataframe if "facts" in frame.value.columns and "publisher" in frame.value.columns
    ]
    assert len(tables) == 1 and len(tables[0]) == len(ds.sources)
    assert len(at.expander) >= len(ds.descriptor["resources"])
    assert any("make validate" in c.value for c in at.code)

    # The dictionary's expanders are lazy: a file's fields are sent once its expander is opened.
    def field_tables():
        return [f for f in at.dataframe if set(sources_view.FIELD_COLUMNS) <= set(f.value.columns)]

    assert field_tables() == []
    open_lazy_expanders(at)
    assert len(field_tables()) == len(ds.descriptor["resources"])
    filtered = open_page("sources", {"cluster": ["new_energy"]})
    assert_healthy(filtered)
    assert len(
        next(f for f in filtered.dataframe if "facts" in f.value.columns and "publisher" in f.value.columns).value
    ) == len(ds.sources), "the sources page is not filtered"


def test_data_values_are_not_rendered_as_markup(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    clusters = (folder / "clusters.csv").read_text(encoding="utf-8")
    original = load_dataset().clusters.set_index("cluster_id").loc["new_energy", "description_en"]
    assert original in clusters
    (folder / "clusters.csv").write_text(
        clusters.replace(original, "<b>x</b> [link](http://evil.example)"), encoding="utf-8"
    )
    monkeypatch.setenv("GDC_DATA_DIR", str(folder))
    at = open_page("cluster", {"cluster": ["new_energy"]})
    assert_healthy(at)
    markdown = [m.value for m in at.markdown]
    assert escape_markdown("<b>x</b> [link](http://evil.example)") in markdown
    assert not any("<b>x</b>" in value or "](http" in value for value in markdown)


# ---------------------------------------------------------------- city-level figures (issue 12)


@pytest.fixture(scope="module")
def city_figure_data(tmp_path_factory):
    return make_city_figure_copy(tmp_path_factory.mktemp("city_figures") / "data")


@pytest.fixture(scope="module")
def hostile_city_figure_data(tmp_path_factory):
    return make_city_figure_copy(tmp_path_factory.mktemp("hostile_city_figures") / "data", hostile_publisher=True)


def frames_with(at: AppTest, *columns: str):
    return [frame.value for frame in at.dataframe if set(columns) <= set(frame.value.columns)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_city_profile_shows_the_city_figures_with_definition_and_disagreement(lang, city_figure_data, monkeypatch):
    monkeypatch.setenv("GDC_DATA_DIR", str(city_figure_data))
    at = open_page("city", {"city": ["440300"], "lang": [lang]}, lang=lang)
    assert_healthy(at, lang)
    assert t("city.section_figures", lang) in [s.value for s in at.subheader]
    (figures,) = frames_with(at, "definition_label", "disagreement", "cluster")
    assert len(figures) == 6
    assert (figures["disagreement"] != "").sum() == 2, "160.89 and about 157.84 disagree; over 200 and 213.68 agree"
    assert set(figures.loc[figures["period"] == "2022", "value_text"]) == {
        format_value(160.89, "bn_yuan", lang),
        format_value(157.84, "bn_yuan", lang, "about"),
    }, "both rows stay"
    notes = [note for note in at.info if note.icon == ":material/compare_arrows:"]
    assert [note.value.startswith(escape_markdown(t("city.figures_disagree", lang, n=1))) for note in notes] == [True]
    assert not at.warning, "a note on the data, not a URL notice"
    assert any(c.value.startswith(t("city.figures_caption", lang, n=6)[:20]) for c in at.caption)
    # Titles are wrapped into lines (a list) to fit a phone: compare without the breaks.
    titles = ["".join(spec.get("title", {}).get("text", "")).replace(" ", "") for spec in chart_specs(at)]
    labels = load_dataset(city_figure_data).metric_definitions.set_index("metric")
    measure = labels.loc["operating_revenue", "label_zh" if lang == "zh" else "label_en"].replace(" ", "")
    assert sum(measure in title for title in titles) == 1, "one chart: the one series with two full years"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cluster_profile_lists_city_figures_apart_from_the_province(lang, city_figure_data, monkeypatch):
    monkeypatch.setenv("GDC_DATA_DIR", str(city_figure_data))
    at = open_page("cluster", {"cluster": ["semiconductors_ic"], "lang": [lang]}, lang=lang)
    assert_healthy(at, lang)
    assert t("cluster.section_city_figures", lang) in [s.value for s in at.subheader]
    (cities,) = frames_with(at, "city", "definition_label", "disagreement", "value_text")
    assert len(cities) == 5 and set(cities["adcode"]) == {"440300"}, "this cluster's city rows, not all_20"
    note = escape_markdown(t("cluster.disagree_warning", lang, n=1))
    assert [i.value.startswith(note) for i in at.info if i.icon == ":material/compare_arrows:"] == [True], (
        "the province figures agree: one note, for the city figures"
    )
    assert not frames_with(at, "measure", "period_kind_label", "adcode"), "no city row among the province figures"


def test_hostile_text_in_a_city_figure_stays_text(hostile_city_figure_data, monkeypatch):
    monkeypatch.setenv("GDC_DATA_DIR", str(hostile_city_figure_data))
    for page, params in (("city", {"city": ["440300"]}), ("cluster", {"cluster": ["semiconductors_ic"]})):
        at = open_page(page, params)
        assert_healthy(at)
        notes = "\n".join(i.value for i in at.info)
        assert escape_markdown(HOSTILE) in notes, "the disputing source is named, as text"
        shown = [
            re.sub(r"\\.", "", str(el.value))
            for kind in ("markdown", "caption", "warning", "info", "subheader")
            for el in getattr(at, kind)
        ]
        assert not [text for text in shown for marker in RAW_MARKERS if marker in text]
        quotes = [frame for frame in frames_with(at, "quote", "definition_label") if HOSTILE in set(frame["quote"])]
        assert quotes, "the quote is shown as typed in the table"


def test_city_and_cluster_profiles_on_the_bundled_data():
    for page, params in (("city", {"city": ["440300", "440100"]}), ("cluster", {"cluster": ["semiconductors_ic"]})):
        at = open_page(page, params, lang="zh")
        assert_healthy(at, "zh")
        section = t("city.section_figures" if page == "city" else "cluster.section_city_figures", "zh")
        assert section in [s.value for s in at.subheader]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cluster_profiles_targets_say_what_the_register_says(lang):
    """Audit: shenzhen-semis-revenue-2025 read "ahead" (the register: "ahead (indicative)") and its latest figure
    (213.68, people-sz-2024-08-17) was credited to the target's source (aiiaw-2023), on screen and in the CSV."""
    from gdclusters.sourcing import source_labels
    from ui.exports import REGISTRY_KEY

    labels = source_labels(load_dataset().sources, lang)
    at = open_page("cluster", {"cluster": ["semiconductors_ic"], "lang": [lang]}, lang=lang)
    assert_healthy(at, lang)
    (targets,) = frames_with(at, "status_code", "latest_source", "comparability", "in_force")
    row = targets.set_index("target_id").loc["shenzhen-semis-revenue-2025"]
    assert row["status"] == t("targets.indicative_status", lang, status=t("status.ahead", lang))
    assert row["latest_source"] == labels["people-sz-2024-08-17"] and row["comparability"]
    item = at.session_state[REGISTRY_KEY]["cluster_targets"]
    exported = item.data.set_index(t("cluster.col_status", lang))
    assert t("cluster.col_latest_source", lang) in item.data.columns
    assert labels["people-sz-2024-08-17"] in exported[t("cluster.col_latest_source", lang)].tolist()
    assert labels["people-sz-2024-08-17"] in item.citation, "the figure's own source is cited"
