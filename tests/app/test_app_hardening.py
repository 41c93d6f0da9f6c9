"""Broken data gives a readable error page and loses nothing; data text never renders as markup."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from gdclusters.i18n import t
from gdclusters.paths import DATA_DIR
from tests.support.apptest import open_lazy_expanders
from tests.support.hostile import RAW_MARKERS, make_hostile_copy, rewrite, set_column

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["overview", "map", "matrix", "tiers", "targets", "city", "cluster", "sources"]


def break_missing_file(d):
    (d / "targets.csv").unlink()


def break_missing_column(d):
    def drop_unit(header, body):
        i = header.index("unit")
        for row in [header, *body]:
            del row[i]

    rewrite(d / "metrics.csv", drop_unit)


def break_encoding(d):
    (d / "clusters.csv").write_bytes((d / "clusters.csv").read_text(encoding="utf-8").encode("gb18030"))


def break_unit(d):
    set_column(d, "metrics.csv", "unit", lambda n, v: "trillion" if n == 0 else v)


def break_unknown_key(d):
    set_column(d, "cluster_cities.csv", "cluster_id", lambda n, v: "no_such_cluster" if n == 0 else v)


def break_empty_file(d):
    (d / "sources.csv").write_text("", encoding="utf-8")


def break_huge_file(d):
    with open(d / "metrics.csv", "ab") as handle:
        handle.write(b"," * (50 * 1024 * 1024))


BREAKAGES = {
    "missing file": (break_missing_file, "targets.csv: file is missing"),
    "missing column": (break_missing_column, "column 'unit': required column is missing"),
    "bad encoding": (break_encoding, "clusters.csv, line 2: is not valid UTF-8"),
    "bad unit": (break_unit, "'trillion' is not allowed"),
    "unknown key": (break_unknown_key, "'no_such_cluster' is not a known cluster_id"),
    "empty file": (break_empty_file, "sources.csv: file is empty"),
    "50 MB file": (break_huge_file, "metrics.csv: file is 5"),
}


def digest(folder: Path):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run(page: str, folder: Path, monkeypatch, params=None) -> AppTest:
    monkeypatch.setenv("GDC_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_broken_data_shows_the_validation_message_and_changes_nothing(kind, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    breaker, expected = BREAKAGES[kind]
    breaker(folder)
    before = digest(folder)
    at = run("overview", folder, monkeypatch)
    assert not at.exception
    assert [e.value for e in at.error] == [t("errors.data_title", "en")]
    shown = "\n".join(m.value for m in at.markdown).replace("\\", "")  # drop Markdown escapes
    assert expected in shown
    assert "Traceback" not in shown
    assert digest(folder) == before, "the app must never modify data files"
    assert not at.multiselect, "no dashboard widgets are drawn over broken data"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    return make_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


def rendered_markup(at: AppTest) -> list[str]:
    texts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        texts += [str(el.value) for el in getattr(at, kind)]
    # A backslash-escaped character is shown literally, so drop escapes before looking for live markup.
    unescaped = [re.sub(r"\\.", "", text) for text in texts]
    return [text for text in unescaped for marker in RAW_MARKERS if marker in text]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_markup_in_data_is_escaped_on_every_page(page, lang, hostile_data, monkeypatch):
    # In Chinese the pages show other columns (name_zh, publisher_zh, role_detail_zh): they carry payloads too.
    params = {"cluster": ["semiconductors_ic", "new_energy"], "city": ["440300"], "lang": [lang]}
    at = run(page, hostile_data, monkeypatch, params)
    # Every lazy expander open, so that their tables and captions are checked too.
    open_lazy_expanders(at)
    assert not at.exception
    assert [e.value for e in at.error if e.value in (t("errors.unexpected", lang), t("errors.data_title", lang))] == []
    assert at.multiselect(key="cluster").value == ["semiconductors_ic", "new_energy"], "the dashboard was drawn"
    assert rendered_markup(at) == []


PARAM_NAMES = ["cluster", "city", "category", "tier", "region", "lang", "page", "x", "<b>", "cluster[]"]
HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    "**b**",
    "[a](http://evil.example)",
    "../../etc/passwd",
    "440300",
    "semiconductors_ic",
    "1000",
    "zh",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 5000,
    "",
    "%00",
    "\u202e",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(PARAM_NAMES),
        st.lists(st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=60)), max_size=4),
        max_size=5,
    )
)
def test_fuzzed_urls_never_raise_and_never_render_markup(monkeypatch, params):
    at = run("overview", DATA_DIR, monkeypatch, params)
    assert not at.exception
    assert t("errors.unexpected", "en") not in [e.value for e in at.error]
    assert rendered_markup(at) == []
    kept = {k: v for k, v in dict(at.query_params).items()}
    assert set(kept) <= {"cluster", "city", "category", "tier", "region", "lang"}
