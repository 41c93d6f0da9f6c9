"""Exports without Streamlit: safe CSV with citation, Vega-Lite spec, images, offline map HTML, ZIP bundle.

Images (PNG at 2x, SVG, PDF) are rendered on the server by vl-convert from a decorated copy of the page's
chart: a title that states the filters, and a footer with the source line and the reference period. The
on-screen chart is never changed. Chinese text needs a CJK font: one is looked up once per process and
registered with vl-convert before the first image; when none is found, exports still work and cjk_font_status() says so.

The interactive map is written as one HTML file with pydeck's deck.gl bundle inlined, no basemap and a
Content-Security-Policy that forbids any request, so it opens without a network.

One module per job: tables (CSV), naming (file names, MIME types, filters in words), fonts (the CJK font),
images (decoration and vl-convert), map_html (the offline map), bundle (ExportItem and the ZIP). This package
re-exports their public names, so `from gdclusters import export; export.csv_bytes(...)` keeps working.
"""

from gdclusters.export.bundle import ExportItem, bundle_zip
from gdclusters.export.fonts import (
    FONT_DIR_ENV,
    FONT_DIRS,
    FONT_FAMILIES,
    FONT_FAMILY_ENV,
    FONT_SUFFIXES,
    LOG,
    FontStatus,
    cjk_font_status,
    find_cjk_font,
)
from gdclusters.export.images import (
    ALLOWED_BASE_URLS,
    EXPORT_HEIGHT,
    EXPORT_WIDTH,
    LINE_WIDTH,
    PNG_SCALE,
    decorate,
    render_image,
    spec_json,
    title_parts,
    wrap_line,
)
from gdclusters.export.map_html import deck_html, pydeck_bundle
from gdclusters.export.naming import MIME_TYPES, PROJECT_SLUG, describe_filters, file_name
from gdclusters.export.tables import csv_bytes, neutralise_cell

__all__ = [
    "ALLOWED_BASE_URLS",
    "EXPORT_HEIGHT",
    "EXPORT_WIDTH",
    "FONT_DIRS",
    "FONT_DIR_ENV",
    "FONT_FAMILIES",
    "FONT_FAMILY_ENV",
    "FONT_SUFFIXES",
    "LINE_WIDTH",
    "LOG",
    "MIME_TYPES",
    "PNG_SCALE",
    "PROJECT_SLUG",
    "ExportItem",
    "FontStatus",
    "bundle_zip",
    "cjk_font_status",
    "csv_bytes",
    "deck_html",
    "decorate",
    "describe_filters",
    "file_name",
    "find_cjk_font",
    "neutralise_cell",
    "pydeck_bundle",
    "render_image",
    "spec_json",
    "title_parts",
    "wrap_line",
]
