"""Which city figures disagree: the definition of each row, the range a figure's wording allows, and the notes.

Where two sources give a figure for the same scope, measure, period, city and definition and the figures
cannot both be true, both rows stay and each is marked with what the other source says.

The disagreement rule (figure_range): a figure stands for the range its wording allows.
  exact   the value as written, give or take half a unit of its last decimal place (rounding);
  about   ± the larger of 1 % and half a unit of its last non-zero digit ("about 4,200" is 4,150–4,250);
  nearly  the "about" range below the value, up to the value;
  over    the value and anything above; under: the value and anything below;
  size_class  an order of magnitude, not a figure: never compared.
Two figures disagree when their ranges do not overlap: "over 2,000" and 2,136.8 agree; 160.89 and
"about 157.84" disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from gdclusters import periods
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import STANDARD_DEFINITION
from gdclusters.i18n import format_value, join_parts, plain_number, t
from gdclusters.sourcing import published_dates, source_labels

SECTION = "city_figures"
GROUP_KEY = ("scope", "metric", "period", "adcode", "definition")
ABOUT_SHARE = 0.01


def definitions(frame: pd.DataFrame) -> pd.Series:
    """Each row's definition; the programme's own (standard) where the column is missing or empty."""
    if "definition" not in frame:
        return pd.Series(STANDARD_DEFINITION, index=frame.index, dtype=object)
    return frame["definition"].fillna("").astype(str).str.strip().replace("", STANDARD_DEFINITION)


def definition_label(definition: str, lang: str) -> str:
    """A definition in words (the [definition] catalogue section)."""
    return t(f"definition.{definition or STANDARD_DEFINITION}", lang)


def _digits(value: float) -> str:
    """The value as written, without grouping, float noise or trailing decimal zeros."""
    return plain_number(abs(float(value)), 6, grouping=False)


def half_last_place(value: float) -> float:
    """Half a unit of the value's last decimal place (157.84 -> 0.005; whole numbers -> 0.5)."""
    text = _digits(value)
    return 0.5 * 10 ** -len(text.split(".")[1]) if "." in text else 0.5


def half_last_digit(value: float) -> float:
    """Half a unit of the value's last non-zero digit (157.84 -> 0.005, 420 -> 5, 15000 -> 500)."""
    text = _digits(value)
    if "." in text:
        return half_last_place(value)
    stripped = text.rstrip("0")
    return 0.5 * 10 ** (len(text) - len(stripped)) if stripped else 0.5


def figure_range(value: float, qualifier: str) -> tuple[float, float] | None:
    """The range of values a figure's wording allows; None for a size class (not compared)."""
    value = float(value)
    qualifier = qualifier or "exact"
    if qualifier == "size_class":
        return None
    if qualifier == "over":
        return value, math.inf
    if qualifier == "under":
        return -math.inf, value
    rounding = half_last_place(value)
    if qualifier in ("about", "nearly"):
        slack = max(ABOUT_SHARE * abs(value), half_last_digit(value))
        return value - slack, value + (rounding if qualifier == "nearly" else slack)
    return value - rounding, value + rounding


def ranges_disagree(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two figure ranges cannot both hold (no overlap); never for a size class."""
    if a is None or b is None:
        return False
    finite = [abs(v) for v in (*a, *b) if math.isfinite(v)]
    tolerance = 1e-9 * max([1.0, *finite])
    return a[1] + tolerance < b[0] or b[1] + tolerance < a[0]


def disagreeing_rows(metrics: pd.DataFrame) -> dict[object, list[object]]:
    """Row label -> the rows of other sources it disagrees with (same scope, measure, period, city, definition)."""
    frame = metrics.assign(definition=definitions(metrics), adcode=metrics["adcode"].fillna(""))
    out: dict[object, list[object]] = {}
    for _, group in frame.groupby(list(GROUP_KEY), sort=False):
        if len(group) < 2:
            continue
        ranges = {label: figure_range(row["value"], row["qualifier"]) for label, row in group.iterrows()}
        for label, row in group.iterrows():
            others = [
                other
                for other, other_row in group.iterrows()
                if other != label
                and other_row["source_id"] != row["source_id"]
                and ranges_disagree(ranges[label], ranges[other])
            ]
            if others:
                out[label] = others
    return out


@memoised_per_args
def dataset_disagreements(ds: Dataset, lang: str) -> pd.Series:
    """disagreement_notes for every row of ds.metrics (computed once per dataset and language)."""
    return disagreement_notes(ds.metrics, source_labels(ds.sources, lang), lang, published_dates(ds.sources))


def disagreement_item(source: str, value: str, basis: str, published: str, lang: str) -> str:
    """'<source> gives <figure>', followed by where the figure's year comes from unless its quote states it
    ('… gives about 157.84 billion yuan (our reading of the source)'): two sources can read one period differently."""
    clause = periods.basis_clause(basis, published, lang)
    key = f"{SECTION}.disagree_item_basis" if clause else f"{SECTION}.disagree_item"
    return t(key, lang, source=source, value=value, clause=clause)


def disagreement_notes(
    metrics: pd.DataFrame, labels: Mapping[str, str], lang: str, published: Mapping[str, str] | None = None
) -> pd.Series:
    """Per row: '' or 'Sources disagree: <other source> gives <figure>; …' (aligned to metrics' index). published
    (source id -> publication date) dates a figure whose year comes from its source's date."""
    published = published or {}
    notes = pd.Series("", index=metrics.index, dtype=object)
    for label, others in disagreeing_rows(metrics).items():
        items = [
            disagreement_item(
                labels.get(metrics.at[o, "source_id"], metrics.at[o, "source_id"]),
                format_value(float(metrics.at[o, "value"]), metrics.at[o, "unit"], lang, metrics.at[o, "qualifier"]),
                str(metrics.at[o, "period_basis"]) if "period_basis" in metrics else "",
                published.get(metrics.at[o, "source_id"], ""),
                lang,
            )
            for o in others
        ]
        notes.at[label] = t(f"{SECTION}.disagree", lang, others=join_parts(items, lang))
    return notes


def disagreement_lines(frame: pd.DataFrame, lang: str, place_column: str | None = None) -> list[str]:
    """One line per disputed figure of a shown frame: '<measure>, <period>: <source> <figure>; <source> <figure>',
    each figure with where its year comes from unless its quote states it (frame columns period_basis_id, published)."""
    flagged = frame[frame["disagreement"] != ""]
    keys = [c for c in (place_column, "measure", "period", "definition_label") if c and c in flagged]
    lines = []
    for key, group in flagged.groupby(keys, sort=False):
        parts = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        parts["period"] = periods.label(str(parts["period"]), lang)  # '2022年', 'H1 2021'
        where = t(f"{SECTION}.where_sep", lang).join(str(parts[c]) for c in keys if c != "definition_label")
        items = join_parts(
            (
                disagreement_item(source, value, str(basis), str(date), lang)
                for source, value, basis, date in zip(
                    group["source"], group["value_text"], group["period_basis_id"], group["published"], strict=True
                )
            ),
            lang,
        )
        lines.append(
            t(f"{SECTION}.disagree_line", lang, where=where, definition=parts.get("definition_label", ""), items=items)
        )
    return lines
