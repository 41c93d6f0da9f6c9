"""CSV bytes of a table: cells as the data files write them, formula-safe, a BOM for Excel and a closing citation
line."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def number_text(value: object) -> object:
    """A cell as the data files write it: booleans as true/false (R's read.csv and the data package read those), a
    whole float without '.0' (3060, not 3060.0), other floats in Python's shortest form, which reads back exactly."""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating) and math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return value


def csv_bytes(frame: pd.DataFrame, citation: str) -> bytes:
    """UTF-8 (with BOM, for Excel) CSV of frame, formula-safe, ending with a '# Source:' citation line."""
    # Text is made formula-safe before numbers become text: a negative number (-6) is not a formula.
    safe = frame.astype(object).map(neutralise_cell).map(number_text)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote cells holding a bare carriage return, which a "\n"
    # terminator would leave unquoted and split the row in a spreadsheet.
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    buffer.write("# " + " ".join(str(neutralise_cell(citation)).split()) + "\r\n")
    return buffer.getvalue().encode("utf-8-sig")
