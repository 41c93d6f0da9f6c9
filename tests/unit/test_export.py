"""Exports: every format is a valid file that says what it shows, and nothing leaves the machine.

Image tests render a small chart with a Chinese title and labels through vl-convert; the browser test opens the
offline map HTML in Debian's Chromium with every non-file request aborted.
"""

import io
import json
import os
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import altair as alt
import jsonschema
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gdclusters import export
from gdclusters.i18n import MISSING_MARK, t
from gdclusters.state import Filters
from tests.support.decks import sample_deck

CHROMIUM = "/usr/bin/chromium"
CHART_WIDTH = 300
TITLE = "2023 年产值规模 Output tiers"
FILTERS_LINE = "筛选条件：新兴产业"
SOURCE_LINE = "来源：广东省人民政府（2023）"
PERIOD_LINE = "数据期间：2023 年"
CITATION = "Source: People's Government of Guangdong Province (2023); period 2023"
SCHEMA_FILE = Path(alt.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
NO_FONT_MARK = MISSING_MARK.split("{")[0]


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame({"city": ["深圳", "广州", "佛山"], "revenue_bn_yuan": [10.5, 20.0, 15.25]})


def sample_chart(frame: pd.DataFrame | None = None) -> alt.Chart:
    frame = sample_frame() if frame is None else frame
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(x=alt.X("city:N", title="城市"), y=alt.Y("revenue_bn_yuan:Q", title="营收（十亿元）"))
        .properties(width=CHART_WIDTH, height=200)
        .configure_view(strokeWidth=0)
    )


def decorated() -> alt.VConcatChart:
    return export.decorate(
        sample_chart(),
        title=TITLE,
        filters_line=FILTERS_LINE,
        source_line=SOURCE_LINE,
        period_line=PERIOD_LINE,
        font=export.cjk_font_status().family,
    )


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    # Multi-line titles are <text> elements with one <tspan> per line.
    return " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("}text"))


# ---------------------------------------------------------------- images


def test_png_is_a_png_at_least_twice_the_chart_width():
    png = export.render_image(decorated(), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_size(png)
    assert width >= 2 * CHART_WIDTH and height >= 2 * 200
    assert not png.lstrip().startswith(b"<svg")


def test_svg_parses_and_carries_title_filters_source_period_and_chinese_labels():
    svg = export.render_image(decorated(), "svg")
    text = svg_text(svg)
    for expected in (TITLE, FILTERS_LINE, SOURCE_LINE, PERIOD_LINE, "深圳", "城市"):
        assert expected in text, expected
    assert NO_FONT_MARK not in text
    if export.cjk_font_status().found:
        assert export.cjk_font_status().family in svg.decode("utf-8")


def test_pdf_is_a_pdf_and_embeds_the_cjk_font_when_one_is_installed():
    pdf = export.render_image(decorated(), "pdf")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    fonts = re.findall(rb"/BaseFont\s*/([^\s/>]+)", pdf)
    assert fonts, "the PDF names no font: its text is missing"
    if export.cjk_font_status().found:
        assert any(b"CJK" in font or b"Han" in font or b"WenQuanYi" in font for font in fonts), fonts


def test_cjk_font_is_found_and_registered_once():
    status = export.cjk_font_status()
    if not status.found and os.environ.get("CI") != "true":
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk); CI requires one")
    assert status.found and status.family and Path(status.directory).is_dir()
    assert export.cjk_font_status() is status, "looked up more than once"


def test_missing_font_directory_reports_not_found(tmp_path, monkeypatch):
    monkeypatch.setenv(export.FONT_DIR_ENV, str(tmp_path))
    assert export.find_cjk_font() == export.FontStatus(found=False)
    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"not really a font")
    found = export.find_cjk_font()
    assert found.found and found.family == "Noto Sans CJK SC" and found.directory == str(tmp_path)


