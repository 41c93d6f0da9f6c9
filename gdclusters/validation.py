"""Validate the data folder against data/datapackage.json and the cross-table rules.

Validation only reads: it never writes, moves or repairs a file. Every problem is reported as an
Issue naming the file, the line (as an editor shows it, header = line 1), the column, and what
was expected, so the same messages serve the command line and the dashboard's error page.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from gdclusters.paths import DESCRIPTOR_NAME

MAX_FILE_BYTES = 5 * 1024 * 1024
EXPECTED_ROWS = {"cities": 21, "clusters": 20}
EXPECTED_CATEGORY_COUNTS = {"pillar": 10, "emerging": 10}
_TRUE = {"true"}
_FALSE = {"false"}


@dataclass(frozen=True)
class Issue:
    """One problem found in the data folder."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class Table:
    """A parsed CSV file: header, rows as dicts of stripped strings, and each row's line number."""

    name: str
    path: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


@dataclass
class ValidationReport:
    """Everything validation found, plus the parsed tables when they could be read."""

    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    descriptor: dict | None = None

    @property
    def ok(self) -> bool:
        """True when no issue was found."""
        return not self.issues

    def add(self, file: str, message: str, line: int | None = None, column: str | None = None) -> None:
        """Record one issue."""
        self.issues.append(Issue(file, message, line, column))


def read_descriptor(data_dir: Path, report: ValidationReport) -> dict | None:
    """Read datapackage.json, recording an issue when it is missing or malformed."""
    path = data_dir / DESCRIPTOR_NAME
    if not path.is_file():
        report.add(
            DESCRIPTOR_NAME,
            f"missing: the data folder {data_dir} must contain {DESCRIPTOR_NAME}, "
            "which describes every data file. Restore it from the repository.",
        )
        return None
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.add(DESCRIPTOR_NAME, f"is not valid UTF-8 JSON ({exc}). Restore it from the repository.")
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        report.add(DESCRIPTOR_NAME, "has no 'resources' list. Restore it from the repository.")
        return None
    return descriptor


def read_table(data_dir: Path, resource: dict, report: ValidationReport) -> Table | None:
    """Read one CSV resource as text, recording size, encoding and shape problems."""
    name, rel = resource["name"], resource["path"]
    path = data_dir / rel
    if not path.is_file():
        report.add(
            rel,
            "file is missing. Restore it from the repository or create it with the header "
            f"row: {','.join(f['name'] for f in resource['schema']['fields'])}",
        )
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(
            rel,
            f"file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB. "
            "This dataset is small: check that the right file was saved here.",
        )
        return None
    raw = path.read_bytes()
    if not raw.strip():
        report.add(rel, "file is empty; it needs at least the header row.")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add(
            rel, f"is not valid UTF-8 (byte {exc.start}). Save the file as UTF-8 (in Excel: 'CSV UTF-8').", line=line
        )
        return None
    if "\x00" in text:
        report.add(rel, "contains NUL bytes: this is not a text CSV file.")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        rows: list[dict[str, str]] = []
        lines: list[int] = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                report.add(
                    rel,
                    f"has {len(values)} fields but the header has {len(header)}. "
                    "Check for an unquoted comma or a missing field.",
                    line=reader.line_num,
                )
                continue
            rows.append({h: v.strip() for h, v in zip(header, values, strict=True)})
            lines.append(reader.line_num)
    except csv.Error as exc:
        report.add(rel, f"is not well-formed CSV ({exc}). Check the quoting on this line.", line=reader.line_num)
        return None
    return Table(name, rel, header, rows, lines)


def check_header(table: Table, resource: dict, report: ValidationReport) -> bool:
    """Check that the columns are exactly the described ones; return False if unusable."""
    described = [f["name"] for f in resource["schema"]["fields"]]
    dupes = sorted({h for h in table.header if table.header.count(h) > 1})
    for h in dupes:
        report.add(table.path, "column appears more than once in the header.", line=1, column=h)
    missing = [c for c in described if c not in table.header]
    for c in missing:
        report.add(
            table.path,
            "required column is missing from the header. Add it (it may be empty where the description allows).",
            line=1,
            column=c,
        )
    for c in table.header:
        if c not in described:
            report.add(
                table.path,
                f"column is not described in {DESCRIPTOR_NAME}. Describe it there or remove it.",
                line=1,
                column=c,
            )
    return not missing and not dupes


def _typed(value: str, kind: str) -> tuple[object, str | None]:
    """(value converted to the field's type, None) or (None, the message saying why it cannot be)."""
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            return None, f"'{value}' is not a whole number."
        return int(value), None
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return None, f"'{value}' is not a number (use a dot for decimals and no units or commas)."
        if number != number or number in (float("inf"), float("-inf")):
            return None, f"'{value}' is not a finite number."
        return number, None
    if kind == "boolean":
        if value.lower() not in _TRUE | _FALSE:
            return None, f"'{value}' is not true or false."
        return value.lower() in _TRUE, None
    return value, None


def _constraint_problem(value: str, typed: object, spec: dict) -> str | None:
    """The message for the first constraint (enum, pattern, minimum, maximum) the typed value breaks."""
    constraints = spec.get("constraints", {})
    if "enum" in constraints and typed not in constraints["enum"]:
        allowed = ", ".join(str(v) for v in constraints["enum"])
        return f"'{value}' is not allowed; expected one of: {allowed}."
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"'{value}' does not have the expected form ({spec.get('description', '')})."
    if not isinstance(typed, (int, float)) or isinstance(typed, bool):
        return None
    if "minimum" in constraints and typed < constraints["minimum"]:
        return f"'{value}' is below the minimum {constraints['minimum']}."
    if "maximum" in constraints and typed > constraints["maximum"]:
        return f"'{value}' is above the maximum {constraints['maximum']}."
    return None


