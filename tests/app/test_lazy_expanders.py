"""A lazy expander (ui.blocks.lazy_expander) opens and closes on each click, and stays as the reader left it when
its label changes. The clicks are sent as the browser sends them (tests.support.apptest.ExpanderBrowser)."""

from streamlit.testing.v1 import AppTest

from gdclusters.i18n import t
from tests.support.apptest import ExpanderBrowser, open_page


def _script() -> None:
    import streamlit as st

    from ui.blocks import lazy_expander

    lazy_expander(st.session_state.get("label", "Excluded figures (3)"), "box", lambda: st.markdown("inside"))
    st.button("rerun")


def _inside(at: AppTest) -> bool:
    return any(m.value == "inside" for m in at.markdown)


def test_every_click_opens_or_closes_the_expander():
    at = AppTest.from_function(_script, default_timeout=60).run()
    browser = ExpanderBrowser(at)
    assert not _inside(at), "closed: its content is not built"
    for expected in (True, False, True, False):
        browser.run(click="Excluded figures (3)")
        assert _inside(at) is expected, "a click was lost"
        assert browser.is_open("Excluded figures (3)") is expected
        browser.run()
        assert _inside(at) is expected, "a rerun changed the expander"


def test_an_open_expander_stays_open_when_its_label_changes_and_a_closed_one_closed():
    at = AppTest.from_function(_script, default_timeout=60).run()
    browser = ExpanderBrowser(at)
    browser.run(click="Excluded figures (3)")
    assert _inside(at)
    at.session_state["label"] = "Excluded figures (2)"
    browser.run()
    assert _inside(at), "a new label closed the expander"
    assert browser.is_open("Excluded figures (2)")
    browser.run(click="Excluded figures (2)")
    assert not _inside(at), "the click that closes it after a new label was lost"
    at.session_state["label"] = "Excluded figures (1)"
    browser.run()
    assert not _inside(at), "a new label opened a closed expander"
    assert not browser.is_open("Excluded figures (1)")
    browser.run(click="Excluded figures (1)")
    assert _inside(at)


def test_open_quotes_stay_open_across_the_language_switch():
    at = open_page("overview", lang="en")
    browser = ExpanderBrowser(at)
    label, heading = t("overview.trillion_quotes", "en"), t("overview.trillion_quotes_joined", "en")
    assert not any(heading in m.value for m in at.markdown)
    browser.run(click=label)
    assert any(heading in m.value for m in at.markdown)
    at.segmented_control(key="lang").set_value("zh")
    browser.run()
    assert any(t("overview.trillion_quotes_joined", "zh") in m.value for m in at.markdown), (
        "switching the language closed the quotes"
    )
    assert browser.is_open(t("overview.trillion_quotes", "zh"))
    # The chart's table twin, closed, stays closed.
    assert not browser.is_open(t("a11y.table_twin", "zh"))
    browser.run(click=t("overview.trillion_quotes", "zh"))
    assert not any(t("overview.trillion_quotes_joined", "zh") in m.value for m in at.markdown)
