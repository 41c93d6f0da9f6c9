"""The maps' visual vocabulary: the colours, count classes and legend entries every map (deck.gl or Altair) uses.

Two colourings exist: by how many clusters a city is named for (a sequential, colour-blind-safe blue scale), and
by the strongest role a city plays for the selected clusters (core dark, base medium, region-level mention pale
orange with an orange outline, none light grey). A role never rests on colour alone: core and base cities also
carry a marker (white circle, white triangle) and a region-level mention a thick outline, on every map that
shows roles. The legend labels and map titles are here too, so that a colour, its marker and the words naming
it are defined in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdclusters.domain import ROLE_ORDER
from gdclusters.i18n import t

BACKGROUND_COLOUR = "#f4f6f8"

# ColorBrewer Blues (sequential, colour-blind safe), light to dark; the lightest step is left out so that
# "one cluster" stays distinct from "none" (grey).
COUNT_PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
NONE_COLOUR = "#dedede"
OUTSIDE_COLOUR = "#f7f7f7"
OUTSIDE_OUTLINE = "#c4c4c4"
CITY_OUTLINE = "#ffffff"
ROLE_COLOURS = {"core": "#08306b", "base": "#4292c6", "region": "#fdd9a8", "none": NONE_COLOUR}
ROLE_OUTLINES = {"core": CITY_OUTLINE, "base": CITY_OUTLINE, "region": "#d9730d", "none": CITY_OUTLINE}
# The second channel of a role: a white marker with a dark edge at the city's label point (it reads on every
# fill), as a Vega point shape (Altair maps and legends) and as the same shape's glyph (deck.gl text).
ROLE_MARKERS = {"core": "circle", "base": "triangle-up"}
ROLE_GLYPHS = {"core": "●", "base": "▲"}
MARKER_FILL = "#ffffff"
MARKER_STROKE = "#1a1a1a"
# Okabe–Ito colours for the region outlines: distinct from the blue fills and from one another.
REGION_OUTLINES = {
    "pearl_river_delta": "#d55e00",
    "coastal_east": "#009e73",
    "coastal_west": "#cc79a7",
    "northern_ecological": "#e69f00",
}


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of a map legend: its label, fill colour, outline colour and marker (a ROLE_MARKERS shape)."""

    label: str
    fill: str
    outline: str = CITY_OUTLINE
    marker: str | None = None


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' as the [r, g, b, a] list deck.gl expects."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def name_columns(lang: str) -> tuple[str, str]:
    """The name column of lang and of the other language."""
    return ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")


def role_label(role: str, lang: str) -> str:
    """The legend/table label of a role; a region-level mention says the city was not named."""
    return t("map.legend_region", lang) if role == "region" else t(f"role.{role}", lang)


def count_classes(max_count: int, max_classes: int = len(COUNT_PALETTE)) -> list[tuple[int, int]]:
    """Class ranges (low, high) covering 1..max_count in at most max_classes equal-width steps."""
    if max_count <= 0:
        return []
    width = math.ceil(max_count / max_classes)
    return [(low, min(low + width - 1, max_count)) for low in range(1, max_count + 1, width)]


def class_colours(n_classes: int) -> list[str]:
    """n_classes colours spread over the sequential palette, light to dark."""
    if n_classes <= 0:
        return []
    if n_classes == 1:
        return [COUNT_PALETTE[len(COUNT_PALETTE) // 2]]
    last = len(COUNT_PALETTE) - 1
    return [COUNT_PALETTE[round(i * last / (n_classes - 1))] for i in range(n_classes)]


def class_label(low: int, high: int) -> str:
    """'3' or '3–4' for a count class."""
    return str(low) if low == high else f"{low}–{high}"


def count_legend(scale_max: int, lang: str, outside: bool = False) -> list[LegendEntry]:
    """Legend of the count colouring: none, then each class, then (if any) cities outside the filters."""
    entries = [LegendEntry(t("map.legend_zero", lang), NONE_COLOUR)]
    classes = count_classes(scale_max)
    entries += [
        LegendEntry(class_label(low, high), colour)
        for (low, high), colour in zip(classes, class_colours(len(classes)), strict=True)
    ]
    if outside:
        entries.append(LegendEntry(t("map.legend_outside", lang), OUTSIDE_COLOUR, OUTSIDE_OUTLINE))
    return entries


def role_legend(lang: str, outside: bool = False) -> list[LegendEntry]:
    """Legend of the role colouring (core, base, region-level mention, none) with the core and base markers, plus
    cities outside the filters."""
    entries = [
        LegendEntry(role_label(role, lang), ROLE_COLOURS[role], ROLE_OUTLINES[role], ROLE_MARKERS.get(role))
        for role in ROLE_ORDER
    ]
    if outside:
        entries.append(LegendEntry(t("map.legend_outside", lang), OUTSIDE_COLOUR, OUTSIDE_OUTLINE))
    return entries


def region_legend(lang: str) -> list[LegendEntry]:
    """Legend of the region outlines (outline colour only)."""
    return [LegendEntry(t(f"region.{region}", lang), "#ffffff", colour) for region, colour in REGION_OUTLINES.items()]


def map_title(mode: str, lang: str, value_col: str = "n_clusters") -> str:
    """Title of a map: the count measure shown, or the roles for the selected clusters."""
    return t(f"map.title_{value_col}", lang) if mode == "count" else t("map.title_roles", lang)
