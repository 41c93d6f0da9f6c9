"""Exports without Streamlit: safe CSV with citation, Vega-Lite spec, file names.

Image rendering (PNG/SVG/PDF via vl-convert), offline map HTML and the ZIP bundle live here too.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd

PROJECT_SLUG = "guangdong-clusters"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, citation: str) -> bytes:
    """UTF-8 (with BOM, for Excel) CSV of frame, formula-safe, ending with a '# Source:' citation line."""
    safe = frame.map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    buffer.write("# " + " ".join(str(neutralise_cell(citation)).split()) + "\n")
    return buffer.getvalue().encode("utf-8-sig")


def spec_json(chart) -> bytes:
    """The chart's Vega-Lite specification as pretty-printed JSON."""
    return json.dumps(chart.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


def file_name(*parts: object, ext: str) -> str:
    """A descriptive file name with no spaces: guangdong-clusters_<parts>.<ext>."""
    cleaned = []
    for part in parts:
        text = re.sub(r"[^0-9A-Za-z_-]+", "-", str(part)).strip("-").lower()
        if text:
            cleaned.append(text)
    return "_".join([PROJECT_SLUG, *cleaned])[:150] + f".{ext}"
