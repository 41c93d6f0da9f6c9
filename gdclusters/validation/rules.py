"""Cross-table rules a Table Schema cannot express, one function each, run in order from RULES."""

from __future__ import annotations

import itertools
import re

from gdclusters.paths import DESCRIPTOR_NAME
from gdclusters.validation.report import Table, ValidationReport

EXPECTED_ROWS = {"cities": 21, "clusters": 20}
EXPECTED_CATEGORY_COUNTS = {"pillar": 10, "emerging": 10}

GOVERNMENT_HOSTS = (".gov.cn", ".gov.hk")


def _host(url: str) -> str:
    """The host part of a URL, lower-cased, without port."""
    match = re.match(r"^[a-z]+://([^/:?#]+)", url.strip(), flags=re.IGNORECASE)
    return match.group(1).lower() if match else ""


def is_government_url(url: str) -> bool:
    """True when the URL's host is a government site (ends with .gov.cn or .gov.hk)."""
    host = _host(url)
    return any(host.endswith(suffix) or host == suffix[1:] for suffix in GOVERNMENT_HOSTS)


def _rows(table: Table):
    """(row, line) pairs of a table."""
    return zip(table.rows, table.lines, strict=True)


def rule_row_counts(tables: dict[str, Table], report: ValidationReport) -> None:
    """cities.csv has exactly 21 rows and clusters.csv exactly 20, 10 of each category."""
    for name, expected in EXPECTED_ROWS.items():
        table = tables.get(name)
        if table is not None and len(table.rows) != expected:
            report.add(table.path, f"has {len(table.rows)} rows; expected exactly {expected}.")
    clusters = tables.get("clusters")
    if clusters is not None:
        for category, expected in EXPECTED_CATEGORY_COUNTS.items():
            count = sum(r["category"] == category for r in clusters.rows)
            if count != expected:
                report.add(clusters.path, f"has {count} {category} clusters; expected {expected}.", column="category")


def _known_scopes(tables: dict[str, Table]) -> set[str]:
    scopes: set[str] = set()
    if "clusters" in tables:
        scopes |= {r["cluster_id"] for r in tables["clusters"].rows}
    if "scopes" in tables:
        scopes |= {r["scope"] for r in tables["scopes"].rows}
    return scopes


def rule_scopes_are_known(tables: dict[str, Table], report: ValidationReport) -> None:
    """Every fact's scope is a cluster_id or a scope of scopes.csv."""
    scopes = _known_scopes(tables)
    if not scopes:
        return
    for name in ("metrics", "targets", "statements"):
        table = tables.get(name)
        if table is None:
            continue
        for row, line in _rows(table):
            if row.get("scope") and row["scope"] not in scopes:
                report.add(
                    table.path,
                    f"'{row['scope']}' is neither a cluster_id in clusters.csv nor a scope in scopes.csv.",
                    line=line,
                    column="scope",
                )


def rule_units_match_metric(tables: dict[str, Table], report: ValidationReport) -> None:
    """A fact's unit is the unit metric_definitions.csv gives its metric."""
    definitions = tables.get("metric_definitions")
    units = {r["metric"]: r["unit"] for r in definitions.rows} if definitions is not None else {}
    for name in ("metrics", "targets"):
        table = tables.get(name)
        if table is None:
            continue
        for row, line in _rows(table):
            unit = units.get(row["metric"])
            if unit and row["unit"] and row["unit"] != unit:
                report.add(
                    table.path,
                    f"unit '{row['unit']}' does not match metric '{row['metric']}', "
                    f"whose unit is '{unit}' (metric_definitions.csv).",
                    line=line,
                    column="unit",
                )


UNIT_SUFFIXES = {"_pct": "pct", "_pp": "pp"}