def check_cell(value: str, spec: dict) -> str | None:
    """Return a message when one cell breaks its field's type or constraints."""
    if value == "":
        return "is empty but required." if spec.get("constraints", {}).get("required") else None
    typed, problem = _typed(value, spec.get("type", "string"))
    return problem or _constraint_problem(value, typed, spec)


def check_fields(table: Table, resource: dict, report: ValidationReport) -> None:
    """Check every cell's type and constraints and the uniqueness rules."""
    fields = resource["schema"]["fields"]
    for row, line in zip(table.rows, table.lines, strict=True):
        for spec in fields:
            problem = check_cell(row[spec["name"]], spec)
            if problem:
                report.add(table.path, problem, line=line, column=spec["name"])
    for spec in fields:
        if spec.get("constraints", {}).get("unique"):
            _check_unique(table, [spec["name"]], report)
    key = resource["schema"].get("primaryKey")
    if key and len(key) > 1:
        _check_unique(table, key, report)


def _check_unique(table: Table, columns: list[str], report: ValidationReport) -> None:
    """Report rows whose values in columns repeat an earlier row."""
    seen: dict[tuple, int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        value = tuple(row[c] for c in columns)
        if all(v == "" for v in value):
            continue
        if value in seen:
            shown = ", ".join(f"{c}={v!r}" for c, v in zip(columns, value, strict=True))
            report.add(
                table.path,
                f"duplicate: {shown} already appears on line {seen[value]}.",
                line=line,
                column="+".join(columns),
            )
        else:
            seen[value] = line


def check_foreign_keys(tables: dict[str, Table], descriptor: dict, report: ValidationReport) -> None:
    """Check that every reference points at an existing row of the referenced file."""
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        for fk in resource["schema"].get("foreignKeys", []):
            target = tables.get(fk["reference"]["resource"])
            if target is None:
                continue
            (col,), (ref_col,) = fk["fields"], fk["reference"]["fields"]
            known = {r[ref_col] for r in target.rows}
            for row, line in zip(table.rows, table.lines, strict=True):
                if row[col] and row[col] not in known:
                    report.add(
                        table.path, f"'{row[col]}' is not a known {ref_col} in {target.path}.", line=line, column=col
                    )


def normalise_quote_text(text: str) -> str:
    """Fold whitespace, quote marks and width variants so a quote can be found in its document."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("「", '"'), ("」", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


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
)


def check_rules(tables: dict[str, Table], report: ValidationReport) -> None:
    """Cross-table rules that a Table Schema cannot express: each rule is one function in RULES."""
    for rule in RULES:
        rule(tables, report)


def _seed_texts(sources: Table, seeds_dir: Path, report: ValidationReport) -> tuple[dict[str, str], dict[str, str]]:
    """(source_id -> seed document, document -> normalised text); a missing document is reported."""
    documents = {r["source_id"]: r["document"] for r in sources.rows if r["document"]}
    texts: dict[str, str] = {}
    for document in set(documents.values()):
        path = seeds_dir / document
        if path.is_file():
            texts[document] = normalise_quote_text(path.read_text(encoding="utf-8"))
        else:
            report.add(sources.path, f"seed document '{document}' was not found in {seeds_dir}.", column="document")
    return documents, texts


def _check_quote_column(
    table: Table,
    quote_col: str,
    source_col: str,
    documents: dict[str, str],
    texts: dict[str, str],
    report: ValidationReport,
) -> int:
    """Check one table's quotes from seed documents against the documents; return how many were checked."""
    checked = 0
    for row, line in zip(table.rows, table.lines, strict=True):
        doc = documents.get(row.get(source_col, ""))
        if doc is None or doc not in texts:
            continue
        checked += 1
        if normalise_quote_text(row[quote_col]) not in texts[doc]:
            report.add(
                table.path,
                f"{quote_col} does not appear in seed document {doc} "
                "(checked with whitespace and quote marks normalised).",
                line=line,
                column=quote_col,
            )
    return checked


def check_seed_quotes(tables: dict[str, Table], seeds_dir: Path, report: ValidationReport) -> int:
    """Check that every quote from a seed document appears in it; return how many were checked."""
    sources = tables.get("sources")
    if sources is None:
        return 0
    documents, texts = _seed_texts(sources, seeds_dir, report)
    checked = sum(
        _check_quote_column(table, "quote", "source_id", documents, texts, report)
        for table in tables.values()
        if "quote" in table.header and "source_id" in table.header
    )
    clusters = tables.get("clusters")
    if clusters is not None:
        checked += _check_quote_column(clusters, "tier_quote", "tier_source_id", documents, texts, report)
    return checked


def validate_folder(data_dir: Path, seeds_dir: Path | None = None) -> ValidationReport:
    """Validate every file described in data_dir/datapackage.json; never modifies anything."""
    report = ValidationReport()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        report.add(str(data_dir), "data folder does not exist.")
        return report
    descriptor = read_descriptor(data_dir, report)
    if descriptor is None:
        return report
    report.descriptor = descriptor
    for resource in descriptor["resources"]:
        table = read_table(data_dir, resource, report)
        if table is None:
            continue
        if not check_header(table, resource, report):
            continue
        check_fields(table, resource, report)
        report.tables[resource["name"]] = table
    check_foreign_keys(report.tables, descriptor, report)
    check_rules(report.tables, report)
    if seeds_dir is not None and Path(seeds_dir).is_dir():
        check_seed_quotes(report.tables, Path(seeds_dir), report)
    return report
