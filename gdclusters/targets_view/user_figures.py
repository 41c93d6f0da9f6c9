"""User figures ("hypothetical or newer observations"): the form and upload checks, and their metrics rows.

They live only in the page's session state as a list of dicts {target_id, period, value, qualifier},
value in the target's data unit (bn_yuan for money); they are turned into metrics rows with
source_id "user" here, so the status rule treats them like any other observation of the lowest
reliability: where a published figure exists for the same year, the published one counts.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, SupportsFloat, cast

import pandas as pd

from gdclusters.dataset import Dataset
from gdclusters.domain import user_qualifiers
from gdclusters.i18n import chart_value, format_value, plain_number, t
from gdclusters.targets_view.wording import USER_SOURCE, metric_label, scope_name

SESSION_KEY = "targets_user_observations"
MAX_USER_ROWS = 50
MAX_UPLOAD_BYTES = 100 * 1024
YEAR_RANGE = (2000, 2100)
VALUE_LIMIT = 1e7
UPLOAD_COLUMNS = ("target_id", "period", "value", "qualifier")

_YEAR = re.compile(r"^\d{4}$")
# The user's figures as a hashable value: one tuple of (key, value) pairs per row, in order.
UserRowsKey = tuple[tuple[tuple[str, Any], ...], ...]


def user_metric_rows(targets: pd.DataFrame, user_rows: list[dict]) -> pd.DataFrame:
    """User figures as metrics rows (source_id 'user') of their target's scope, metric and city."""
    by_id = targets.set_index("target_id")
    rows = []
    for row in user_rows:
        if row.get("target_id") not in by_id.index:
            continue
        target = by_id.loc[row["target_id"]]
        # A hypothetical figure is taken to share the target's definition: the user enters it for that target.
        rows.append(
            dict(
                scope=target["scope"],
                metric=target["metric"],
                period=str(row["period"]),
                value=float(row["value"]),
                unit=target["unit"],
                qualifier=row.get("qualifier", "exact"),
                adcode=target["adcode"],
                definition=target.get("definition", ""),
                source_id=USER_SOURCE,
                quote="",
                note="",
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "scope",
            "metric",
            "period",
            "value",
            "unit",
            "qualifier",
            "adcode",
            "definition",
            "source_id",
            "quote",
            "note",
        ],
    )


def amended_metrics(ds: Dataset, user_rows: list[dict]) -> pd.DataFrame:
    """The published metrics plus the user's figures."""
    extra = user_metric_rows(ds.targets, user_rows)
    return pd.concat([ds.metrics, extra], ignore_index=True) if not extra.empty else ds.metrics


def user_rows_key(user_rows: Sequence[Mapping[str, Any]]) -> UserRowsKey | None:
    """The user's figures as a hashable value that gives them back unchanged (a memo key); None if one is not."""
    key = tuple(tuple(row.items()) for row in user_rows)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def user_rows_from_key(key: UserRowsKey) -> list[dict]:
    """The user's figures a user_rows_key value stands for."""
    return [dict(items) for items in key]


def display_to_data_value(value: float, unit: str, lang: str) -> float:
    """A number typed in the unit shown to the reader (亿元 in Chinese) converted to the data unit."""
    return value / chart_value(1.0, unit, lang)