def rule_unit_suffixes(tables: dict[str, Table], report: ValidationReport) -> None:
    """A metric named *_pct is in percent and one named *_pp in percentage points, nothing else."""
    definitions = tables.get("metric_definitions")
    if definitions is None:
        return
    for row, line in _rows(definitions):
        for suffix, unit in UNIT_SUFFIXES.items():
            if row["metric"].endswith(suffix) and row["unit"] != unit:
                report.add(
                    definitions.path,
                    f"metric '{row['metric']}' ends in '{suffix}', so its unit must "
                    f"be '{unit}', not '{row['unit']}' (percentage points are not percent).",
                    line=line,
                    column="unit",
                )


def rule_target_numbers(tables: dict[str, Table], report: ValidationReport) -> None:
    """A target is qualitative or has a number; a baseline has both value and period; ranges are ordered."""
    targets = tables.get("targets")
    if targets is None:
        return
    for row, line in _rows(targets):
        has_number = bool(row["target_value"] or row["target_annual_growth_pct"])
        if row["qualitative"].lower() == "false" and not has_number:
            report.add(
                targets.path,
                "a non-qualitative target needs target_value or target_annual_growth_pct (or set qualitative to true).",
                line=line,
                column="target_value",
            )
        if row["qualitative"].lower() == "true" and has_number:
            report.add(
                targets.path,
                "a qualitative target has no target_value or target_annual_growth_pct; set qualitative to false.",
                line=line,
                column="qualitative",
            )
        if bool(row["baseline_value"]) != bool(row["baseline_period"]):
            report.add(
                targets.path,
                "baseline_value and baseline_period go together: fill both or neither.",
                line=line,
                column="baseline_value",
            )
        _check_range(targets, row, line, report)


def _check_range(targets: Table, row: dict[str, str], line: int, report: ValidationReport) -> None:
    """target_value_max goes with comparator 'between' and is at least target_value."""
    if "target_value_max" not in row:
        return
    top, between = row["target_value_max"], row["comparator"] == "between"
    if between and not (top and row["target_value"]):
        report.add(
            targets.path,
            "comparator 'between' needs both target_value (lower end) and target_value_max (upper end).",
            line=line,
            column="target_value_max",
        )
    elif top and not between:
        report.add(
            targets.path,
            "target_value_max is only for a range: set comparator to 'between' or empty target_value_max.",
            line=line,
            column="target_value_max",
        )
    elif (
        between
        and (high := _number(top)) is not None
        and (low := _number(row["target_value"])) is not None
        and high < low
    ):
        report.add(
            targets.path,
            f"target_value_max {top} is below target_value {row['target_value']}: "
            "a range runs from the lower to the upper end.",
            line=line,
            column="target_value_max",
        )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def rule_supersession(tables: dict[str, Table], report: ValidationReport) -> None:
    """superseded_by names another target of the same scope and city, and never leads back."""
    targets = tables.get("targets")
    if targets is None or "superseded_by" not in targets.header:
        return
    by_id = {r["target_id"]: r for r in targets.rows}
    for row, line in _rows(targets):
        successor = row["superseded_by"]
        if not successor:
            continue
        if successor == row["target_id"]:
            report.add(targets.path, "a target cannot supersede itself.", line=line, column="superseded_by")
            continue
        later = by_id.get(successor)
        if later is None:
            report.add(
                targets.path, f"'{successor}' is not a target_id in {targets.path}.", line=line, column="superseded_by"
            )
            continue
        if (later["scope"], later["adcode"]) != (row["scope"], row["adcode"]):
            report.add(
                targets.path,
                f"successor '{successor}' has scope '{later['scope']}' and adcode "
                f"'{later['adcode']}'; a successor must keep the scope '{row['scope']}' and adcode "
                f"'{row['adcode']}'.",
                line=line,
                column="superseded_by",
            )
        seen, current = {row["target_id"]}, successor
        while current and current in by_id:
            if current in seen:
                report.add(
                    targets.path, f"superseded_by forms a cycle through '{current}'.", line=line, column="superseded_by"
                )
                break
            seen.add(current)
            current = by_id[current]["superseded_by"]