def test_decorate_leaves_the_on_screen_chart_unchanged():
    chart = sample_chart()
    before = chart.to_dict()
    wrapped = export.decorate(
        chart,
        title=TITLE,
        filters_line=FILTERS_LINE,
        source_line=SOURCE_LINE,
        period_line=PERIOD_LINE,
        font="Noto Sans CJK SC",
    )
    assert chart.to_dict() == before
    spec = wrapped.to_dict()
    assert spec["config"]["font"] == "Noto Sans CJK SC"
    assert spec["config"]["view"]["strokeWidth"] == 0, "the chart's own config was lost"
    heading, footer = spec["vconcat"][0]["title"], spec["title"]
    assert heading["text"] == [TITLE] and heading["subtitle"] == [FILTERS_LINE]
    assert footer["orient"] == "bottom" and footer["text"] == [SOURCE_LINE, PERIOD_LINE]
    body = spec["vconcat"][0]["vconcat"][0]
    assert "config" not in body and "$schema" not in body


def test_decorate_moves_the_chart_title_instead_of_repeating_it():
    chart = sample_chart().properties(title=alt.TitleParams(text="Chart title", subtitle=["Note one"]))
    spec = export.decorate(chart, title="", filters_line=FILTERS_LINE).to_dict()
    heading = spec["title"]
    assert heading["text"] == ["Chart title"] and heading["subtitle"] == ["Note one", FILTERS_LINE]
    assert "orient" not in heading, "no footer without a source line"
    assert "title" not in spec["vconcat"][0], "the title would appear twice"


def test_decorate_handles_layers_with_named_top_level_datasets():
    shapes = alt.Chart(alt.NamedData(name="cities")).mark_bar().encode(x="city:N", y="revenue_bn_yuan:Q")
    labels = (
        alt.Chart(alt.Data(values=[{"city": "深圳", "revenue_bn_yuan": 10.5}]))
        .mark_text()
        .encode(x="city:N", y="revenue_bn_yuan:Q", text="city:N")
    )
    chart = alt.layer(shapes, labels).properties(title="图层 layered", width=200)
    chart.datasets = {"cities": sample_frame().to_dict("records")}
    before = chart.to_dict()
    wrapped = export.decorate(chart, title="", filters_line=FILTERS_LINE, source_line=SOURCE_LINE)
    spec = wrapped.to_dict()
    assert spec["datasets"]["cities"] == sample_frame().to_dict("records")
    assert "datasets" not in spec["vconcat"][0] and "datasets" not in spec["vconcat"][0]["vconcat"][0]
    assert "图层 layered" in svg_text(export.render_image(wrapped, "svg"))
    assert chart.to_dict() == before


def chart_kinds() -> dict[str, alt.TopLevelMixin]:
    frame = pd.DataFrame(
        {
            "city": ["深圳", "广州", "佛山"] * 2,
            "value_bn_yuan": [1, 2, 3, 4, 5, 6],
            "category": ["pillar"] * 3 + ["emerging"] * 3,
        }
    )
    legend_pick = alt.selection_point(fields=["category"], bind="legend")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x="city:N",
            y="value_bn_yuan:Q",
            color="category:N",
            opacity=alt.when(legend_pick).then(alt.value(1)).otherwise(alt.value(0.3)),
        )
        .add_params(legend_pick)
    )
    slider = alt.param(name="floor", value=2, bind=alt.binding_range(min=0, max=6))
    return {
        "selection": bars,
        "facet": alt.Chart(frame).mark_bar().encode(x="city:N", y="value_bn_yuan:Q").facet("category:N"),
        "hconcat": alt.hconcat(bars, alt.Chart(frame).mark_point().encode(x="value_bn_yuan:Q", y="city:N")),
        "slider": (
            alt.Chart(frame)
            .mark_bar()
            .encode(x="city:N", y="value_bn_yuan:Q")
            .add_params(slider)
            .transform_filter("datum.value_bn_yuan > floor")
        ),
        "top_level_settings": bars.configure_axis(labelFontSize=14).properties(background="#fff", padding=10),
    }


