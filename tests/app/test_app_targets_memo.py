"""The Growth targets page's memoised views in the running app (AppTest): sessions share one dataset and its
memo, so one session's figures must show in that session only, and a rerun must draw the same charts."""

from streamlit.testing.v1 import AppTest

from gdclusters.i18n import t
from gdclusters.targets_view import SESSION_KEY
from tests.support.apptest import assert_healthy, chart_specs, open_page, title_text
from ui import loading

HEADLINE = "emerging10-revenue-growth-2025"
REGISTER_KEY = "_memoised_register_table"


def headline_status(at: AppTest) -> str:
    """The headline target's status code in the register table on screen."""
    (table,) = [frame.value for frame in at.dataframe if "status_code" in frame.value.columns]
    return table.set_index("target_id").loc[HEADLINE, "status_code"]


def path_title(at: AppTest) -> str:
    """The title of the one target's path chart (the scorecard chart comes first)."""
    return title_text(chart_specs(at)[-1])


def add_figure(at: AppTest, period: str, value: float) -> AppTest:
    at.text_input(key="targets_form_period").input(period)
    at.number_input(key="targets_form_value").set_value(value)
    at.button(key="targets_form_submit").click()
    return at.run()


def register_memo_keys() -> list[tuple]:
    """The argument tuples the register is memoised under on the dataset the sessions share."""
    store = loading.dataset().derived
    return [args for name, entries in store.items() if name.endswith(REGISTER_KEY) for args in entries]


def test_a_users_figure_shows_in_their_session_only():
    mine = open_page("targets")
    add_figure(mine, "2024", 1600)
    assert_healthy(mine)
    assert mine.session_state[SESSION_KEY] and headline_status(mine) == "behind"
    assert path_title(mine).endswith(t("targets.indicative_status", "en", status=t("status.behind", "en")))
    # The figure was memoised on the dataset every session shares: the case the next session must not see.
    assert any(args[2] for args in register_memo_keys()), "the sessions did not share the memo"

    other = open_page("targets")
    assert_healthy(other)
    assert headline_status(other) == "ahead"
    assert path_title(other).endswith(t("targets.indicative_status", "en", status=t("status.ahead", "en")))

    mine.multiselect(key="city").set_value(["440300"]).run()
    mine.multiselect(key="city").set_value([]).run()
    assert_healthy(mine)
    assert headline_status(mine) == "behind", "my figure must still apply after the other session's run"
    assert path_title(mine).endswith(t("targets.indicative_status", "en", status=t("status.behind", "en")))


def test_a_rerun_shows_the_same_page():
    at = open_page("targets", {"city": "440300"})
    assert_healthy(at)
    first = (chart_specs(at), [frame.value for frame in at.dataframe])
    at.run()
    assert_healthy(at)
    again = (chart_specs(at), [frame.value for frame in at.dataframe])
    assert again[0] == first[0]
    assert len(again[1]) == len(first[1]) and all(a.equals(b) for a, b in zip(again[1], first[1], strict=True))
