"""The "Get this data" control on every page (ui/get_data.py), the data release in the footer and in every
export, and the rows: what the control's URL returns through the API is what the page itself exports."""

import csv
import io
import json
import zipfile
from urllib.parse import parse_qsl, urlsplit

import pytest

from gdclusters import api
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.text import escape_markdown
from gdclusters.tiers import MONEY_UNIT, REVENUE_FAMILIES
from tests.support.apptest import all_text, assert_healthy, open_page
from tests.support.release import RELEASE
from ui import exports
from ui.get_data import KEY_PREFIX

ROOT = "http://localhost:8501/api/v1"  # AppTest has no browser URL: the control falls back to the local address
PAGES = ["overview", "map", "matrix", "tiers", "targets", "city", "cluster", "sources"]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


OPEN = f"{KEY_PREFIX}open"


def _dialogs(node) -> list:
    """The dialog blocks under node in AppTest's element tree."""
    found = []
    proto = getattr(node, "proto", None)
    oneofs = [oneof.name for oneof in proto.DESCRIPTOR.oneofs] if proto is not None else []
    if "type" in oneofs and proto.WhichOneof("type") == "dialog":
        found.append(node)
    for child in getattr(node, "children", {}).values():
        found += _dialogs(child)
    return found


def control(at, lang: str = "en"):
    """Open the control's dialog (one button, in lang) and return the dialog's block."""
    found = [b for b in at.button if b.key == OPEN]
    assert len(found) == 1 and found[0].label == t("get_data.title", lang)
    found[0].click().run()
    dialogs = _dialogs(at._tree)
    assert len(dialogs) == 1
    return dialogs[0]


def pick_table(at, page: str, table: str):
    """Choose another table in the dialog and open it again (AppTest reruns the page, not only the dialog)."""
    at.selectbox(key=KEY_PREFIX + page).set_value(table)
    return control(at)


def code_blocks(at) -> list[tuple[str, str | None]]:
    """(text, language) of the code blocks in the control's dialog, in order (the dialog opened if need be)."""
    dialogs = _dialogs(at._tree) or [control(at)]
    return [(block.value, block.language) for block in dialogs[0].get("code")]


def captions(dialog) -> list[str]:
    return [caption.value for caption in dialog.get("caption")]


def exported_rows(at, key: str) -> list[dict[str, str]]:
    """The rows of the CSV a page's download control produces (the citation line dropped)."""
    item = at.session_state[exports.REGISTRY_KEY][key]
    lines = item.file_bytes("csv").decode("utf-8-sig").split("\r\n")
    assert lines[-2].startswith("# ") and lines[-2].endswith(f"Data release {RELEASE}"), lines[-2]
    return list(csv.DictReader(io.StringIO("\r\n".join(lines[:-2]))))