@pytest.mark.parametrize("kind", list(chart_kinds()))
def test_decorate_renders_every_kind_of_chart(kind):
    chart = chart_kinds()[kind]
    svg = export.render_image(
        export.decorate(
            chart, title=TITLE, filters_line=FILTERS_LINE, source_line=SOURCE_LINE, period_line=PERIOD_LINE
        ),
        "svg",
    )
    text = svg_text(svg)
    assert TITLE in text and SOURCE_LINE in text and "深圳" in text
    assert text.count(TITLE) == 1


def test_container_width_is_replaced_for_rendering_but_data_is_untouched():
    frame = pd.DataFrame({"width": ["container"], "value": [1]})
    chart = alt.Chart(frame).mark_bar().encode(x="value:Q", y="width:N").properties(width="container")
    png = export.render_image(export.decorate(chart, title="t"), "png")
    assert png_size(png)[0] >= 2 * export.EXPORT_WIDTH
    spec = export.images._fixed_size(chart.to_dict())
    assert spec["width"] == export.EXPORT_WIDTH
    assert next(iter(spec["datasets"].values()))[0]["width"] == "container"


def test_rendering_fetches_no_external_data():
    chart = alt.Chart(alt.Data(url="https://example.com/data.csv")).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        export.render_image(chart, "svg")


def test_long_lines_wrap_at_spaces_or_between_cjk_characters():
    assert export.wrap_line("a " * 100, width=20) == ["a a a a a a a a a a"] * 10
    assert export.wrap_line("广" * 30, width=20) == ["广" * 10] * 3
    assert export.wrap_line("x" * 45, width=20) == ["x" * 20, "x" * 20, "x" * 5]
    mixed = export.wrap_line("Source: 经济日报 (2020); leonstrydom.com (mirror of gdii.gd.gov.cn) (2023)", width=40)
    assert all(export.images._display_width(line) <= 40 for line in mixed)
    assert "leonstrydom.com" in " ".join(mixed).split(), "a word was cut although it fits on a line"
    assert export.wrap_line("   ") == []
    # No line starts with closing punctuation: "；" stays at the end of the line before, one mark over the width.
    assert export.wrap_line("广" * 20 + "；" + "州" * 5, width=40) == ["广" * 20 + "；", "州" * 5]


# ---------------------------------------------------------------- JSON spec


def test_spec_json_validates_against_the_bundled_vega_lite_schema():
    spec = json.loads(export.spec_json(decorated()))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(spec, schema)
    assert spec["$schema"] == alt.SCHEMA_URL
    assert alt.VConcatChart.from_dict(spec).to_dict() == spec
    assert "url" not in json.dumps(spec.get("datasets", {})), "data must be inline"


