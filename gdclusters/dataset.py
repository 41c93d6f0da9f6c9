"""Load the validated data folder into typed pandas frames, and the boundaries into a GeoDataFrame."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from gdclusters.paths import BOUNDARIES_FILE, BOUNDARY_PROVENANCE_FILE, DATA_DIR, SEEDS_DIR
from gdclusters.validation import Issue, Table, validate_folder

if TYPE_CHECKING:
    import geopandas as gpd


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

    def table_names(self) -> list[str]:
        """Names of the tables, in descriptor order."""
        return [r["name"] for r in self.descriptor["resources"]]


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
    if not report.ok:
        raise DataError(report.issues)
    frames = {
        r["name"]: _typed_frame(report.tables[r["name"]], r) for r in report.descriptor["resources"]
    }
    return Dataset(descriptor=report.descriptor, **frames)


@dataclass
class JoinReport:
    """Keys that did not match when the city table was joined to the boundaries."""

    cities_without_boundary: list[str]
    boundaries_without_city: list[str]

    @property
    def ok(self) -> bool:
        """True when every city has exactly one boundary and vice versa."""
        return not self.cities_without_boundary and not self.boundaries_without_city


def load_boundaries(path: Path = BOUNDARIES_FILE) -> gpd.GeoDataFrame:
    """Read the committed prefecture boundaries (WGS84)."""
    import geopandas as gpd  # heavy (0.6 s); the dashboard draws from the GeoJSON and never needs it

    frame = gpd.read_file(path)
    frame["adcode"] = frame["adcode"].astype(str)
    return frame


def load_boundary_provenance(path: Path = BOUNDARY_PROVENANCE_FILE) -> dict:
    """Read the provenance record of the boundary file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def join_cities(boundaries: gpd.GeoDataFrame, cities: pd.DataFrame) -> tuple[gpd.GeoDataFrame, JoinReport]:
    """Attach city attributes to boundaries by adcode; report unmatched keys instead of dropping them."""
    shapes = boundaries[["adcode", "geometry"]]
    joined = shapes.merge(cities, on="adcode", how="outer", indicator=True)
    report = JoinReport(
        cities_without_boundary=sorted(joined.loc[joined["_merge"] == "right_only", "adcode"]),
        boundaries_without_city=sorted(joined.loc[joined["_merge"] == "left_only", "adcode"]),
    )
    joined = joined.loc[joined["_merge"] == "both"].drop(columns="_merge")
    import geopandas as gpd

    result = gpd.GeoDataFrame(joined, geometry="geometry", crs=boundaries.crs)
    return result.sort_values("adcode").reset_index(drop=True), report
