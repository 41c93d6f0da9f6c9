"""Chart images and spec: a decorated copy of the chart rendered to PNG, SVG or PDF by vl-convert, fetching nothing.

The copy carries a title that states the filters and a footer with the source line and the reference
period; the on-screen chart is never changed.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from typing import Any, TypedDict

import altair as alt

from gdclusters.export.fonts import register_cjk_font

PNG_SCALE = 2
# Exports must not fetch anything: charts carry their data inline.
ALLOWED_BASE_URLS: list[str] = []
# Width and height used when a chart asks for its container's size (there is no container on the server).
EXPORT_WIDTH = 640
EXPORT_HEIGHT = 400
# Characters per title/footer line before wrapping (a CJK character counts as two).
LINE_WIDTH = 110


def spec_json(chart) -> bytes:
    """The chart's Vega-Lite specification as pretty-printed JSON."""
    return json.dumps(chart.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


def _display_width(text: str) -> int:
    """Width of text in columns: CJK (wide) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WIDE_OR_SPACE = re.compile(r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


# Full-width punctuation a Chinese line must not start with (kinsoku): it closes what comes before it.
NO_LINE_START = frozenset("，。、；：？！）」』】》〉”’")


def wrap_line(text: str, width: int = LINE_WIDTH) -> list[str]:
    """Split text into lines of at most width columns, breaking at spaces or between CJK characters; a line may
    run one full-width punctuation mark over, so that no line starts with one."""
    text = " ".join(str(text).split())
    tokens = [token for token in re.split(f"({_WIDE_OR_SPACE.pattern})", text) if token]
    lines: list[str] = []
    current = ""
    for token in tokens:
        # A line never starts with closing punctuation ("；…", "，"): it stays at the end of the line before.
        if _display_width(current + token) <= width or (current.strip() and token in NO_LINE_START):
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


def join_lines(lines: list[str]) -> str:
    """Lines wrap_line made, as one text again: a space between two Latin words, none beside a CJK character."""
    text = ""
    for line in lines:
        if text and line and not (_display_width(text[-1]) == 2 or _display_width(line[0]) == 2):
            text += " "
        text += line
    return text


def title_parts(title: Any) -> tuple[str, list[str]]:
    """(text, subtitle lines) of a chart's title, whether a string, a list of wrapped lines or TitleParams."""
    if title is None or title is alt.Undefined:
        return "", []
    if isinstance(title, str | list | tuple):
        return join_lines(_lines(title)), []
    settings = title.to_dict() if hasattr(title, "to_dict") else dict(title)
    return join_lines(_lines(settings.get("text"))), _lines(settings.get("subtitle"))


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

    register_cjk_font()
    spec = _fixed_size(chart.to_dict())
    options: _ConvertOptions = {"vl_version": _vegalite_version(), "allowed_base_urls": ALLOWED_BASE_URLS}
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=scale, **options)
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, **options).encode("utf-8")
    if fmt == "pdf":
        return vl_convert.vegalite_to_pdf(spec, **options)
    raise ValueError(f"unknown image format {fmt!r}; expected png, svg or pdf")
