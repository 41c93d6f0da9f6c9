"""What an exported file is called and says: file names, MIME types and the filters in words."""

from __future__ import annotations

import re
from collections.abc import Callable

from gdclusters.i18n import t
from gdclusters.state import Filters

PROJECT_SLUG = "guangdong-clusters"

MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv",
    "html": "text/html",
    "zip": "application/zip",
}


def file_name(*parts: object, ext: str) -> str:
    """A descriptive file name with no spaces: guangdong-clusters_<parts>.<ext>."""
    cleaned = []
    for part in parts:
        text = re.sub(r"[^0-9A-Za-z_-]+", "-", str(part)).strip("-").lower()
        if text:
            cleaned.append(text)
    return "_".join([PROJECT_SLUG, *cleaned])[:150] + f".{ext}"


def describe_filters(
    filters: Filters, lang: str, cluster_name: Callable[[str], str] = str, city_name: Callable[[str], str] = str
) -> str:
    """One line that names every filter in force, in lang ('no filters' wording when none)."""
    if filters.is_empty():
        return t("export.no_filters", lang)
    separator, colon, joiner = ("、", "：", "；") if lang == "zh" else (", ", ": ", "; ")
    groups = [
        ("filters.category", [t(f"category.{c}", lang) for c in filters.categories]),
        ("filters.clusters", [cluster_name(c) for c in filters.clusters]),
        ("filters.cities", [city_name(c) for c in filters.cities]),
        ("filters.tier", [t(f"tier.t{tier}", lang) for tier in filters.tiers]),
        ("filters.region", [t(f"region.{r}", lang) for r in filters.regions]),
    ]
    summary = joiner.join(f"{t(label, lang)}{colon}{separator.join(values)}" for label, values in groups if values)
    return t("export.filters_line", lang, summary=summary)