def rule_reliability_tiers(tables: dict[str, Table], report: ValidationReport) -> None:
    """Tier A only for a government site that is not a mirror; a mirror is B only when checked."""
    sources = tables.get("sources")
    if sources is None:
        return
    for row, line in _rows(sources):
        mirror = row.get("mirror_of", "")
        if row["reliability"] == "A" and (not is_government_url(row["url"]) or mirror):
            why = (
                "it is a mirror or repost"
                if mirror
                else f"its URL host '{_host(row['url'])}' is not a government site (.gov.cn, .gov.hk)"
            )
            report.add(
                sources.path,
                f"tier A is only for a government site's own page, and {why}. Use B "
                "(mainstream media, or a repost checked against another copy) or C.",
                line=line,
                column="reliability",
            )
        if mirror and row["reliability"] == "B" and not row.get("checked_against", ""):
            report.add(
                sources.path,
                "a mirror or repost is tier B only when it was checked against "
                "another copy: fill checked_against, or use C.",
                line=line,
                column="reliability",
            )


def rule_region_cities(tables: dict[str, Table], report: ValidationReport) -> None:
    """Every adcode a region lists is a city of cities.csv."""
    cities = {r["adcode"] for r in tables["cities"].rows} if "cities" in tables else set()
    regions = tables.get("regions")
    if regions is None or not cities:
        return
    for row, line in _rows(regions):
        for code in row["adcodes"].split():
            if code not in cities:
                report.add(regions.path, f"'{code}' is not a known adcode in cities.csv.", line=line, column="adcodes")


def rule_plan_bases(tables: dict[str, Table], report: ValidationReport) -> None:
    """A 2016–2020 plan base names exactly one of a city and a region."""
    bases = tables.get("plan_bases_2016_2020")
    if bases is None:
        return
    for row, line in _rows(bases):
        if bool(row["adcode"]) == bool(row["region_id"]):
            report.add(bases.path, "give exactly one of adcode and region_id.", line=line, column="adcode")


def rule_milestone_industries(tables: dict[str, Table], report: ValidationReport) -> None:
    """Every industry a future milestone names is in future_industries.csv."""
    future, milestones = tables.get("future_industries"), tables.get("future_milestones")
    if future is None or milestones is None:
        return
    known = {r["industry_id"] for r in future.rows}
    for row, line in _rows(milestones):
        for ident in row["industry_ids"].split():
            if ident not in known:
                report.add(
                    milestones.path,
                    f"'{ident}' is not an industry_id in {future.path}.",
                    line=line,
                    column="industry_ids",
                )


CHINESE_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# A period given relative to when it was said: the year before it (去年, 'last year'), or its own year (今年, 上半年,
# 一季度, 前三季度, 1-4月, 前10个月, 'the first half', 'Q1'). A month with a day ("10月30日") is a date, not a period.
LAST_YEAR = re.compile(r"去年|(?i:last year)")
THIS_YEAR = re.compile(
    r"今年|本年|上半年|下半年|[一二三四1-4]季度|前三季度|前\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*个月"
    r"|\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月|(?<![\d年])\d{1,2}月(?!\s*\d{1,2}\s*[日号])"
    r"|(?i:this year|first half|(?:first|second|third|fourth) quarter|first (?:two|three) quarters"
    r"|first \d{1,2} months)|\b[HQ][1-4]\b"
)
# A year in a quote: 2021 (not 2021亿元, not the 2020s), 21年 (not 近20年, 20年来, 经过20年 or 20年前: durations).
YEAR_NUMBER_AFTER = r"(?![\d亿万千百余多个家台元吨s])"
SHORT_YEAR_BEFORE = r"(?<![\d近多数几十余超逾过用历])"
SHORT_YEAR_AFTER = r"(?![代来间内前后])"


