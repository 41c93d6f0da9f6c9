"""Less than the stack floor, for the cold-start comparison only: pandas imported and one Vega-Lite chart.

No Altair (the chart is a plain Vega-Lite dictionary), no st.dataframe, no data file, no map, no sidebar: what a
landing page with a single chart cannot do without. Run: streamlit run benchmarks/chart_floor_app.py
"""

import pandas as pd
import streamlit as st

CITIES = ["Guangzhou", "Shenzhen", "Zhuhai", "Foshan"]

st.title("Chart floor")
choice = st.multiselect("Cities", CITIES, placeholder="all")
data = pd.DataFrame({"city": CITIES, "value": [4, 3, 2, 1]})
shown = data[data["city"].isin(choice)] if choice else data
st.vega_lite_chart(
    {
        "data": {"values": shown.to_dict("records")},
        "mark": "bar",
        "encoding": {"x": {"field": "city", "type": "nominal"}, "y": {"field": "value", "type": "quantitative"}},
    },
    width="stretch",
)
