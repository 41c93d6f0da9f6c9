"""Command line: check the data folder and exit non-zero with readable messages.

    python -m gdclusters.validate [DATA_DIR] [--seeds SEEDS_DIR]

Reads only; never changes a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gdclusters.paths import DATA_DIR, SEEDS_DIR
from gdclusters.validation import validate_folder


def main(argv: list[str] | None = None) -> int:
    """Validate and print every issue; return the exit code (0 valid, 1 invalid)."""
    parser = argparse.ArgumentParser(prog="python -m gdclusters.validate", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(DATA_DIR), help="folder with datapackage.json")
    parser.add_argument(
        "--seeds", default=str(SEEDS_DIR), help="folder with the seed documents, to check quotes (skipped if absent)"
    )
    args = parser.parse_args(argv)
    seeds = Path(args.seeds)
    report = validate_folder(Path(args.data_dir), seeds if seeds.is_dir() else None)
    if report.ok:
        rows = ", ".join(f"{name} {len(t.rows)}" for name, t in report.tables.items())
        note = "" if seeds.is_dir() else f" (seed quotes not checked: {seeds} not found)"
        print(f"OK: {args.data_dir} is valid{note}. Rows: {rows}.")
        return 0
    print(f"{len(report.issues)} problem(s) in {args.data_dir}:", file=sys.stderr)
    for issue in report.issues:
        print(f"  - {issue}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