def quote_states_year(quote: str, year: str) -> bool:
    """True when quote writes the year: 2021, 21年, full-width ２０２１ or ２１年, 二〇二一 (see YEAR_NUMBER_AFTER
    and SHORT_YEAR_* for what does not count)."""
    short = year[2:]
    wide = year.translate(FULL_WIDTH_DIGITS)
    return bool(
        re.search(rf"(?<!\d){year}{YEAR_NUMBER_AFTER}", quote)
        or re.search(rf"{SHORT_YEAR_BEFORE}{short}年{SHORT_YEAR_AFTER}", quote)
        or wide in quote
        or re.search(rf"(?<![０-９]){wide[2:]}年", quote)
        or year.translate(CHINESE_DIGITS) in quote
        or year.translate(CHINESE_DIGITS).replace("〇", "零") in quote
    )


def years_relative_to(quote: str, published_year: int) -> set[int]:
    """The years a quote's relative period can mean, said in published_year: the year before for 去年, the same
    year for 今年, 上半年, 一季度, …; empty when the quote gives no period relative to when it was said."""
    years = set()
    if LAST_YEAR.search(quote):
        years.add(published_year - 1)
    if THIS_YEAR.search(quote):
        years.add(published_year)
    return years


def rule_period_basis(tables: dict[str, Table], report: ValidationReport) -> None:
    """A figure's period_basis says truly where its year comes from: 'quote' only when the quote writes the year
    (a quote that writes it for another clause may still be 'context'); 'published' only for a quote that gives the
    period relative to when it was said (去年, 上半年, 'last year', …) in a source whose publication year makes it
    the period's year; 'context' (the project's reading) otherwise."""
    metrics, sources = tables.get("metrics"), tables.get("sources")
    if metrics is None or "period_basis" not in metrics.header:
        return
    published = {r["source_id"]: r.get("published", "") for r in sources.rows} if sources is not None else {}
    for row, line in _rows(metrics):
        basis, year, quote = row["period_basis"], row["period"][:4], row["quote"]
        if basis == "quote" and not quote_states_year(quote, year):
            report.add(
                metrics.path,
                f"period_basis is 'quote', but the quote does not write the year {year}. Use 'published' (the quote "
                "says 去年, 上半年, 'last year', …: the year comes from the publication date) or 'context' (the "
                "period is our reading of the source).",
                line=line,
                column="period_basis",
            )
        elif basis == "published":
            date = published.get(row["source_id"], "")
            if not re.match(r"\d{4}", date):
                report.add(
                    metrics.path,
                    f"period_basis is 'published', but source '{row['source_id']}' has no publication year: "
                    "fill its published date in sources.csv, or use 'context'.",
                    line=line,
                    column="period_basis",
                )
                continue
            years = years_relative_to(quote, int(date[:4]))
            if quote_states_year(quote, year):
                report.add(
                    metrics.path,
                    f"period_basis is 'published', but the quote writes the year {year}: use 'quote'.",
                    line=line,
                    column="period_basis",
                )
            elif not years:
                report.add(
                    metrics.path,
                    "period_basis is 'published', but the quote gives no period relative to when it was said "
                    "(去年, 今年, 上半年, 一季度, 1-4月, 'last year', …): use 'quote' or 'context'.",
                    line=line,
                    column="period_basis",
                )
            elif int(year) not in years:
                said = " or ".join(str(y) for y in sorted(years))
                report.add(
                    metrics.path,
                    f"period_basis is 'published', but, said in {date[:4]}, the quote's period falls in {said}, not "
                    f"{year}: correct the period, or use 'context' and explain it in note.",
                    line=line,
                    column="period_basis",
                )


# A Chinese text has at least one CJK ideograph (the unified blocks and their compatibility forms).
CJK_PATTERN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TWIN_SUFFIX = "_zh"
# What is the same in every language: a host name or IP address ("gd.cnipai.com", "27.185.56.112", with a path of
# letters, digits and . / - _), and an id or code (a token with a digit or an underscore: "post_4340792", "5G").
WEB_ADDRESS = re.compile(
    r"(?:[A-Za-z0-9-]+\.)+(?:com|cn|net|org|gov|edu|hk|mo|tw|jp|tech|info|io)\b(?:/[\w./-]*)?"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b"
)
ID_OR_CODE = re.compile(r"[A-Za-z0-9.-]*[_\d][A-Za-z0-9_.-]*")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def reads_the_same(text: str) -> bool:
    """True when text has no word of English outside its web addresses and ids ("经济日报-中国经济网",
    "gd.cnipai.com"): a name that reads the same in both languages, so its Chinese twin may be a copy of it."""
    return not LATIN_WORD.search(ID_OR_CODE.sub(" ", WEB_ADDRESS.sub(" ", text)))


