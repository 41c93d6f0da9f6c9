"""Period codes: one reading of their form, order, place on a year axis and name in words."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdclusters import periods

# metrics.period's pattern in datapackage.json (a run of years is a statements.period form only).
CODE = r"\d{4}(H[12]|Q[1-4]|Q1-Q[234]|M(0[1-9]|1[0-2])-M(0[1-9]|1[0-2]))?"


@pytest.mark.parametrize(
    ("code", "en", "zh"),
    [
        ("2023", "2023", "2023年"),
        ("2021H1", "H1 2021", "2021年上半年"),
        ("2021H2", "H2 2021", "2021年下半年"),
        ("2022Q1", "Q1 2022", "2022年第一季度"),
        ("2022Q4", "Q4 2022", "2022年第四季度"),
        ("2023Q1-Q3", "Q1–Q3 2023", "2023年前三季度"),
        ("2024M01-M05", "Jan–May 2024", "2024年1—5月"),
        ("2025M01-M11", "Jan–Nov 2025", "2025年1—11月"),
        ("2025M05-M05", "May 2025", "2025年5月"),
        ("2025Q1-Q2", "Q1–Q2 2025", "2025年上半年"),
        ("2016-2020", "2016–2020", "2016—2020年"),
    ],
)
def test_a_code_is_named_in_words(code, en, zh):
    assert periods.label(code, "en") == en
    assert periods.label(code, "zh") == zh


def test_a_code_of_no_known_form_is_shown_as_it_is():
    assert periods.form("2024W07") is None
    assert periods.label("2024W07", "en") == "2024W07"
    assert periods.order("2024W07")[0] == 2024 and periods.kind("2024W07") == "part_year"


def test_only_a_calendar_year_is_a_full_year():
    assert periods.is_full_year("2023") and periods.kind("2023") == "full_year"
    for code in ("2021H2", "2023Q1-Q3", "2024M01-M05", "2016-2020", "202", ""):
        assert not periods.is_full_year(code), code


def test_the_latest_period_sorts_last_and_a_year_after_its_parts():
    codes = ["2024", "2024M01-M05", "2023", "2024H1", "2023Q1-Q3", "2022Q1", "2024H2"]
    assert sorted(codes, key=periods.order) == [
        "2022Q1",
        "2023Q1-Q3",
        "2023",
        "2024M01-M05",
        "2024H1",
        "2024H2",
        "2024",
    ]


def test_a_part_year_sits_after_its_year_tick_and_before_the_next():
    assert periods.position("2023") == 2023.0
    assert periods.position("2023Q1-Q3") == pytest.approx(2023 + 9 / 24)
    assert periods.position("2024M01-M05") == pytest.approx(2024 + 5 / 24)


@given(st.from_regex(rf"\A{CODE}\Z"))
def test_every_code_the_data_may_hold_has_a_form_and_words_in_both_languages(code):
    period = periods.parse(code)
    assert period.form is not None
    assert 1 <= period.first_month <= 12 and 1 <= period.last_month <= 12
    year, _, full = periods.order(code)
    assert year == int(code[:4]) and full == int(len(code) == 4)
    assert int(code[:4]) <= periods.position(code) < int(code[:4]) + 1
    for lang in ("en", "zh"):
        words = periods.label(code, lang)
        assert code[:4] in words
        # Not the code again (2021H1, 2024M01-M05), no month code (M05) and no placeholder.
        assert not re.search(r"\d{4}[HQM]|M\d|\{|⟦", words), words


# --- where a period's year comes from (metrics.period_basis) ------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_period_says_where_its_year_comes_from_unless_the_quote_writes_it(lang):
    words = periods.label("2021H1", lang)
    assert periods.with_basis("2021H1", "quote", "2021-08-18", lang) == words
    assert periods.with_basis_inline("2021H1", "quote", "2021-08-18", lang) == words
    published = periods.with_basis("2021H1", "published", "2021-08-18", lang)
    assert published.startswith(words) and "2021-08-18" in published and published != words
    context = periods.with_basis("2021H1", "context", "2021-08-18", lang)
    assert context.startswith(words) and context != words and "2021-08-18" not in context
    # Inside brackets ('5.2% (2023, ...)') the clause is not bracketed a second time.
    inline = periods.with_basis_inline("2021H1", "context", "", lang)
    assert inline.startswith(words) and inline != words and not set("()（）") & set(inline)
    assert periods.basis_text("quote", "", lang) != periods.basis_text("context", "", lang)
    assert "2021-08-18" in periods.basis_text("published", "2021-08-18", lang)


def test_an_unknown_basis_such_as_a_readers_own_figure_adds_nothing():
    assert periods.with_basis("2024", "", "", "en") == "2024"
    assert periods.basis_clause("quote", "2025", "zh") == ""


def test_no_basis_gives_no_cell_text():
    assert periods.basis_text("nan", "", "en") == "" and periods.basis_text("", "", "zh") == ""
