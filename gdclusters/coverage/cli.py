"""The command line: `python -m gdclusters.coverage [DATA_DIR] [--lang zh]` (or `make coverage`) prints the grid."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gdclusters.coverage.plain_text import render_text
from gdclusters.coverage.table import coverage_table, labelled_table, takeaway
from gdclusters.dataset import DataError, Dataset, load_dataset
from gdclusters.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from gdclusters.paths import DATA_DIR

# What --help says the command is about (the first line of the package's docstring).
DESCRIPTION = "Coverage: what the data holds for each cluster, year by year, and how reliable it is."


def report(ds: Dataset, lang: str) -> str:
    """What `make coverage` prints: the grid, the legend line and the takeaway."""
    table = labelled_table(coverage_table(ds, lang), lang)
    return "\n".join([render_text(table), "", t("coverage.legend_line", lang), takeaway(ds, lang)])


def main(argv: list[str] | None = None) -> int:
    """Print the coverage grid of a data folder; exit 1 with the validation messages if it is broken."""
    parser = argparse.ArgumentParser(prog="python -m gdclusters.coverage", description=DESCRIPTION)
    parser.add_argument("data_dir", nargs="?", default=str(DATA_DIR), help="folder with datapackage.json")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="language of the table")
    args = parser.parse_args(argv)
    try:
        ds = load_dataset(Path(args.data_dir))
    except DataError as error:
        print(f"{len(error.issues)} problem(s) in {args.data_dir}; no coverage table:", file=sys.stderr)
        for issue in error.issues:
            print(f"  - {issue}", file=sys.stderr)
        return 1
    print(report(ds, args.lang))
    return 0
