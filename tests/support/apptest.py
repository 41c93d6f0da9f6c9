"""Shared AppTest helpers: open a page of the real dashboard with URL parameters, and check it is healthy."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from gdclusters.export import title_parts
from gdclusters.i18n import MISSING_MARK, t
from ui.blocks import OPEN_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
TEXT_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success", "text")


def open_page(
    page: str, params: dict | None = None, lang: str = "en", timeout: float = 120, expand: bool = False
) -> AppTest:
    """Run dashboard.py with the query parameters (lang unless given there), then switch to page.

    expand: then open every lazy expander (ui.blocks.lazy_expander) and run again, so that their content is on
    the page too, as after a reader opened them all."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, values in (params or {}).items():
        at.query_params[key] = values
    if "lang" not in (params or {}):
        at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    if expand:
        open_lazy_expanders(at)
    return at


def lazy_expander_keys(at: AppTest) -> list[str]:
    """The widget keys of the lazy expanders on the page (their state, True when open)."""
    return sorted(str(k) for k in at.session_state if str(k).endswith(OPEN_SUFFIX))


def open_lazy_expanders(at: AppTest) -> AppTest:
    """Open every lazy expander on the page, as a reader would one by one, and run again."""
    keys = lazy_expander_keys(at)
    if keys:
        for key in keys:
            at.session_state[key] = True
        at.run()
    return at


class ExpanderBrowser:
    """Runs an AppTest as Streamlit's front end does for state-tracking expanders (st.expander(key=...,
    on_change="rerun")): every run sends each one's current state under its element id, the state the browser
    shows (the proto's `expanded` for an expander it has not drawn before, else what it sent last), and a click
    toggles it. AppTest itself sends no state for expanders; setting their key in session state instead would
    take the Session State API's path, which wins over any element id, and hide an id that changed under the
    reader's click.
    """

    def __init__(self, at: AppTest) -> None:
        self.at = at
        self.shown: dict[str, bool] = {}

    def run(self, click: str | None = None) -> AppTest:
        """Run the script again, first clicking the expander labelled click (if given)."""
        states = self.at._tree.get_widget_states()
        clicked = False
        for expander in self.at.expander:
            element_id = expander.proto.id
            if not element_id:
                continue
            value = self.shown.get(element_id, expander.proto.expanded)
            if expander.label == click:
                value, clicked = not value, True
            self.shown[element_id] = value
            states.widgets.append(WidgetState(id=element_id, bool_value=value))
        assert click is None or clicked, f"no expander labelled {click!r}"
        return self.at._run(states)

    def is_open(self, label: str) -> bool:
        """Whether the expander labelled label shows as open (as the last run drew it)."""
        [expander] = [e for e in self.at.expander if e.label == label]
        return self.shown.get(expander.proto.id, expander.proto.expanded)


def all_text(at: AppTest) -> str:
    """Every text element's value, one per line."""
    return "\n".join(str(getattr(el, "value", "")) for kind in TEXT_ELEMENTS for el in getattr(at, kind))


def assert_healthy(at: AppTest, lang: str = "en") -> None:
    """No exception, no caught page error, no data error page, no traceback, no untranslated key."""
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert t("errors.unexpected", lang) not in errors, "a page raised and was caught"
    assert t("errors.data_title", lang) not in errors
    text = all_text(at)
    assert "Traceback" not in text
    assert MISSING_MARK.split("{")[0] not in text, "untranslated key on screen"


def url_values(at: AppTest, key: str) -> list[str]:
    """AppTest unwraps single query values to str; always return a list."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def title_text(spec: dict) -> str:
    """A chart's title as one text (charts wrap long titles into lines: joined as the exports join them)."""
    return title_parts(spec.get("title"))[0]


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the page's Altair charts."""
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_datasets(at: AppTest) -> list[dict[str, list[dict]]]:
    """Per Altair chart, its named datasets as rows (Streamlit moves tabular ones out of the spec as Arrow)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        named = {
            dataset.name: convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")
            for dataset in chart.proto.datasets
        }
        out.append(json.loads(chart.proto.spec).get("datasets", {}) | named)
    return out


def deck_specs(at: AppTest) -> list[dict]:
    """The deck JSON of the page's pydeck maps."""
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]