def translated_columns(descriptor: dict | None) -> tuple[tuple[str, str, str], ...]:
    """(table, English column, Chinese column) for every field named *_zh right after its twin (X or X_en)."""
    pairs = []
    for resource in (descriptor or {}).get("resources", []):
        names = [spec["name"] for spec in resource["schema"]["fields"]]
        for before, name in itertools.pairwise(names):
            base = name.removesuffix(TWIN_SUFFIX)
            if name != base and before in (base, f"{base}_en"):
                pairs.append((resource["name"], before, name))
    return tuple(pairs)


def _misplaced_twins(descriptor: dict, report: ValidationReport) -> None:
    """A *_zh field whose English twin is in the file but not right before it (so no rule would check it)."""
    paired = {(table, chinese) for table, _, chinese in translated_columns(descriptor)}
    for resource in descriptor.get("resources", []):
        names = [spec["name"] for spec in resource["schema"]["fields"]]
        for name in names:
            base = name.removesuffix(TWIN_SUFFIX)
            twins = [n for n in (base, f"{base}_en") if n in names]
            if name != base and twins and (resource["name"], name) not in paired:
                report.add(
                    DESCRIPTOR_NAME,
                    f"field '{name}' of {resource['name']} is the Chinese twin of '{twins[0]}': "
                    f"place it immediately after '{twins[0]}'.",
                    column=name,
                )


def rule_chinese_twins(tables: dict[str, Table], report: ValidationReport) -> None:
    """Every English working text with a Chinese twin column has a Chinese text there, not a copy of the English.

    A text with no English word outside its web addresses and ids (a publisher "南方网 (southcn.com)" or
    "aiiaw.com") reads the same in Chinese: its twin must be there, and may be a copy, or have no Chinese
    characters, as long as it has no English word either ("aiiaw.com (repost)" is reported).
    """
    if report.descriptor is None:
        return
    _misplaced_twins(report.descriptor, report)
    for name, english, chinese in translated_columns(report.descriptor):
        table = tables.get(name)
        if table is None:
            continue
        for row, line in _rows(table):
            source, twin = row[english], row[chinese]
            shown = source if len(source) <= 60 else source[:59] + "…"
            if source and not twin:
                report.add(
                    table.path,
                    f"is empty but '{english}' says '{shown}': add its Chinese translation (every English working "
                    f"text needs its Chinese twin, shown in the Chinese interface).",
                    line=line,
                    column=chinese,
                )
            elif source and reads_the_same(source) and reads_the_same(twin):
                continue
            elif twin and twin == source:
                report.add(
                    table.path,
                    f"is a copy of '{english}': write the Chinese translation of '{shown}' here.",
                    line=line,
                    column=chinese,
                )
            elif twin and not CJK_PATTERN.search(twin):
                report.add(
                    table.path,
                    f"'{twin[:60]}' has no Chinese characters: '{chinese}' holds the Chinese translation of "
                    f"'{english}', in Chinese script.",
                    line=line,
                    column=chinese,
                )


RULES = (
    rule_row_counts,
    rule_scopes_are_known,
    rule_units_match_metric,
    rule_unit_suffixes,
    rule_target_numbers,
    rule_supersession,
    rule_reliability_tiers,
    rule_region_cities,
    rule_plan_bases,
    rule_milestone_industries,
    rule_period_basis,
    rule_chinese_twins,
)


def check_rules(tables: dict[str, Table], report: ValidationReport) -> None:
    """Cross-table rules that a Table Schema cannot express: each rule is one function in RULES."""
    for rule in RULES:
        rule(tables, report)
