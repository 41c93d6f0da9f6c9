"""Interface strings in English and Chinese, and the one function that formats figures for display.

Catalogues live in gdclusters/locales/<lang>.toml, one file per language, grouped in sections
(one per page or component). Look a string up with t("app.title", lang) or t("notices.too_many", lang, limit=3).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
MISSING_MARK = "⟦{key}⟧"


def _flatten(prefix: str, node: dict, out: dict[str, str]) -> None:
    """Flatten nested TOML tables into dotted keys."""
    for key, value in node.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(dotted, value, out)
        else:
            out[dotted] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All strings of one language as a flat dict of dotted keys."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    with open(LOCALES_DIR / f"{lang}.toml", "rb") as handle:
        out: dict[str, str] = {}
        _flatten("", tomllib.load(handle), out)
    return out


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for key in lang, formatted with values; a visible marker if the key is missing."""
    text = catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(key)
    if text is None:
        return MISSING_MARK.format(key=key)
    return text.format(**values) if values else text


def join_parts(parts: Iterable[str], lang: str) -> str:
    """Clauses or list items as one text: "A; B" in English, "A；B" in Chinese (sources, target parts, tooltips)."""
    return t("format.part_sep", lang).join(parts)


def column_labels(section: str, columns: Iterable[str], lang: str) -> dict[str, str]:
    """Column headers of a table in lang, from the catalogue keys <section>.col_<column>."""
    return {column: t(f"{section}.col_{column}", lang) for column in columns}


# A working text's Chinese twin is the column named like it with _zh (role_detail -> role_detail_zh,
# summary_en -> summary_zh), placed right after it in data/datapackage.json.
TWIN_SUFFIX = "_zh"


def localised_column(name: str, lang: str, available: Iterable[str] | None = None) -> str:
    """The column holding working text name in lang: its Chinese twin in Chinese, else name itself.

    With available (a frame's columns, a row's keys), a text that has no twin there by design stays in English.
    """
    if lang != "zh":
        return name
    twin = name.removesuffix("_en") + TWIN_SUFFIX
    return twin if available is None or twin in available else name


def localised(data, name: str, lang: str):
    """Working text name of a frame (the column), a row or a dict (the value), in lang."""
    return data[localised_column(name, lang, data.keys())]


def plain_number(value: float, max_decimals: int = 4, grouping: bool = True) -> str:
    """A number with no float noise and no trailing zeros (1234.5 -> '1,234.5', or '1234.5' ungrouped)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:{',' if grouping else ''}.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def trillions_are_exact(value: float) -> bool:
    """Whether a sum in billions of yuan reads in trillions with at most 4 decimals and loses nothing: 15000 and
    1116.3 do, 4906.997 (49069.97亿元) does not; it then stays in billions (亿元), as its source wrote it."""
    return math.isclose(round(value / 1000, 4) * 1000, round(value, 4), rel_tol=0, abs_tol=1e-6)


def format_value(value: float, unit: str, lang: str = DEFAULT_LANGUAGE, qualifier: str = "exact") -> str:
    """Format a figure in its unit the way a reader of lang expects (亿元/万亿元 or billion/trillion yuan), never
    rounding a figure off: trillions only where they keep every digit the billions (亿元) have."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("format.no_value", lang)
    if unit == "bn_yuan":
        in_trillions = abs(value) >= 1000 and trillions_are_exact(value)
        if lang == "zh":
            body = (
                f"{plain_number(value / 1000, grouping=False)}万亿元"
                if in_trillions
                else f"{plain_number(value * 10, 3, grouping=False)}亿元"
            )
        else:
            body = (
                f"{plain_number(value / 1000)} trillion yuan" if in_trillions else f"{plain_number(value)} billion yuan"
            )
    elif unit == "pct":
        body = f"{plain_number(value, 2, grouping=lang != 'zh')}%"
    elif unit == "pp":
        body = t("format.value_pp", lang, value=plain_number(value, 2, grouping=lang != "zh"))
    elif unit == "10k_units":
        body = (
            f"{plain_number(value, 2, grouping=False)}万"
            if lang == "zh"
            else f"{plain_number(value * 10_000, 0)} units"
        )
    elif unit == "10k_tonnes_per_year":
        body = (
            f"{plain_number(value, 2, grouping=False)}万吨/年"
            if lang == "zh"
            else f"{plain_number(value / 100, 4)} million tonnes a year"
        )
    else:
        body = plain_number(value, 0) if float(value).is_integer() else plain_number(value)
    if qualifier in ("", "exact", None):
        return body
    return t(f"format.qualifier_{qualifier}", lang, value=body)


def unit_label(unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The unit's name for axis titles and column headers (e.g. 'billion yuan', '亿元')."""
    return t(f"format.unit_{unit}", lang)


def chart_value(value: float, unit: str, lang: str = DEFAULT_LANGUAGE) -> float:
    """The value in the unit unit_label names for lang (e.g. 亿元 in Chinese, billion yuan in English)."""
    if unit == "bn_yuan" and lang == "zh":
        return value * 10
    if unit == "10k_units" and lang != "zh":
        return value * 10_000
    if unit == "10k_tonnes_per_year" and lang != "zh":
        return value / 100
    return value
