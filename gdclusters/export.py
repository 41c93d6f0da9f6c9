"""Exports without Streamlit: safe CSV with citation, Vega-Lite spec, images, offline map HTML, ZIP bundle.

Images (PNG at 2x, SVG, PDF) are rendered on the server by vl-convert from a decorated copy of the page's
chart: a title that states the filters, and a footer with the source line and the reference period. The
on-screen chart is never changed. Chinese text needs a CJK font: one is looked up once per process and
registered with vl-convert before the first image; when none is found, exports still work and cjk_font_status() says so.

The interactive map is written as one HTML file with pydeck's deck.gl bundle inlined, no basemap and a
Content-Security-Policy that forbids any request, so it opens without a network.
"""

from __future__ import annotations

import functools
import html
import io
import json
import logging
import os
import re
import shutil
import subprocess
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import altair as alt
import pandas as pd

from gdclusters.i18n import t
from gdclusters.state import Filters

PROJECT_SLUG = "guangdong-clusters"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LOG = logging.getLogger("gdclusters.export")

PNG_SCALE = 2
# Exports must not fetch anything: charts carry their data inline.
ALLOWED_BASE_URLS: list[str] = []
# Width and height used when a chart asks for its container's size (there is no container on the server).
EXPORT_WIDTH = 640
EXPORT_HEIGHT = 400
# Characters per title/footer line before wrapping (a CJK character counts as two).
LINE_WIDTH = 110

MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv",
    "html": "text/html",
    "zip": "application/zip",
}

# Environment overrides: a font directory (only it is searched) and the family to use from it.
FONT_DIR_ENV = "GDCLUSTERS_CJK_FONT_DIR"
FONT_FAMILY_ENV = "GDCLUSTERS_CJK_FONT_FAMILY"
FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/opentype/source-han-sans",
    "/usr/share/fonts/adobe-source-han-sans",
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/wenquanyi",
    "/usr/share/fonts/truetype/droid",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
# Preferred Simplified-Chinese families, best first, and the file-name stems that carry them.
FONT_FAMILIES = (
    ("Noto Sans CJK SC", "NotoSansCJK"),
    ("Source Han Sans SC", "SourceHanSans"),
    ("Noto Sans SC", "NotoSansSC"),
    ("WenQuanYi Zen Hei", "wqy-zenhei"),
    ("WenQuanYi Micro Hei", "wqy-microhei"),
    ("Droid Sans Fallback", "DroidSansFallback"),
    ("Microsoft YaHei", "msyh"),
    ("PingFang SC", "PingFang"),
)
FONT_SUFFIXES = (".ttc", ".otf", ".ttf")


