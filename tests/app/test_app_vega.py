"""ui.vega: a chart converted once per object sends exactly the element st.altair_chart sends."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui import vega

    frame = pd.DataFrame({"city": ["广州", "Shenzhen", "a<b>"], "value": [1.5, 2.0, None]})
    bars = (
        alt.Chart(frame, title="Title")
        .mark_bar()
        .encode(x="city:N", y="value:Q", color=alt.Color("city:N", title=None))
    )
    chart = bars + bars.mark_text().encode(text="value:Q")
    # Rows given inline beside a frame (as the maps' city rows are): Altair names them and passes a list.
    rows = alt.InlineData(values=[{"city": "广州", "rank": 1}, {"city": "Shenzhen", "rank": 2}])
    inline = alt.layer(
        alt.Chart(frame).mark_point().encode(x="value:Q"), alt.Chart(rows).mark_text().encode(x="rank:Q", text="city:N")
    )
    for number, shown in enumerate((chart, inline)):
        st.altair_chart(shown, width="stretch", key=f"plain{number}")
        vega.altair_chart(shown, width="stretch", key=f"cached{number}")
    st.session_state["again"] = vega.vega_lite_spec(chart) is vega.vega_lite_spec(chart)


def _protos(at: AppTest):
    return [node.proto for node in at.get("arrow_vega_lite_chart")] or [
        node.proto for node in at.get("vega_lite_chart")
    ]


def test_the_cached_path_sends_what_st_altair_chart_sends():
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    protos = _protos(at)
    assert len(protos) == 4
    for plain, cached in (protos[0:2], protos[2:4]):
        assert cached.spec == plain.spec
        assert [(d.name, d.data.data) for d in cached.datasets] == [(d.name, d.data.data) for d in plain.datasets]
        assert cached.datasets, "the chart's rows travel as Arrow datasets"
        assert '"autosize"' in cached.spec
    # Later calls get the same dictionary back.
    assert at.session_state["again"]


def test_streamlit_does_not_change_the_shared_dictionary():
    import altair as alt
    import pandas as pd

    from ui import vega

    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q", color=alt.Color("x:N", title=None))
    spec = vega.vega_lite_spec(chart)
    before = repr(spec)

    def script():
        import streamlit as st

        st.vega_lite_chart(spec=spec)

    AppTest.from_function(script, default_timeout=60).run()
    assert "datasets" in spec
    assert repr(spec) == before
