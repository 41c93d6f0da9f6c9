"""CSV bytes of a table: formula-safe cells, a BOM for Excel and a closing citation line."""

from __future__ import annotations

import io

import pandas as pd

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
    # CRLF (RFC 4180) also makes the writer quote cells holding a bare carriage return, which a "\n"
    # terminator would leave unquoted and split the row in a spreadsheet.
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    buffer.write("# " + " ".join(str(neutralise_cell(citation)).split()) + "\r\n")
    return buffer.getvalue().encode("utf-8-sig")
