"""The stack's floor for the benchmark: what the fixed stack costs before any dashboard logic.

The minimal app plus the libraries and front-end parts the dashboard cannot do without: pandas and Altair
imported, one Altair bar chart (Streamlit's Vega chunk) and one st.dataframe (its data-grid chunk), redrawn
when the "Cities" multiselect changes. Like the dashboard it reads its filter from the URL: `?city=<adcode>`
(repeatable) picks the cities, so benchmarks/capacity.py can rerun both apps the same way. The frame is the 21
cities of data/cities.csv, read once per process (st.cache_data at the I/O boundary, as the dashboard does).
Run: streamlit run benchmarks/floor_app.py
"""

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

CITIES_CSV = Path(__file__).resolve().parents[1] / "data" / "cities.csv"


@st.cache_data(show_spinner=False)
def cities() -> pd.DataFrame:
    """The 21 cities (adcode, English name) with a made-up value to draw."""
    frame = pd.read_csv(CITIES_CSV, dtype={"adcode": str}, usecols=["adcode", "name_en"])
    return frame.rename(columns={"name_en": "city"}).assign(value=range(len(frame), 0, -1))


data = cities()
names = dict(zip(data["adcode"], data["city"], strict=True))
from_url = [names[code] for code in st.query_params.get_all("city") if code in names]

st.title("Stack floor")
choice = st.multiselect("Cities", list(names.values()), default=from_url, placeholder="all")
shown = data[data["city"].isin(choice)] if choice else data
st.altair_chart(alt.Chart(shown).mark_bar().encode(x="city:N", y="value:Q"), width="stretch")
st.dataframe(shown, hide_index=True)