def check_observation(period: object, value: object, qualifier: object, lang: str) -> str | None:
    """An error message for an invalid user figure, None when it is valid (the same rule for form and upload)."""
    text = str(period).strip() if period is not None else ""
    if not _YEAR.match(text) or not YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return t("targets.error_period", lang, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    try:
        number = float(cast(Any, value))  # any input: what float() cannot read is caught here
    except (TypeError, ValueError):
        return t("targets.error_value", lang, limit=plain_number(VALUE_LIMIT, 0))
    if not math.isfinite(number) or not 0 < number < VALUE_LIMIT:
        return t("targets.error_value", lang, limit=plain_number(VALUE_LIMIT, 0))
    if qualifier not in user_qualifiers():
        return t("targets.error_qualifier", lang, allowed=", ".join(user_qualifiers()))
    return None


def add_observation(
    user_rows: list[dict],
    targets: pd.DataFrame,
    target_id: str,
    period: object,
    value: object,
    qualifier: object,
    lang: str,
    display_unit: bool = True,
) -> tuple[list[dict], str | None]:
    """The user rows with one figure added, or the rows unchanged and an error message.

    value is in the unit shown to the reader (亿元 in Chinese) when display_unit, else in the data
    unit. A figure for a (target, year) the user already entered replaces the earlier one.
    """
    match = targets[targets["target_id"] == target_id]
    if match.empty or bool(match.iloc[0]["qualitative"]):
        return user_rows, t("targets.error_target", lang)
    error = check_observation(period, value, qualifier, lang)
    if error:
        return user_rows, error
    period_text = str(period).strip()
    kept = [row for row in user_rows if (row["target_id"], row["period"]) != (target_id, period_text)]
    if len(kept) >= MAX_USER_ROWS:
        return user_rows, t("targets.error_full", lang, limit=MAX_USER_ROWS)
    unit = match.iloc[0]["unit"]
    number = float(cast(SupportsFloat | str, value))  # check_observation has read it as a number
    stored = display_to_data_value(number, unit, lang) if display_unit else number
    return [*kept, {"target_id": target_id, "period": period_text, "value": stored, "qualifier": qualifier}], None


def parse_upload(raw: bytes, user_rows: list[dict], targets: pd.DataFrame, lang: str) -> tuple[list[dict], list[str]]:
    """User rows with the figures of an uploaded CSV (target_id,period,value,qualifier; value in the data unit).

    Returns the new rows and one error message per rejected line; nothing is added when the file
    itself is unusable.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        return user_rows, [t("targets.error_upload_size", lang, limit=MAX_UPLOAD_BYTES // 1024)]
    try:
        text = raw.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = [h.strip() for h in (reader.fieldnames or [])]
        lines = list(reader)
    except (UnicodeDecodeError, csv.Error):
        return user_rows, [t("targets.error_upload_format", lang, columns=",".join(UPLOAD_COLUMNS))]
    if sorted(header) != sorted(UPLOAD_COLUMNS):
        return user_rows, [t("targets.error_upload_format", lang, columns=",".join(UPLOAD_COLUMNS))]
    rows, errors = list(user_rows), []
    for number, line in enumerate(lines, start=2):
        cells = {key.strip(): (value or "").strip() for key, value in line.items() if key}
        qualifier = cells["qualifier"] or "exact"
        rows, error = add_observation(
            rows, targets, cells["target_id"], cells["period"], cells["value"], qualifier, lang, display_unit=False
        )
        if error:
            errors.append(t("targets.error_upload_line", lang, line=number, error=error))
    return rows, errors


def user_rows_table(ds: Dataset, user_rows: list[dict], lang: str) -> pd.DataFrame:
    """The user's figures for display: target, period, value in words, marked as user figures."""
    by_id = ds.targets.set_index("target_id")
    rows = []
    for row in user_rows:
        if row["target_id"] not in by_id.index:
            continue
        target = by_id.loc[row["target_id"]]
        rows.append(
            {
                t("targets.col_scope_name", lang): scope_name(ds, target["scope"], target["adcode"], lang),
                t("targets.col_metric_label", lang): metric_label(ds, target["metric"], lang),
                t("targets.col_period", lang): row["period"],
                t("targets.col_value", lang): format_value(float(row["value"]), target["unit"], lang, row["qualifier"]),
                t("targets.col_origin", lang): t("targets.user_source", lang),
            }
        )
    return pd.DataFrame(rows)


def user_row_text(ds: Dataset, row: dict, lang: str) -> str:
    """One user figure in words, in its target's unit ('nearly 1.6 trillion yuan')."""
    target = ds.targets[ds.targets["target_id"] == row["target_id"]]
    unit = target.iloc[0]["unit"] if not target.empty else ""
    return format_value(float(row["value"]), unit, lang, row["qualifier"])
