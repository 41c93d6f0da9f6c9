"""Reading the data folder as text: the descriptor and each CSV file, with size, encoding and shape problems."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from gdclusters.paths import DESCRIPTOR_NAME
from gdclusters.validation.report import Table, ValidationReport

MAX_FILE_BYTES = 5 * 1024 * 1024
# The data release (data/CHANGELOG.md): year, month, then a correction number within that release.
VERSION_PATTERN = re.compile(r"20\d\d\.(?:[1-9]|1[0-2])\.\d+")


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
    version = descriptor.get("version")
    if not isinstance(version, str) or not VERSION_PATTERN.fullmatch(version):
        report.add(
            DESCRIPTOR_NAME,
            f"'version' is {str(version)[:40]!r}; expected the data release as year.month.correction, e.g. "
            "2026.12.0, the latest release named in CHANGELOG.md.",
            column="version",
        )
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
