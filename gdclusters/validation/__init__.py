"""Validate the data folder against data/datapackage.json and the cross-table rules.

Validation only reads: it never writes, moves or repairs a file. Every problem is reported as an
Issue naming the file, the line (as an editor shows it, header = line 1), the column, and what
was expected, so the same messages serve the command line and the dashboard's error page.

One module per job: report (Issue, Table, ValidationReport), reading (descriptor and CSV files), schema
(header, cells, uniqueness, foreign keys), rules (the cross-table RULES), seeds (seed quotes), folder
(validate_folder, which runs them all). This package re-exports their public names.
"""

from gdclusters.validation.folder import validate_folder
from gdclusters.validation.reading import MAX_FILE_BYTES, VERSION_PATTERN, read_descriptor, read_table
from gdclusters.validation.report import Issue, Table, ValidationReport
from gdclusters.validation.rules import (
    EXPECTED_CATEGORY_COUNTS,
    EXPECTED_ROWS,
    GOVERNMENT_HOSTS,
    RULES,
    UNIT_SUFFIXES,
    check_rules,
    is_government_url,
    rule_chinese_twins,
    rule_milestone_industries,
    rule_plan_bases,
    rule_region_cities,
    rule_reliability_tiers,
    rule_row_counts,
    rule_scopes_are_known,
    rule_supersession,
    rule_target_numbers,
    rule_unit_suffixes,
    rule_units_match_metric,
    translated_columns,
)
from gdclusters.validation.schema import check_cell, check_fields, check_foreign_keys, check_header
from gdclusters.validation.seeds import check_seed_quotes, normalise_quote_text

__all__ = [
    "EXPECTED_CATEGORY_COUNTS",
    "EXPECTED_ROWS",
    "GOVERNMENT_HOSTS",
    "MAX_FILE_BYTES",
    "RULES",
    "UNIT_SUFFIXES",
    "VERSION_PATTERN",
    "Issue",
    "Table",
    "ValidationReport",
    "check_cell",
    "check_fields",
    "check_foreign_keys",
    "check_header",
    "check_rules",
    "check_seed_quotes",
    "is_government_url",
    "normalise_quote_text",
    "read_descriptor",
    "read_table",
    "rule_chinese_twins",
    "rule_milestone_industries",
    "rule_plan_bases",
    "rule_region_cities",
    "rule_reliability_tiers",
    "rule_row_counts",
    "rule_scopes_are_known",
    "rule_supersession",
    "rule_target_numbers",
    "rule_unit_suffixes",
    "rule_units_match_metric",
    "translated_columns",
    "validate_folder",
]
