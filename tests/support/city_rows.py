"""A copy of the bundled data whose city-level figures are a known few: a disagreement, a city-own figure, hostile text.

The copy keeps every province-level row and replaces the city rows (metrics.csv rows with an adcode), so the
app tests know exactly what the city sections show whatever the data folder holds.
"""

import csv
import shutil
from pathlib import Path

from gdclusters.paths import DATA_DIR
from tests.support.hostile import rewrite, set_column

SHENZHEN, GUANGZHOU = "440300", "440100"
CLUSTER = "semiconductors_ic"
HOSTILE = "**bold** <script>alert(1)</script> [link](http://evil.example)"


def _sources(folder: Path) -> tuple[str, str]:
    """Two sources of tier A–C with different labels (publisher and year)."""
    with open(folder / "sources.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["reliability"] != "D"]
    first = rows[0]
    second = next(
        r for r in rows if (r["publisher"], r["published"][:4]) != (first["publisher"], first["published"][:4])
    )
    return first["source_id"], second["source_id"]


def make_city_figure_copy(folder: Path, hostile_publisher: bool = False) -> Path:
    """Copy data/ to folder with the city figures below (and a hostile publisher for source b if asked)."""
    shutil.copytree(DATA_DIR, folder)
    # The hostile text is not in the seed documents: this copy is not checked against them.
    set_column(folder, "sources.csv", "document", lambda n, v: "")
    a, b = _sources(folder)
    if hostile_publisher:
        with open(folder / "sources.csv", encoding="utf-8", newline="") as handle:
            ids = [r["source_id"] for r in csv.DictReader(handle)]
        set_column(folder, "sources.csv", "publisher", lambda n, v: HOSTILE if ids[n] == b else v)
    rows = [
        dict(scope=CLUSTER, metric="operating_revenue", period="2021", value="120", qualifier="exact", source_id=a),
        dict(scope=CLUSTER, metric="operating_revenue", period="2022", value="160.89", qualifier="exact", source_id=a),
        dict(
            scope=CLUSTER,
            metric="operating_revenue",
            period="2022",
            value="157.84",
            qualifier="about",
            source_id=b,
            quote=HOSTILE,
            period_basis="context",  # the hostile quote writes no year
            note=HOSTILE,
            note_zh=f"备注 {HOSTILE}",
        ),
        dict(scope=CLUSTER, metric="operating_revenue", period="2023", value="213.68", qualifier="exact", source_id=a),
        dict(scope=CLUSTER, metric="operating_revenue", period="2023", value="200", qualifier="over", source_id=b),
        dict(
            scope="all_20",
            metric="added_value",
            period="2023",
            value="1500",
            qualifier="about",
            source_id=b,
            definition="city_own",
        ),
    ]

    def change(header, body):
        adcode = header.index("adcode")
        body[:] = [row for row in body if not row[adcode]]
        for extra in rows:
            values = {
                "unit": "bn_yuan",
                "period_basis": "quote",
                "adcode": SHENZHEN,
                "definition": "standard",
                "quote": f"quote ({extra['period']})",
                "note": "",
                **extra,
            }
            body.append([values.get(column, "") for column in header])

    rewrite(folder / "metrics.csv", change)
    return folder
