"""Checks a Table Schema states: header columns, each cell's type and constraints, uniqueness, foreign keys."""

from __future__ import annotations

import re

from gdclusters.paths import DESCRIPTOR_NAME
from gdclusters.validation.report import Table, ValidationReport

_TRUE = {"true"}
_FALSE = {"false"}


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
