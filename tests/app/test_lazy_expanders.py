"""A lazy expander (ui.blocks.lazy_expander) stays as the reader left it when its label changes."""

from streamlit.testing.v1 import AppTest

from gdclusters.i18n import t
from tests.support.apptest import lazy_expander_keys, open_page


def _script() -> None:
    import streamlit as st

    from ui.blocks import lazy_expander

    lazy_expander(st.session_state.get("label", "Excluded figures (3)"), "box", lambda: st.markdown("inside"))


def _inside(at: AppTest) -> bool:
    return any(m.value == "inside" for m in at.markdown)


def test_open_expander_stays_open_when_its_label_changes():
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not _inside(at), "closed: its content is not built"
    at.session_state["box__open"] = True
    at.run()
    assert _inside(at)
    at.session_state["label"] = "Excluded figures (2)"
    at.run()
    assert _inside(at), "a new label closed the expander"
    at.run()
    assert _inside(at)
    at.session_state["box__open"] = False
    at.run()
    assert not _inside(at)
    at.session_state["label"] = "Excluded figures (1)"
    at.run()
    assert not _inside(at), "a new label opened a closed expander"


def test_open_quotes_stay_open_across_the_language_switch():
    at = open_page("overview", lang="en")
    key = "overview_trillion_quotes__open"
    assert key in lazy_expander_keys(at)
    heading = t("overview.trillion_quotes_joined", "en")
    assert not any(heading in m.value for m in at.markdown)
    at.session_state[key] = True
    at.run()
    assert any(heading in m.value for m in at.markdown)
    at.segmented_control(key="lang").set_value("zh").run()
    assert any(t("overview.trillion_quotes_joined", "zh") in m.value for m in at.markdown), (
        "switching the language closed the quotes"
    )
    # The other lazy expanders of the page stay closed.
    assert at.session_state["overview_trillion_twin__open"] is False
