"""Where the repository keeps its data, boundaries and the shared seed documents."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("GDC_DATA_DIR", REPO_ROOT / "data"))
GEO_DIR = REPO_ROOT / "geo"
BOUNDARIES_FILE = GEO_DIR / "guangdong_prefectures.geojson"
BOUNDARY_PROVENANCE_FILE = GEO_DIR / "provenance.json"
SEEDS_DIR = Path(os.environ.get("GDC_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))
DESCRIPTOR_NAME = "datapackage.json"
