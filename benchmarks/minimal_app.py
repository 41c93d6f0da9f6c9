"""The baseline for the benchmark: a title, one line of text and one control to trigger a rerun.

The control is a multiselect, the same widget type as the dashboard's city filter, so both apps rerun
through the same front-end path. Run: streamlit run benchmarks/minimal_app.py
"""

import streamlit as st

st.title("Minimal app")
choice = st.multiselect("Cities", ["Guangzhou", "Shenzhen", "Zhuhai", "Foshan"], placeholder="all")
st.write("Selected: " + (", ".join(choice) if choice else "none"))
