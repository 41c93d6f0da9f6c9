"""Load the validated data folder into typed pandas frames, and the boundaries' provenance record."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gdclusters.paths import BOUNDARY_PROVENANCE_FILE, DATA_DIR, SEEDS_DIR
from gdclusters.validation import Issue, Table, validate_folder


class DataError(Exception):
    """The data folder failed validation; .issues lists every problem."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s) in the data folder: " + "; ".join(map(str, issues[:3])))


@dataclass
class Dataset:
    """Every table of the data folder as a typed frame, plus the descriptor that documents them."""

    sources: pd.DataFrame
    cities: pd.DataFrame
    clusters: pd.DataFrame
    regions: pd.DataFrame
    cluster_cities: pd.DataFrame
    cluster_regions: pd.DataFrame
    scopes: pd.DataFrame
    metric_definitions: pd.DataFrame
    metrics: pd.DataFrame
    targets: pd.DataFrame
    statements: pd.DataFrame
    trillion_members: pd.DataFrame
    future_industries: pd.DataFrame
    future_milestones: pd.DataFrame
    plan_bases_2016_2020: pd.DataFrame
    descriptor: dict = field(repr=False)
    # Joins derived from the tables, computed once per loaded dataset (see analysis.memoised).
    derived: dict = field(default_factory=dict, repr=False, compare=False)


def _typed_frame(table: Table, resource: dict) -> pd.DataFrame:
    """Turn a validated table into a frame with numbers, integers and booleans typed."""
    frame = pd.DataFrame(table.rows, columns=table.header).astype("object")
    for spec in resource["schema"]["fields"]:
        name, kind = spec["name"], spec.get("type", "string")
        column = frame[name] if name in frame else pd.Series([], dtype="object")
        if kind == "number":
            frame[name] = pd.to_numeric(column.replace("", None), errors="raise").astype("float64")
        elif kind == "integer":
            frame[name] = pd.to_numeric(column.replace("", None), errors="raise").astype("Int64")
        elif kind == "boolean":
            frame[name] = column.str.lower().eq("true")
        else:
            frame[name] = column.fillna("").astype(str)
    return frame[[f["name"] for f in resource["schema"]["fields"]]]


def load_dataset(data_dir: Path = DATA_DIR, seeds_dir: Path | None = None) -> Dataset:
    """Validate data_dir and return its tables; raise DataError listing every problem."""
    if seeds_dir is None and SEEDS_DIR.is_dir():
        seeds_dir = SEEDS_DIR
    report = validate_folder(Path(data_dir), seeds_dir)
    if not report.ok or report.descriptor is None:  # a report without issues has always read its descriptor
        raise DataError(report.issues)
    frames = {r["name"]: _typed_frame(report.tables[r["name"]], r) for r in report.descriptor["resources"]}
    return Dataset(descriptor=report.descriptor, **frames)


def load_boundary_provenance(path: Path = BOUNDARY_PROVENANCE_FILE) -> dict:
    """Read the provenance record of the boundary file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
