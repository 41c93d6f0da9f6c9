"""Altair charts on screen, converted to Vega-Lite once per chart object instead of once per rerun.

`st.altair_chart` turns the chart into a Vega-Lite dictionary on every call (`Chart.to_dict`, which validates
the whole spec against the Vega-Lite JSON schema: ~70 ms for the Overview's trillion-yuan chart) and only then
hands it to the same code as `st.vega_lite_chart`. The charts the pages draw come from memoised views (one shared
object per dataset, filter set and language), so the dictionary is made once per chart object (ui.memo) and
reused by every rerun and session that draws it. The conversion is Streamlit's own (theme off, frames as Arrow
datasets), so the element sent is the same as `st.altair_chart`'s (tests/app/test_app_vega.py compares them).
One step further: named datasets given as rows (the maps' 21 city rows, which Altair passes through as a list)
are turned into Arrow bytes once too, as Streamlit would on every call.
A chart built afresh on each rerun gains nothing and loses nothing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit import dataframe_util
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec, _is_geojson_or_topojson_payload

from ui.memo import per_object


@per_object
def vega_lite_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite dictionary to send for this Altair chart, made once per chart object (shared: read only)."""
    spec = _convert_altair_to_vega_lite_spec(chart)
    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        spec["datasets"] = {name: _as_arrow(values) for name, values in datasets.items()}
    return spec


def _as_arrow(values: Any) -> Any:
    """A named dataset as Streamlit would send it: tabular rows as Arrow bytes, shapes (GeoJSON) as they are."""
    if isinstance(values, bytes) or _is_geojson_or_topojson_payload(values):
        return values
    return dataframe_util.convert_anything_to_arrow_bytes(values)


def altair_chart(chart: Any, *, description: str | None = None, **kwargs: Any) -> Any:
    """Draw an Altair chart as `st.altair_chart(chart, **kwargs)` would, converting it once per chart object.

    description is the chart's text alternative: Vega-Lite's top-level `description`, which the front end's
    vega-embed puts on the chart as its ARIA label (a shallow copy of the shared spec carries it).
    """
    spec = vega_lite_spec(chart)
    if description:
        spec = {**spec, "description": description}
    return st.vega_lite_chart(spec=spec, **kwargs)
