"""A copy of the bundled data whose names, quotes and publishers carry HTML, Markdown and script payloads."""

import csv
import io
import shutil
from pathlib import Path

from gdclusters.paths import DATA_DIR

PAYLOADS = [
    "<script>alert(1)</script>",
    "**bold**",
    "[link](http://evil.example)",
    "![x](http://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    ":red[red]",
    "$x^2$",
]
# What would show that a payload was rendered as markup rather than as text.
RAW_MARKERS = ["<script>", "<img", "](http", "**bold**", ":red[", "$x^2$"]
TARGETS = [
    ("clusters.csv", "name_en"),
    ("clusters.csv", "description_en"),
    ("cities.csv", "name_en"),
    ("cluster_cities.csv", "quote"),
    ("cluster_cities.csv", "role_detail"),
    ("sources.csv", "publisher"),
    ("sources.csv", "publisher_zh"),
    ("cluster_cities.csv", "role_detail_zh"),
    ("metrics.csv", "quote"),
    ("targets.csv", "quote"),
]


def rewrite(path: Path, change) -> None:
    """Rewrite a CSV through change(header, body)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    change(header, body)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8")


def set_column(folder: Path, file: str, column: str, values) -> None:
    """Replace every value of a column with values(row_number, old_value)."""

    def change(header, body):
        i = header.index(column)
        for n, row in enumerate(body):
            row[i] = values(n, row[i])

    rewrite(folder / file, change)


def make_hostile_copy(folder: Path) -> Path:
    """Copy data/ to folder and append a payload to every name, quote and publisher; return folder."""
    shutil.copytree(DATA_DIR, folder)
    # The payloads change quotes, so this copy is no longer checked against the seed documents.
    set_column(folder, "sources.csv", "document", lambda n, v: "")
    for file, column in TARGETS:
        # A Chinese twin gets a Chinese word before its payload: a twin that copied its English text, or had no
        # Chinese characters, would not validate (and the dashboard would show the data error instead).
        word = "中文" if column.endswith("_zh") else ""
        set_column(folder, file, column, lambda n, v, word=word: f"{v} {word}{PAYLOADS[n % len(PAYLOADS)]}")
    return folder
