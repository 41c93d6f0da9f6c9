"""Period codes, read once: their form, whether they cover a full year, their order, their place on a year axis,
and their name in words.

The data writes a period as a code (datapackage.json, metrics.period): a year (2023), a half (2021H1), a quarter
(2022Q1), the first quarters of a year (2023Q1-Q3), the months of a year to date (2024M01-M05), and in statements
a run of years (2016-2020). Tables, files and the API keep the codes; sentences, tooltips and axes name them in
words ("Jan–May 2024", "2024年1—5月").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from gdclusters.i18n import t

# The forms a period takes in the data: locale key (definitions.period_<key>, periods.<key>), an example as the
# tables print it, the form's pattern.
FORMS = (
    ("year", "2023", r"(?P<year>\d{4})"),
    ("half", "2021H1", r"(?P<year>\d{4})H(?P<half>[12])"),
    ("quarter", "2022Q1", r"(?P<year>\d{4})Q(?P<quarter>[1-4])"),
    ("quarters", "2023Q1-Q3", r"(?P<year>\d{4})Q1-Q(?P<quarter>[234])"),
    ("months", "2024M01-M05", r"(?P<year>\d{4})M(?P<first>0[1-9]|1[0-2])-M(?P<month>0[1-9]|1[0-2])"),
    ("span", "2016-2020", r"(?P<year>\d{4})-(?P<last>\d{4})"),
)


@dataclass(frozen=True)
class Period:
    """A period code, parsed: its form, year and the months it covers (first and last, 1–12)."""

    code: str
    form: str | None
    year: int
    first_month: int = 1
    last_month: int = 12
    last_year: int | None = None

    @property
    def full_year(self) -> bool:
        """True for a calendar year; every other form (a span included) is not one year's full-year figure."""
        return self.form == "year"