# ---------------------------------------------------------------- CSV and JSON


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame, citation: str) -> bytes:
    """UTF-8 (with BOM, for Excel) CSV of frame, formula-safe, ending with a '# Source:' citation line."""
    safe = frame.map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote cells holding a bare carriage return, which a "\n"
    # terminator would leave unquoted and split the row in a spreadsheet.
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    buffer.write("# " + " ".join(str(neutralise_cell(citation)).split()) + "\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def spec_json(chart) -> bytes:
    """The chart's Vega-Lite specification as pretty-printed JSON."""
    return json.dumps(chart.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


def file_name(*parts: object, ext: str) -> str:
    """A descriptive file name with no spaces: guangdong-clusters_<parts>.<ext>."""
    cleaned = []
    for part in parts:
        text = re.sub(r"[^0-9A-Za-z_-]+", "-", str(part)).strip("-").lower()
        if text:
            cleaned.append(text)
    return "_".join([PROJECT_SLUG, *cleaned])[:150] + f".{ext}"


# ---------------------------------------------------------------- filters in words (in file names: sourcing)


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


# ---------------------------------------------------------------- CJK font


@dataclass(frozen=True)
class FontStatus:
    """Which CJK font image exports use; found is False when Chinese may not render in PNG/PDF."""

    found: bool
    family: str | None = None
    directory: str | None = None


def _fontconfig_candidates() -> list[tuple[str, str]]:
    """(family, file) pairs of fonts fontconfig knows for Chinese; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError) as error:
        LOG.warning("fc-list failed (%s); scanning the usual font folders instead", error)
        return []
    pairs = []
    for line in result.stdout.splitlines():
        path, _, families = line.partition(":")
        for family in families.split(","):
            pairs.append((family.strip(), path.strip()))
    return pairs


def _folder_candidates(directories: Iterable[str]) -> list[tuple[str, str]]:
    """(family, file) pairs guessed from the file names of fonts in directories."""
    pairs = []
    for directory in directories:
        folder = Path(directory)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in FONT_SUFFIXES:
                continue
            for family, stem in FONT_FAMILIES:
                if path.name.lower().startswith(stem.lower()):
                    pairs.append((family, str(path)))
    return pairs


def find_cjk_font(directories: Sequence[str] | None = None, use_fontconfig: bool = True) -> FontStatus:
    """Look for a Simplified-Chinese font: fontconfig first, then the usual font folders."""
    override = os.environ.get(FONT_DIR_ENV)
    if override:
        directories, use_fontconfig = [override], False
    candidates = _fontconfig_candidates() if use_fontconfig else []
    candidates += _folder_candidates(FONT_DIRS if directories is None else directories)
    wanted = os.environ.get(FONT_FAMILY_ENV)
    ranking = [wanted] if wanted else [family for family, _ in FONT_FAMILIES]
    for family in ranking:
        for candidate_family, path in candidates:
            if candidate_family == family and Path(path).is_file():
                return FontStatus(found=True, family=family, directory=str(Path(path).parent))
    return FontStatus(found=False)


_font_lock = threading.Lock()
_font_status: FontStatus | None = None
_font_registered = False


def cjk_font_status() -> FontStatus:
    """The CJK font image exports use (looked up once per process, warned about once if missing)."""
    global _font_status
    with _font_lock:
        if _font_status is None:
            status = find_cjk_font()
            if status.found:
                LOG.info("image exports use %s from %s", status.family, status.directory)
            else:
                LOG.warning(
                    "no CJK font found (install fonts-noto-cjk or set %s): Chinese text may be missing "
                    "from PNG and PDF exports; SVG keeps the text",
                    FONT_DIR_ENV,
                )
            _font_status = status
        return _font_status


def _register_cjk_font() -> None:
    """Register the CJK font's folder with vl-convert, once per process, before the first image is rendered.

    Not done on lookup: importing vl-convert and registering fonts takes ~0.1 s, which a page showing a
    download menu should not pay before anyone asks for an image.
    """
    global _font_registered
    status = cjk_font_status()
    with _font_lock:
        if status.found and status.directory is not None and not _font_registered:
            import vl_convert

            vl_convert.register_font_directory(status.directory)
            _font_registered = True


# ---------------------------------------------------------------- decorated images


def _display_width(text: str) -> int:
    """Width of text in columns: CJK (wide) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WIDE_OR_SPACE = re.compile(r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def wrap_line(text: str, width: int = LINE_WIDTH) -> list[str]:
    """Split text into lines of at most width columns, breaking at spaces or between CJK characters."""
    text = " ".join(str(text).split())
    tokens = [token for token in re.split(f"({_WIDE_OR_SPACE.pattern})", text) if token]
    lines: list[str] = []
    current = ""
    for token in tokens:
        if _display_width(current + token) <= width:
            current += token
            continue
        if current.strip():
            lines.append(current.strip())
        current = "" if token.isspace() else token
        # A single word longer than a line is cut where it must be.
        while _display_width(current) > width:
            cut = max(1, next(i for i in range(len(current), 0, -1) if _display_width(current[:i]) <= width))
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.strip())
    return lines


def _lines(value: Any) -> list[str]:
    """A title or subtitle value (text, list of lines or undefined) as a list of lines."""
    if value is None or value is alt.Undefined:
        return []
    return [str(line) for line in value] if isinstance(value, list | tuple) else [str(value)]


def title_parts(title: Any) -> tuple[str, list[str]]:
    """(text, subtitle lines) of a chart's title, whether a string, a list or TitleParams."""
    if title is None or title is alt.Undefined:
        return "", []
    if isinstance(title, str | list | tuple):
        return " ".join(_lines(title)), []
    settings = title.to_dict() if hasattr(title, "to_dict") else dict(title)
    return " ".join(_lines(settings.get("text"))), _lines(settings.get("subtitle"))


def decorate(
    chart, *, title: str, filters_line: str = "", source_line: str = "", period_line: str = "", font: str | None = None
) -> alt.VConcatChart:
    """A copy of chart for image export: title and filters above, source and reference period below."""
    body = chart.copy(deep=True)
    # Properties only a top-level spec may carry move to the wrapper.
    moved = {}
    for attribute in ("config", "autosize", "padding", "background", "datasets", "usermeta"):
        value = body._get(attribute)
        if value is not alt.Undefined:
            moved[attribute] = value
            body[attribute] = alt.Undefined
    body["$schema"] = alt.Undefined
    # The chart's own title moves into the wrapper's heading so the image does not show two titles.
    own_text, own_subtitle = title_parts(body._get("title"))
    body["title"] = alt.Undefined
    title = title or own_text
    subtitle = [line for text in ([own_text] if own_text and own_text != title else []) for line in wrap_line(text)]
    # Lines the chart already states and the export adds anyway are shown once.
    repeated = {" ".join(str(text).split()) for text in (filters_line, source_line, period_line)}
    own_subtitle = [text for text in own_subtitle if " ".join(text.split()) not in repeated]
    subtitle += [line for text in own_subtitle for line in wrap_line(text)] + wrap_line(filters_line)
    footer_lines = [line for text in (source_line, period_line) for line in wrap_line(text)]
    # Two nested wrappers because a spec has one title: the inner one carries the heading, the outer one the
    # footer, placed below everything the chart draws (legends included).
    wrapper = alt.vconcat(
        body,
        title=alt.TitleParams(
            text=wrap_line(title) or [" "],
            subtitle=subtitle,
            anchor="start",
            fontSize=15,
            subtitleFontSize=12,
            subtitleColor="#3c3c3c",
            offset=10,
        ),
    )
    if footer_lines:
        wrapper = alt.vconcat(
            wrapper,
            title=alt.TitleParams(
                text=footer_lines,
                orient="bottom",
                anchor="start",
                fontSize=11,
                fontWeight="normal",
                color="#3c3c3c",
                offset=14,
            ),
        )
    for attribute, value in moved.items():
        wrapper[attribute] = value
    if font:
        config = moved.get("config")
        settings = config.to_dict() if config is not None else {}
        settings["font"] = font
        wrapper["config"] = alt.Config.from_dict(settings)
    return wrapper


def _fixed_size(node: Any) -> Any:
    """Replace 'container' widths and heights (meaningless off-screen) with fixed sizes, leaving data alone."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("datasets", "data", "values"):
                out[key] = value
            elif key in ("width", "height") and value == "container":
                out[key] = EXPORT_WIDTH if key == "width" else EXPORT_HEIGHT
            else:
                out[key] = _fixed_size(value)
        return out
    if isinstance(node, list):
        return [_fixed_size(value) for value in node]
    return node


@functools.lru_cache(maxsize=1)
def _vegalite_version() -> str | None:
    """The Vega-Lite version Altair writes, if vl-convert bundles it (else vl-convert's latest)."""
    import vl_convert

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vl_convert.get_vegalite_versions() else None


class _ConvertOptions(TypedDict):
    """Keyword arguments every vl-convert call gets."""

    vl_version: str | None
    allowed_base_urls: list[str]


def render_image(chart, fmt: str, scale: float = PNG_SCALE) -> bytes:
    """Render an Altair chart to png (at scale), svg or pdf with vl-convert, fetching nothing."""
    import vl_convert

    _register_cjk_font()
    spec = _fixed_size(chart.to_dict())
    options: _ConvertOptions = {"vl_version": _vegalite_version(), "allowed_base_urls": ALLOWED_BASE_URLS}
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=scale, **options)
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, **options).encode("utf-8")
    if fmt == "pdf":
        return vl_convert.vegalite_to_pdf(spec, **options)
    raise ValueError(f"unknown image format {fmt!r}; expected png, svg or pdf")


# ---------------------------------------------------------------- offline map HTML

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; worker-src blob:; connect-src data: blob:"
)
_HTML_STYLE = """
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; background: #f4f6f8;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
#deck-container { position: absolute; inset: 0; }
#caption { position: absolute; top: 8px; left: 8px; z-index: 2; max-width: 60%; padding: 6px 10px;
  background: rgba(255, 255, 255, 0.88); border-radius: 4px; color: #1e1e1e; font-size: 12px; line-height: 1.4; }
#caption h1 { margin: 0 0 4px; font-size: 16px; }
#caption p { margin: 0; }
.deck-tooltip { font-size: 12px; }
"""


