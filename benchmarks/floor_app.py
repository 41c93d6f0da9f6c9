"""The stack's floor for the benchmark: what the fixed stack costs before any dashboard logic.

The minimal app plus the libraries and front-end parts the dashboard cannot do without: pandas and Altair
imported, one Altair bar chart (Streamlit's Vega chunk) and one st.dataframe (its data-grid chunk), redrawn
when the "Cities" multiselect changes. Run: streamlit run benchmarks/floor_app.py
"""

import altair as alt
import pandas as pd
import streamlit as st

CITIES = ["Guangzhou", "Shenzhen", "Zhuhai", "Foshan"]

st.title("Stack floor")
choice = st.multiselect("Cities", CITIES, placeholder="all")
data = pd.DataFrame({"city": CITIES, "value": [4, 3, 2, 1]})
shown = data[data["city"].isin(choice)] if choice else data
st.altair_chart(alt.Chart(shown).mark_bar().encode(x="city:N", y="value:Q"), width="stretch")
st.dataframe(shown, hide_index=True)
