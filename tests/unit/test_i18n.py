"""Catalogues are complete in both languages; figures format the way each language writes them."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdclusters.i18n import LANGUAGES, catalogue, format_value, plain_number, t

ROOT = Path(__file__).resolve().parents[2]


def test_both_catalogues_have_the_same_keys():
    en, zh = set(catalogue("en")), set(catalogue("zh"))
    assert en - zh == set(), f"missing in zh: {sorted(en - zh)}"
    assert zh - en == set(), f"missing in en: {sorted(zh - en)}"


def test_placeholders_match_between_languages():
    for key, text in catalogue("en").items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", catalogue("zh")[key])), key


def test_every_key_used_in_code_exists():
    used = set()
    for path in [
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("ui/*.py"),
        ROOT / "dashboard.py",
        *ROOT.glob("gdclusters/**/*.py"),
    ]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in catalogue("en"))
    assert missing == []


def test_missing_key_is_visible_not_an_exception():
    assert t("no.such_key", "zh") == "⟦no.such_key⟧"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "qualifier", "expected"),
    [
        (1500, "bn_yuan", "en", "exact", "1.5 trillion yuan"),
        (1500, "bn_yuan", "zh", "exact", "1.5万亿元"),
        (2995, "bn_yuan", "en", "nearly", "nearly 2.995 trillion yuan"),
        (3000, "bn_yuan", "zh", "nearly", "近3万亿元"),
        (840.478, "bn_yuan", "en", "exact", "840.478 billion yuan"),
        (840.478, "bn_yuan", "zh", "exact", "8404.78亿元"),
        (600, "bn_yuan", "zh", "over", "超6000亿元"),
        # A figure in trillions would lose digits: it stays in billions, as its source wrote it (49069.97亿元).
        (4906.997, "bn_yuan", "en", "exact", "4,906.997 billion yuan"),
        (4906.997, "bn_yuan", "zh", "exact", "49069.97亿元"),
        (1116.3, "bn_yuan", "zh", "exact", "1.1163万亿元"),
        (1.2345, "bn_yuan", "zh", "exact", "12.345亿元"),
        (5.2, "pct", "en", "exact", "5.2%"),
        (40, "pct", "zh", "about", "约40%"),
        (8, "count", "en", "exact", "8"),
        (311.97, "10k_units", "zh", "exact", "311.97万"),
        (311.97, "10k_units", "en", "exact", "3,119,700 units"),
        (9000, "10k_tonnes_per_year", "zh", "exact", "9000万吨/年"),
        (9000, "10k_tonnes_per_year", "en", "exact", "90 million tonnes a year"),
    ],
)
def test_format_value(value, unit, lang, qualifier, expected):
    assert format_value(value, unit, lang, qualifier) == expected


def _read_back(text: str) -> float:
    """The billions of yuan a formatted money figure says."""
    for suffix, factor in ((" trillion yuan", 1000), (" billion yuan", 1), ("万亿元", 1000), ("亿元", 0.1)):
        if text.endswith(suffix):
            return float(text.removesuffix(suffix).replace(",", "")) * factor
    raise AssertionError(text)


@settings(max_examples=300, deadline=None)
@given(units=st.integers(min_value=0, max_value=10**9), decimals=st.integers(min_value=0, max_value=4))
def test_a_money_figure_is_never_rounded_off(units, decimals):
    # A stated figure has at most 4 decimals in billions (0.0001 bn = 10万元); whatever unit it is written in, it reads back.
    value = units / 10**decimals
    for lang in ("en", "zh"):
        assert _read_back(format_value(value, "bn_yuan", lang)) == pytest.approx(value, rel=1e-12, abs=1e-9)


def test_no_float_noise():
    assert plain_number(0.1 + 0.2) == "0.3"
    assert plain_number(19576.46 / 10) == "1,957.646"


def test_languages_are_en_and_zh():
    assert LANGUAGES == ("en", "zh")


def test_chart_values_are_in_the_unit_the_axis_names():
    from gdclusters.i18n import chart_value, unit_label

    assert chart_value(1.5, "bn_yuan", "zh") == 15 and unit_label("bn_yuan", "zh") == "亿元"
    assert chart_value(311.97, "10k_units", "en") == pytest.approx(3_119_700)
    assert unit_label("10k_units", "en") == "units"
    assert chart_value(9000, "10k_tonnes_per_year", "en") == 90
    assert unit_label("10k_tonnes_per_year", "en") == "million tonnes a year"
    assert chart_value(311.97, "10k_units", "zh") == 311.97


def test_a_working_text_is_read_from_its_chinese_twin_in_chinese():
    import pandas as pd

    from gdclusters.i18n import localised, localised_column

    frame = pd.DataFrame({"role_detail": ["industry belt"], "role_detail_zh": ["产业带"], "summary_en": ["a"]})
    assert localised_column("role_detail", "zh") == "role_detail_zh"
    assert localised_column("summary_en", "zh") == "summary_zh"
    assert localised_column("role_detail", "en") == "role_detail"
    assert list(localised(frame, "role_detail", "zh")) == ["产业带"]
    assert list(localised(frame, "role_detail", "en")) == ["industry belt"]
    assert localised(frame.iloc[0], "role_detail", "zh") == "产业带"
    assert localised({"plan": "x", "plan_zh": "甲"}, "plan", "zh") == "甲"
    # A text with no twin in the data stays in its only language; a twin is never invented.
    assert localised({"quote": "q"}, "quote", "zh") == "q"
    assert list(localised(frame, "summary_en", "zh")) == ["a"]
