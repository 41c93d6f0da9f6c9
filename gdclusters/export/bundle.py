"""One page's exports: the ExportItem (a chart, map or table and its files) and the ZIP bundle with its README."""

from __future__ import annotations

import functools
import io
import logging
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd

from gdclusters.export.fonts import cjk_font_status
from gdclusters.export.images import decorate, render_image, spec_json
from gdclusters.export.map_html import deck_html
from gdclusters.export.naming import file_name
from gdclusters.export.tables import csv_bytes
from gdclusters.i18n import t

LOG = logging.getLogger("gdclusters.export")


@dataclass
class ExportItem:
    """One chart, map or table of a page, with what its files must say about it."""

    name: tuple[str, ...]
    data: pd.DataFrame
    citation: str
    title: str = ""
    filters_line: str = ""
    period_line: str = ""
    chart: Any = None
    deck: Any = None
    lang: str = "en"
    formats: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        """Default formats from what the item holds: images and spec for charts, HTML for maps, CSV always."""
        if not self.formats:
            formats: tuple[str, ...] = ("png", "svg", "pdf", "json") if self.chart is not None else ()
            formats += ("html",) if self.deck is not None else ()
            self.formats = (*formats, "csv")

    def image_chart(self) -> alt.VConcatChart:
        """The decorated copy of the chart used for every image and the exported spec.

        chart may be a zero-argument function that builds it (a map's static twin is costly and only
        needed when a file is asked for); so may deck, for the offline HTML map.
        """
        chart = self.chart() if callable(self.chart) else self.chart
        return decorate(
            chart,
            title=self.title or " ".join(self.name),
            filters_line=self.filters_line,
            source_line=self.citation,
            period_line=self.period_line,
            font=cjk_font_status().family,
        )

    def file_bytes(self, fmt: str) -> bytes:
        """The content of one file of this item."""
        if fmt in ("png", "svg", "pdf"):
            return render_image(self.image_chart(), fmt)
        if fmt == "json":
            return spec_json(self.image_chart())
        if fmt == "csv":
            return csv_bytes(self.data, self.citation)
        if fmt == "html":
            lines = [self.filters_line, self.citation, self.period_line]
            deck = self.deck() if callable(self.deck) else self.deck
            return deck_html(deck, title=self.title or " ".join(self.name), lines=lines, lang=self.lang)
        raise ValueError(f"unknown export format {fmt!r}")

    def files(self) -> dict[str, Callable[[], bytes]]:
        """File name -> generator of its bytes, for every format of this item (nothing rendered yet)."""
        return {file_name(*self.name, ext=fmt): functools.partial(self.file_bytes, fmt) for fmt in self.formats}


def _unique_name(name: str, taken: set[str]) -> str:
    """name, or name with -2, -3 … before the extension if another file already has it."""
    stem, dot, ext = name.rpartition(".")
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{stem}-{number}{dot}{ext}"
        number += 1
    taken.add(candidate)
    return candidate


def bundle_zip(items: Sequence[ExportItem], readme_text: str, lang: str = "en", data_version: str = "") -> bytes:
    """A ZIP of every file of every item plus README.txt naming the data release and listing the files and sources."""
    written: list[str] = []
    failed: list[str] = []
    taken = {"README.txt"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            for name, make in item.files().items():
                name = _unique_name(name, taken)
                try:
                    content = make()
                except Exception:
                    # One chart that cannot render must not cost the user the rest of the bundle; the README
                    # names it and the server log has the traceback.
                    LOG.exception("bundle: could not generate %s", name)
                    failed.append(name)
                    continue
                archive.writestr(name, content)
                written.append(name)
        sources = list(dict.fromkeys(item.citation for item in items if item.citation))
        readme = [readme_text.rstrip()]
        if data_version:
            readme.append(t("export.readme_version", lang, version=data_version))
        readme += ["", t("export.readme_files", lang)]
        readme += [f"- {name}" for name in written]
        if failed:
            readme += ["", t("export.readme_failed", lang)] + [f"- {name}" for name in failed]
        readme += ["", t("export.readme_sources", lang)] + [f"- {source}" for source in sources]
        readme += ["", t("export.readme_csv_note", lang), ""]
        archive.writestr("README.txt", "\n".join(readme).encode("utf-8"))
    return buffer.getvalue()
