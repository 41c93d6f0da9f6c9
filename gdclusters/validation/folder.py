"""Validating a whole data folder: read every described file, then the schema, rule and seed-quote checks."""

from __future__ import annotations

from pathlib import Path

from gdclusters.validation.reading import read_descriptor, read_table
from gdclusters.validation.report import ValidationReport
from gdclusters.validation.rules import check_rules
from gdclusters.validation.schema import check_fields, check_foreign_keys, check_header
from gdclusters.validation.seeds import check_seed_quotes


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