@functools.lru_cache(maxsize=1)
def pydeck_bundle() -> str:
    """pydeck's standalone deck.gl bundle (shipped inside the package), safe to inline in a script tag."""
    import pydeck

    bundle = Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js"
    # '</script' would end the inline script early; '<\/script' means the same to JavaScript.
    return bundle.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _script_json(value: object) -> str:
    """JSON for an inline script: '<', '>' and '&' escaped so data cannot close the tag."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def deck_html(deck, *, title: str, lines: Sequence[str] = (), lang: str = "en") -> bytes:
    """A self-contained HTML page of a pydeck map: bundle inlined, no basemap, no request allowed."""
    spec = json.loads(deck.to_json())
    # Without a map provider deck.gl draws only the layers: no tiles, no token, no style download.
    for key in ("mapStyle", "mapProvider", "mapboxKey", "googleMapsKey"):
        spec.pop(key, None)
    tooltip = getattr(deck, "_tooltip", True)
    caption = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    page = f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_HTML_STYLE}</style>
<script>{pydeck_bundle()}</script>
</head>
<body>
<div id="deck-container"></div>
<div id="caption"><h1>{html.escape(title)}</h1>{caption}</div>
<script>
const deckInstance = createDeck({{
  container: document.getElementById("deck-container"),
  jsonInput: {_script_json(spec)},
  tooltip: {_script_json(tooltip)},
  customLibraries: null,
  configuration: null,
}});
</script>
</body>
</html>
"""
    return page.encode("utf-8")


# ---------------------------------------------------------------- items and the ZIP bundle


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
        needed when a file is asked for).
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
            return deck_html(self.deck, title=self.title or " ".join(self.name), lines=lines, lang=self.lang)
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


def bundle_zip(items: Sequence[ExportItem], readme_text: str, lang: str = "en") -> bytes:
    """A ZIP of every file of every item plus README.txt listing those files and the sources."""
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
        readme = [readme_text.rstrip(), "", t("export.readme_files", lang)]
        readme += [f"- {name}" for name in written]
        if failed:
            readme += ["", t("export.readme_failed", lang)] + [f"- {name}" for name in failed]
        readme += ["", t("export.readme_sources", lang)] + [f"- {source}" for source in sources]
        readme += ["", t("export.readme_csv_note", lang), ""]
        archive.writestr("README.txt", "\n".join(readme).encode("utf-8"))
    return buffer.getvalue()