def api_rows(ds, url: str) -> list[dict]:
    """What the API answers for a URL the control shows (through the API's own request parser)."""
    parts = urlsplit(url)
    reply = api.respond(ds, parts.path.rsplit("/", 1)[1], parse_qsl(parts.query))
    assert reply.status == 200, reply.body
    return json.loads(reply.body)["data"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_offers_its_table_with_addresses_and_snippets(page):
    at = open_page(page)
    assert_healthy(at)
    table = api.PAGE_TABLES[page]
    assert not _dialogs(at._tree), "the addresses are drawn only when the dialog is opened"
    blocks = code_blocks(at)
    assert at.selectbox(key=KEY_PREFIX + page).value == table
    csv_url, json_url = f"{ROOT}/{table}.csv", f"{ROOT}/{table}.json"
    assert [text for text, _ in blocks] == [
        csv_url,
        json_url,
        api.pandas_snippet(csv_url, api.text_id_columns(load_dataset(), table)),
        api.r_snippet(csv_url, api.text_id_columns(load_dataset(), table)),
        f"{ROOT}/datapackage.json",
    ]
    assert [language for _, language in blocks] == ["plaintext", "plaintext", "python", "r", "plaintext"]
    assert t("format.data_release", "en", version=escape_markdown(RELEASE)) in all_text(at), "no release in the footer"


def test_the_control_speaks_chinese_and_the_footer_names_the_release():
    at = open_page("map", lang="zh")
    assert_healthy(at, "zh")
    control(at, "zh")
    text = all_text(at)
    assert t("format.data_release", "zh", version=escape_markdown(RELEASE)) in text and "Get this data" not in text


def test_the_addresses_carry_the_ids_the_filters_select(ds):
    at = open_page("map", {"category": "pillar", "region": "pearl_river_delta", "city": ["440300", "440800"]})
    assert_healthy(at)
    pairs = parse_qsl(urlsplit(code_blocks(at)[0][0]).query)
    pillar = list(ds.clusters.loc[ds.clusters["category"] == "pillar", "cluster_id"])
    assert [v for k, v in pairs if k == "cluster"] == pillar
    # Zhanjiang (440800) is not in the Pearl River Delta: the pages leave it out, so does the address.
    assert [v for k, v in pairs if k == "city"] == ["440300"]


def test_filters_that_select_nothing_give_a_notice_not_an_address():
    at = open_page("matrix", {"cluster": "automobiles", "category": "emerging"})
    assert_healthy(at)
    assert t("get_data.nothing_selected", "en") in captions(control(at))
    assert code_blocks(at) == []


def test_another_table_gets_its_own_addresses_and_says_which_filters_do_not_apply():
    at = open_page("overview", {"cluster": "automobiles", "city": "440300"})
    assert code_blocks(at)[0][0] == f"{ROOT}/clusters.csv?cluster=automobiles"
    dialog = pick_table(at, "overview", "sources")
    assert_healthy(at)
    assert code_blocks(at)[0][0] == f"{ROOT}/sources.csv"
    expected = t("get_data.not_filtered", "en", params="cluster (cluster_id) or city (adcode)")
    assert expected in captions(dialog)


def test_the_matrix_export_and_the_api_give_the_same_host_links(ds):
    """Named hosts on the Matrix page's links export = cluster_cities rows the control's URL returns."""
    filters = {"cluster": ["automobiles", "semiconductors_ic", "new_energy"], "region": "pearl_river_delta"}
    at = open_page("matrix", filters)
    assert_healthy(at)
    exported = exported_rows(at, "matrix_links")
    role_labels = {t("role.core", "en"), t("role.base", "en")}
    page_pairs = {(row["cluster"], row["city"]) for row in exported if row["role_label"] in role_labels}
    assert page_pairs, "the filters must select named hosts"
    control(at)
    pick_table(at, "matrix", "cluster_cities")
    rows = api_rows(ds, code_blocks(at)[0][0].replace(".csv", ".json"))
    names = dict(zip(ds.clusters["cluster_id"], ds.clusters["name_en"], strict=True))
    cities = dict(zip(ds.cities["adcode"], ds.cities["name_en"], strict=True))
    assert {(names[r["cluster_id"]], cities[r["adcode"]]) for r in rows} == page_pairs


def test_the_tiers_export_and_the_api_give_the_same_revenue_figures(ds):
    at = open_page("tiers", {"cluster": ["automobiles", "smart_home_appliances"]})
    assert_healthy(at)
    exported = exported_rows(at, "tiers_revenue_table")
    key = ("cluster_id", "metric", "period", "source_id")
    page_rows = {(*(row[k] for k in key), float(row["value_bn_yuan"])) for row in exported}
    rows = api_rows(ds, code_blocks(at)[1][0])
    definitions = ds.metric_definitions
    money = definitions["family"].isin(REVENUE_FAMILIES) & (definitions["unit"] == MONEY_UNIT)
    revenue = set(definitions.loc[money, "metric"])
    api_money = {
        (r["scope"], r["metric"], r["period"], r["source_id"], r["value"]) for r in rows if r["metric"] in revenue
    }
    assert page_rows and api_money == page_rows
    assert all(r["scope"] in {"automobiles", "smart_home_appliances"} for r in rows)


def test_every_export_names_the_release_and_the_zip_readme_too():
    at = open_page("matrix", {"cluster": "automobiles"})
    items = at.session_state[exports.REGISTRY_KEY]
    assert items and all(item.citation.endswith(f"· Data release {RELEASE}") for item in items.values())
    readme_text = exports._readme_text("en", "Matrix", "matrix")
    archive = zipfile.ZipFile(io.BytesIO(exports.export.bundle_zip(list(items.values()), readme_text, "en", RELEASE)))
    readme = archive.read("README.txt").decode("utf-8")
    assert t("export.readme_version", "en", version=RELEASE) in readme


def test_hostile_urls_never_reach_the_control_as_text():
    at = open_page("map", {"cluster": ["<script>alert(1)</script>", "automobiles"], "city": "\"'><img>"})
    assert_healthy(at)
    for text, _ in code_blocks(at):
        assert "<script>" not in text and "<img" not in text
    assert code_blocks(at)[0][0] == f"{ROOT}/cluster_cities.csv?cluster=automobiles"
