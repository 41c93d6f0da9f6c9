"""ui.vega: a chart converted once per object sends exactly the element st.altair_chart sends."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui import vega

    frame = pd.DataFrame({"city": ["广州", "Shenzhen", "a<b>"], "value": [1.5, 2.0, None]})
    bars = alt.Chart(frame, title="Title").mark_bar().encode(x="city:N", y="value:Q", color=alt.Color("city:N", title=None))
    chart = bars + bars.mark_text().encode(text="value:Q")
    st.altair_chart(chart, width="stretch", key="plain")
    vega.altair_chart(chart, width="stretch", key="cached")
    st.session_state["again"] = vega.vega_lite_spec(chart) is vega.vega_lite_spec(chart)


def _protos(at: AppTest):
    return [node.proto for node in at.get("arrow_vega_lite_chart")] or [
        node.proto for node in at.get("vega_lite_chart")
    ]


def test_the_cached_path_sends_what_st_altair_chart_sends():
    at = AppTest.from_function(_script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    plain, cached = _protos(at)
    assert cached.spec == plain.spec
    assert [(d.name, d.data.data) for d in cached.datasets] == [(d.name, d.data.data) for d in plain.datasets]
    assert cached.datasets, "the chart's frame travels as an Arrow dataset"
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