def test_spec_json_refuses_an_invalid_spec():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    spec = json.loads(export.spec_json(decorated()))
    spec["vconcat"][0]["vconcat"][0]["mark"] = {"type": "not-a-mark"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(spec, schema)


# ---------------------------------------------------------------- CSV


def test_csv_round_trips_with_bom_header_units_and_citation():
    frame = sample_frame()
    raw = export.csv_bytes(frame, CITATION)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "city,revenue_bn_yuan"
    assert lines[-1] == "# " + CITATION
    body = pd.read_csv(io.StringIO(text), skipfooter=1, engine="python")
    pd.testing.assert_frame_equal(body, frame)
    assert "# " not in "\n".join(lines[:-1]), "the citation must be the last line only"


def test_csv_keeps_hash_inside_quoted_values():
    frame = pd.DataFrame({"note": ["# not a comment", "a,b"], "value_pct": [1.5, 2.0]})
    text = export.csv_bytes(frame, CITATION).decode("utf-8-sig")
    body = pd.read_csv(io.StringIO(text), skipfooter=1, engine="python")
    assert body["note"].tolist() == ["# not a comment", "a,b"]


@pytest.mark.parametrize("dangerous", ["=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"])
def test_csv_neutralises_formula_cells(dangerous):
    # Floats too: a whole float is written as an integer (-6, not -6.0), and must not then pass for a formula.
    frame = pd.DataFrame({"name": [dangerous, "safe-value"], dangerous: [1, -1], "rate": [-6.0, -0.5]})
    text = export.csv_bytes(frame, dangerous).decode("utf-8-sig")
    body = pd.read_csv(io.StringIO(text), skipfooter=1, engine="python", keep_default_na=False)
    assert body["name"].tolist() == ["'" + dangerous, "safe-value"]
    assert body.columns[1] == "'" + dangerous
    assert body.iloc[:, 1].tolist() == [1, -1], "numbers are numbers, not text to neutralise"
    assert body["rate"].tolist() == [-6, -0.5], "a negative float is a number, not text to neutralise"
    assert text.splitlines()[-1].startswith("# '"), "the citation line is neutralised too"
    for cell in body["name"]:
        assert not cell.startswith(export.tables._FORMULA_START)


# ---------------------------------------------------------------- names and filters


def test_file_names_say_what_is_inside_without_spaces():
    assert export.file_name("tiers", 2023, "emerging", ext="png") == "guangdong-clusters_tiers_2023_emerging.png"
    name = export.file_name("city profile", "深圳 440300", "A/B", ext="csv")
    assert name == "guangdong-clusters_city-profile_440300_a-b.csv"
    assert " " not in name and "/" not in name


def test_filters_are_described():
    filters = Filters(clusters=("semiconductors_ic",), categories=("emerging",), tiers=(1000,))
    names = {"semiconductors_ic": "半导体与集成电路"}
    line = export.describe_filters(filters, "zh", cluster_name=names.get)
    assert line.startswith("筛选条件：") and "半导体与集成电路" in line and "新兴" in line
    assert "semiconductors_ic" not in line
    assert export.describe_filters(Filters(), "en") == t("export.no_filters", "en")


# ---------------------------------------------------------------- map HTML


def test_map_html_is_self_contained_and_escapes_data():
    page = export.deck_html(sample_deck(), title="地图 <b>map</b>", lines=["来源：X (2023)"], lang="zh").decode()
    frame_html = page.replace(export.pydeck_bundle(), "")
    assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", frame_html) == []
    assert "<link" not in frame_html and "@import" not in frame_html and "url(" not in frame_html
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "createDeck" in page and len(page) > 1_000_000, "the deck.gl bundle is not inlined"
    assert "<script>alert(1)</script>" not in page, "data closed the script tag"
    assert "<b>map</b>" not in page and "&lt;b&gt;map&lt;/b&gt;" in page
    assert '"mapStyle"' not in frame_html and "cartocdn" not in frame_html


# ---------------------------------------------------------------- bundle


def sample_items() -> list[export.ExportItem]:
    frame = sample_frame()
    return [
        export.ExportItem(
            name=("tiers", "2023"),
            data=frame,
            citation=CITATION,
            title=TITLE,
            filters_line=FILTERS_LINE,
            period_line=PERIOD_LINE,
            chart=sample_chart(),
            lang="zh",
        ),
        export.ExportItem(
            name=("map", "hosts"),
            data=frame,
            citation="Source: Amap via cnmaps (2024)",
            title="地图",
            chart=sample_chart(),
            deck=sample_deck(),
            lang="zh",
        ),
        export.ExportItem(name=("tiers", "2023"), data=frame, citation=CITATION, title="table", lang="zh"),
    ]


def readme_files(readme: str) -> list[str]:
    """The file names a bundle README lists under its files heading."""
    names, listing = [], False
    for line in readme.splitlines():
        if line.strip() in {t("export.readme_files", lang) for lang in ("en", "zh")}:
            listing = True
        elif listing and line.startswith("- "):
            names.append(line[2:])
        elif listing:
            break
    return names


def test_bundle_contains_exactly_what_its_readme_lists():
    archive = zipfile.ZipFile(io.BytesIO(export.bundle_zip(sample_items(), "Intro line", "en")))
    readme = archive.read("README.txt").decode("utf-8")
    listed = readme_files(readme)
    names = archive.namelist()
    assert sorted(listed) == sorted(n for n in names if n != "README.txt")
    assert len(names) == len(set(names)) == 5 + 6 + 1 + 1
    assert "guangdong-clusters_tiers_2023-2.csv" in names, "a second file with the same name overwrote the first"
    assert "guangdong-clusters_map_hosts.html" in names and "guangdong-clusters_tiers_2023.png" in names
    assert readme.startswith("Intro line")
    assert CITATION in readme and "Source: Amap via cnmaps (2024)" in readme
    assert t("export.readme_failed", "en") not in readme
    for name in names:
        assert archive.read(name), f"{name} is empty"
    assert archive.read("guangdong-clusters_tiers_2023.png").startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bundle_readme_names_the_data_release(lang):
    item = export.ExportItem(name=("tiers", "table"), data=sample_frame(), citation=CITATION, lang=lang)
    readme = zipfile.ZipFile(io.BytesIO(export.bundle_zip([item], "Intro", lang, "2026.12.0"))).read("README.txt")
    lines = readme.decode("utf-8").splitlines()
    assert lines[:2] == ["Intro", t("export.readme_version", lang, version="2026.12.0")]
    unversioned = zipfile.ZipFile(io.BytesIO(export.bundle_zip([item], "Intro", lang))).read("README.txt")
    assert "2026.12.0" not in unversioned.decode("utf-8")


def test_bundle_names_a_file_it_could_not_make_and_keeps_the_rest():
    broken = alt.Chart(alt.Data(url="https://example.com/data.csv")).mark_point().encode(x="a:Q")
    items = [
        export.ExportItem(name=("broken",), data=sample_frame(), citation=CITATION, chart=broken),
        *sample_items()[:1],
    ]
    archive = zipfile.ZipFile(io.BytesIO(export.bundle_zip(items, "Intro", "en")))
    readme = archive.read("README.txt").decode("utf-8")
    assert "guangdong-clusters_broken.png" not in archive.namelist()
    assert "guangdong-clusters_broken.csv" in archive.namelist()
    assert f"{t('export.readme_failed', 'en')}\n- guangdong-clusters_broken.png" in readme
    assert sorted(readme_files(readme)) == sorted(n for n in archive.namelist() if n != "README.txt")


# ---------------------------------------------------------------- Streamlit controls


def export_page():
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui import exports

    exports.start_page("Tiers", "tiers")
    frame = pd.DataFrame({"city": ["深圳"], "value_bn_yuan": [1.0]})
    chart = alt.Chart(frame).mark_bar().encode(x="city:N", y="value_bn_yuan:Q")
    exports.chart_exports(
        chart,
        frame,
        name=["tiers", "2023"],
        citation="Source: X (2023)",
        key="chart",
        lang=st.query_params.get("lang", "en"),
        period="2023",
    )
    exports.table_exports(
        frame, name=["tiers", "table"], citation="Source: X (2023)", key="table", lang=st.query_params.get("lang", "en")
    )
    exports.bundle_button(st.query_params.get("lang", "en"))
    st.write(f"items={len(exports.registered_items())}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_controls_offer_every_format_in_a_popover_and_register_the_items(lang):
    at = AppTest.from_function(export_page, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    popovers = at.get("popover")
    assert len(popovers) == 1 and popovers[0].proto.popover.label == t("export.download", lang)
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    for fmt in ("png", "svg", "pdf", "json", "csv"):
        assert t(f"export.{fmt}", lang) in buttons
    assert t("export.bundle", lang) in buttons
    assert all(proto.ignore_rerun for proto in buttons.values()), "a click would rerun the page"
    assert all(not proto.url for proto in buttons.values()), "a file was generated before any click"
    at.run()
    assert at.markdown[-1].value == "items=2", "the registry kept items from the previous run"


def test_controls_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("GDCLUSTERS_EXPORT_CONTROLS", "0")
    at = AppTest.from_function(export_page, default_timeout=60).run()
    assert not at.exception
    assert len(at.get("download_button")) == 0 and len(at.get("popover")) == 0
    assert at.markdown[-1].value == "items=0"