@lru_cache(maxsize=512)
def parse(code: str) -> Period:
    """The period a code stands for. A code of no known form keeps its leading year, or 0 when it has none."""
    text = str(code)
    for form, _, pattern in FORMS:
        match = re.fullmatch(pattern, text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if form == "half":
            half = int(parts["half"])
            return Period(text, form, year, 6 * half - 5, 6 * half)
        if form == "quarter":
            quarter = int(parts["quarter"])
            return Period(text, form, year, 3 * quarter - 2, 3 * quarter)
        if form == "quarters":
            return Period(text, form, year, 1, 3 * int(parts["quarter"]))
        if form == "months":
            return Period(text, form, year, int(parts["first"]), int(parts["month"]))
        if form == "span":
            return Period(text, form, year, last_year=int(parts["last"]))
        return Period(text, form, year)
    leading = re.match(r"\d{4}", text)
    return Period(text, None, int(leading.group()) if leading else 0)


def form(code: str) -> str | None:
    """The FORMS key of a code ('half' for '2021H1'), None for a code of no known form."""
    return parse(code).form


def is_full_year(code: str) -> bool:
    """True for a full-year period such as '2023'."""
    return parse(code).full_year


def kind(code: str) -> str:
    """'full_year' for a period such as 2023, 'part_year' for 2021H1, 2022Q1, 2023Q1-Q3 or 2024M01-M05."""
    return "full_year" if is_full_year(code) else "part_year"


def order(code: str) -> tuple[int, int, int]:
    """(year, last month covered, full year first) so that the latest period sorts last."""
    period = parse(code)
    return period.year, period.last_month, int(period.full_year)


def position(code: str) -> float:
    """Where a period sits on a year axis: a year at its tick, a part-year just after it (by the months it
    covers: half a year's width for a whole year's worth), so that it never sits on a full year's tick."""
    period = parse(code)
    if period.form in ("year", "span", None):
        return float(period.year)
    return period.year + period.last_month / 24


def year_ticks(codes) -> tuple[list[int], tuple[float, float]]:
    """A year axis for period codes: one tick a year from the first to the last (a gap of years stays a gap), and
    the axis' extent, with room after the last tick for a part-year point (position)."""
    years = sorted({parse(code).year for code in codes}) or [0]
    ticks = list(range(years[0], years[-1] + 1))
    return ticks, (ticks[0] - 0.35, ticks[-1] + 0.65)


def span_label(first: str, last: str, lang: str) -> str:
    """From one period to another in words ('2021 to H1 2024'); one period when both are the same."""
    if first == last:
        return label(first, lang)
    return t("periods.range", lang, first=label(first, lang), last=label(last, lang))


def labels(codes: Iterable[object], lang: str) -> list[str]:
    """label of each code, in order (a chart's period_label column)."""
    return [label(str(code), lang) for code in codes]


@lru_cache(maxsize=1024)
def label(code: str, lang: str) -> str:
    """A period code in words: 'H1 2021', 'Jan–May 2024', '2021年上半年', '2024年1—5月'; a code of no known form
    is returned as it is."""
    period = parse(code)
    year = period.code[:4]
    if period.form is None:
        return period.code
    if period.form == "half":
        return t(f"periods.half_{1 if period.first_month == 1 else 2}", lang, year=year)
    if period.form == "quarter":
        return t(f"periods.quarter_{period.last_month // 3}", lang, year=year)
    if period.form == "quarters":
        return t(f"periods.quarters_{period.last_month // 3}", lang, year=year)
    if period.form == "months":
        first, last = (t(f"periods.month_{m}", lang) for m in (period.first_month, period.last_month))
        return t("periods.months" if first != last else "periods.month", lang, year=year, first=first, last=last)
    if period.form == "span":
        return t("periods.span", lang, year=year, last=period.last_year)
    return t("periods.year", lang, year=year)


# Where a figure's period comes from (metrics.period_basis, datapackage.json): the quote writes the year; the quote
# gives the period relative to when it was said, so the year is read from the publication date; or the period is
# the project's reading of the source.
BASES = ("quote", "published", "context")


def basis_text(basis: str, published: str, lang: str) -> str:
    """Where a period's year comes from, for a table cell: 'the quote', 'the publication date (2021-08-18)', 'our
    reading of the source'; '' for no basis (a reader's own figure)."""
    return t(f"periods.basis_{basis}", lang, date=published) if basis in BASES else ""


def basis_texts(
    bases: Iterable[object], source_ids: Iterable[str], published: Mapping[str, str], lang: str
) -> list[str]:
    """basis_text of each figure, given its basis and source id and the sources' publication dates (a table column)."""
    return [basis_text(str(b), published.get(s, ""), lang) for b, s in zip(bases, source_ids, strict=True)]


def basis_clause(basis: str, published: str, lang: str) -> str:
    """Where a period's year comes from, as a clause to write after it ('year from the publication date,
    2021-08-18', 'our reading of the source'); '' where the quote states it (or for a reader's own figure)."""
    if basis in ("published", "context"):
        return t(f"periods.clause_{basis}", lang, date=published)
    return ""


def with_basis(code: str, basis: str, published: str, lang: str) -> str:
    """A period in words, followed by where its year comes from unless the quote states it: 'H1 2021 (year from
    the publication date, 2021-08-18)', '2023 (our reading of the source)', '2024'."""
    clause = basis_clause(basis, published, lang)
    return t("periods.with_basis", lang, period=label(code, lang), clause=clause) if clause else label(code, lang)


def labels_with_basis(frame, lang: str) -> list[str]:
    """with_basis of each row of a frame with period, period_basis_id and published columns (a chart's period_label
    for its tooltips)."""
    return [
        with_basis(str(code), str(basis), str(date), lang)
        for code, basis, date in zip(frame["period"], frame["period_basis_id"], frame["published"], strict=True)
    ]


def with_basis_inline(code: str, basis: str, published: str, lang: str) -> str:
    """with_basis for a period already in brackets ('5.2% (2023)'): '2025, our reading of the source'."""
    clause = basis_clause(basis, published, lang)
    return (
        t("periods.with_basis_inline", lang, period=label(code, lang), clause=clause) if clause else label(code, lang)
    )
