"""City-level published figures (metrics rows with an adcode) and the rule that finds sources that disagree.

A city figure often counts the city's own cluster or industry (column definition: city_own), one segment
of a cluster, or a wider sector; every row says which, and figures of different definitions are never
joined. Where two sources give a figure for the same scope, measure, period, city and definition and
the figures cannot both be true, both rows stay and each is marked with what the other source says.

The disagreement rule (figure_range): a figure stands for the range its wording allows.
  exact   the value as written, give or take half a unit of its last decimal place (rounding);
  about   ± the larger of 1 % and half a unit of its last non-zero digit ("about 4,200" is 4,150–4,250);
  nearly  the "about" range below the value, up to the value;
  over    the value and anything above; under: the value and anything below;
  size_class  an order of magnitude, not a figure: never compared.
Two figures disagree when their ranges do not overlap: "over 2,000" and 2,136.8 agree; 160.89 and
"about 157.84" disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from gdclusters import maps
from gdclusters.analysis import cluster_mask, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import DEFINITIONS, NOT_CHARTED_RELIABILITY, RELIABILITY_RANK, STANDARD_DEFINITION
from gdclusters.i18n import chart_value, format_value, plain_number, t, unit_label
from gdclusters.sourcing import source_labels, source_line
from gdclusters.state import Filters
from gdclusters.targets_view import metric_label
from gdclusters.tiers import name_column, period_kind

SECTION = "city_figures"
# Scope of a figure for a city's whole cluster system (all its clusters, as the city counts them).
CITY_SYSTEM_SCOPE = "all_20"
GROUP_KEY = ("scope", "metric", "period", "adcode", "definition")
ABOUT_SHARE = 0.01
CITY_FIGURE_COLUMNS = (
    "cluster",
    "measure",
    "period",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)
CLUSTER_CITY_FIGURE_COLUMNS = (
    "city",
    "measure",
    "period",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)
MAP_FIGURE_COLUMNS = (
    "city",
    "cluster",
    "measure",
    "period",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
)
FRAME_COLUMNS = [
    "adcode",
    "city",
    "scope",
    "cluster",
    "metric",
    "measure",
    "period",
    "period_kind",
    "value",
    "value_text",
    "unit",
    "unit_id",
    "definition",
    "definition_label",
    "non_standard",
    "disagreement",
    "source_id",
    "source",
    "reliability",
    "quote",
    "note",
    "charted",
]
MAP_TOOLTIP_LINES = 8
SERIES_WIDTH = 260
SERIES_HEIGHT = 120
DISAGREE_COLOUR = "#d55e00"
AGREE_COLOUR = "#1f4e79"


# ---------------------------------------------------------------- definitions and the disagreement rule


def definitions(frame: pd.DataFrame) -> pd.Series:
    """Each row's definition; the programme's own (standard) where the column is missing or empty."""
    if "definition" not in frame:
        return pd.Series(STANDARD_DEFINITION, index=frame.index, dtype=object)
    return frame["definition"].fillna("").astype(str).str.strip().replace("", STANDARD_DEFINITION)


def definition_label(definition: str, lang: str) -> str:
    """A definition in words (the [definition] catalogue section)."""
    return t(f"definition.{definition or STANDARD_DEFINITION}", lang)


def _digits(value: float) -> str:
    """The value as written, without grouping, float noise or trailing decimal zeros."""
    return plain_number(abs(float(value)), 6, grouping=False)


def half_last_place(value: float) -> float:
    """Half a unit of the value's last decimal place (157.84 -> 0.005; whole numbers -> 0.5)."""
    text = _digits(value)
    return 0.5 * 10 ** -len(text.split(".")[1]) if "." in text else 0.5


def half_last_digit(value: float) -> float:
    """Half a unit of the value's last non-zero digit (157.84 -> 0.005, 420 -> 5, 15000 -> 500)."""
    text = _digits(value)
    if "." in text:
        return half_last_place(value)
    stripped = text.rstrip("0")
    return 0.5 * 10 ** (len(text) - len(stripped)) if stripped else 0.5


def figure_range(value: float, qualifier: str) -> tuple[float, float] | None:
    """The range of values a figure's wording allows; None for a size class (not compared)."""
    value = float(value)
    qualifier = qualifier or "exact"
    if qualifier == "size_class":
        return None
    if qualifier == "over":
        return value, math.inf
    if qualifier == "under":
        return -math.inf, value
    rounding = half_last_place(value)
    if qualifier in ("about", "nearly"):
        slack = max(ABOUT_SHARE * abs(value), half_last_digit(value))
        return value - slack, value + (rounding if qualifier == "nearly" else slack)
    return value - rounding, value + rounding


def ranges_disagree(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two figure ranges cannot both hold (no overlap); never for a size class."""
    if a is None or b is None:
        return False
    finite = [abs(v) for v in (*a, *b) if math.isfinite(v)]
    tolerance = 1e-9 * max([1.0, *finite])
    return a[1] + tolerance < b[0] or b[1] + tolerance < a[0]


def disagreeing_rows(metrics: pd.DataFrame) -> dict[object, list[object]]:
    """Row label -> the rows of other sources it disagrees with (same scope, measure, period, city, definition)."""
    frame = metrics.assign(definition=definitions(metrics), adcode=metrics["adcode"].fillna(""))
    out: dict[object, list[object]] = {}
    for _, group in frame.groupby(list(GROUP_KEY), sort=False):
        if len(group) < 2:
            continue
        ranges = {label: figure_range(row["value"], row["qualifier"]) for label, row in group.iterrows()}
        for label, row in group.iterrows():
            others = [
                other
                for other, other_row in group.iterrows()
                if other != label
                and other_row["source_id"] != row["source_id"]
                and ranges_disagree(ranges[label], ranges[other])
            ]
            if others:
                out[label] = others
    return out


@memoised_per_args
def dataset_disagreements(ds: Dataset, lang: str) -> pd.Series:
    """disagreement_notes for every row of ds.metrics (computed once per dataset and language)."""
    return disagreement_notes(ds.metrics, source_labels(ds.sources), lang)


def disagreement_notes(metrics: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.Series:
    """Per row: '' or 'Sources disagree: <other source> gives <figure>; …' (aligned to metrics' index)."""
    notes = pd.Series("", index=metrics.index, dtype=object)
    for label, others in disagreeing_rows(metrics).items():
        items = [
            t(
                f"{SECTION}.disagree_item",
                lang,
                source=labels.get(metrics.at[o, "source_id"], metrics.at[o, "source_id"]),
                value=format_value(
                    float(metrics.at[o, "value"]), metrics.at[o, "unit"], lang, metrics.at[o, "qualifier"]
                ),
            )
            for o in others
        ]
        notes.at[label] = t(f"{SECTION}.disagree", lang, others="; ".join(items))
    return notes


def disagreement_lines(frame: pd.DataFrame, lang: str, place_column: str | None = None) -> list[str]:
    """One line per disputed figure of a shown frame: '<measure>, <period>: <source> <figure>; <source> <figure>'."""
    flagged = frame[frame["disagreement"] != ""]
    keys = [c for c in (place_column, "measure", "period", "definition_label") if c and c in flagged]
    lines = []
    for key, group in flagged.groupby(keys, sort=False):
        parts = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        where = ", ".join(str(parts[c]) for c in keys if c != "definition_label")
        items = "; ".join(
            t(f"{SECTION}.disagree_item", lang, source=s, value=v)
            for s, v in zip(group["source"], group["value_text"], strict=True)
        )
        lines.append(
            t(f"{SECTION}.disagree_line", lang, where=where, definition=parts.get("definition_label", ""), items=items)
        )
    return lines


# ---------------------------------------------------------------- the figures, ready to show


def _period_order(period: str) -> tuple[int, int, int]:
    """(year, last month covered, full year first) so that the latest period sorts last.

    Periods: 2023, 2021H1, 2022Q1, 2023Q1-Q3, 2022M01-M11 (datapackage.json, metrics.period).
    """
    text = str(period)
    year, rest = int(text[:4]), text[4:]
    if not rest:
        return year, 12, 1
    months_per_step = {"H": 6, "Q": 3, "M": 1}.get(rest[0], 1)
    return year, min(int(re.findall(r"\d+", rest)[-1]) * months_per_step, 12), 0


def _scope_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Scope id -> its name: clusters, groups, and the city's own system for all_20."""
    names = {
        **dict(zip(ds.scopes["scope"], ds.scopes[name_column(lang)], strict=True)),
        **dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True)),
    }
    names[CITY_SYSTEM_SCOPE] = t(f"{SECTION}.all_clusters_own", lang)
    return names


def _figure_frame(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """City figure rows with their labels, definition, disagreement note, source and reliability."""
    labels = source_labels(ds.sources)
    reliability = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    notes = dataset_disagreements(ds, lang).reindex(rows.index).fillna("")
    scopes, cities = _scope_names(ds, lang), dict(zip(ds.cities["adcode"], ds.cities[name_column(lang)], strict=True))
    kinds = definitions(rows)
    out = pd.DataFrame(
        {
            "adcode": rows["adcode"],
            "city": rows["adcode"].map(lambda a: cities.get(a, a)),
            "scope": rows["scope"],
            "cluster": rows["scope"].map(lambda s: scopes.get(s, s)),
            "metric": rows["metric"],
            "measure": rows["metric"].map(lambda m: metric_label(ds, m, lang)),
            "period": rows["period"].astype(str),
            "period_kind": rows["period"].map(period_kind),
            "value": [chart_value(float(v), u, lang) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            "value_text": [
                format_value(float(v), u, lang, q)
                for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"], strict=True)
            ],
            "unit": rows["unit"].map(lambda u: unit_label(u, lang)),
            "unit_id": rows["unit"],
            "definition": kinds,
            "definition_label": kinds.map(lambda d: definition_label(d, lang)),
            "non_standard": kinds != STANDARD_DEFINITION,
            "disagreement": notes,
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(lambda s: reliability.get(s, "")),
            "quote": rows["quote"],
            "note": rows["note"],
        },
        columns=FRAME_COLUMNS,
    )
    out["charted"] = ~out["reliability"].isin(NOT_CHARTED_RELIABILITY)
    return out


def _sorted(frame: pd.DataFrame, first: str) -> pd.DataFrame:
    """The city's whole system first, then by first (cluster or city), measure, definition (the programme's first),
    period (oldest first) and the more reliable source."""
    order = frame.assign(
        _system=frame["scope"] != CITY_SYSTEM_SCOPE,
        _definition=frame["definition"].map(lambda d: DEFINITIONS.index(d) if d in DEFINITIONS else len(DEFINITIONS)),
        _period=frame["period"].map(_period_order),
        _rank=frame["reliability"].map(lambda r: RELIABILITY_RANK.get(r, len(RELIABILITY_RANK))),
    )
    order = order.sort_values(["_system", first, "measure", "_definition", "_period", "_rank", "source"], kind="stable")
    return order.drop(columns=["_system", "_definition", "_period", "_rank"]).reset_index(drop=True)


def _kept_scopes(ds: Dataset, filters: Filters | None) -> set[str] | None:
    """The clusters the cluster, category and tier filters keep; None when they keep everything."""
    if filters is None or not maps.has_cluster_selection(filters):
        return None
    return set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])


def city_figures(ds: Dataset, adcode: str, lang: str, filters: Filters | None = None) -> pd.DataFrame:
    """Every figure published for one city, sorted by cluster, measure and period.

    Under a cluster, category or tier filter, figures of other clusters are left out; figures for the city's
    whole cluster system (all_20) and other groups stay, since they are not about one cluster.
    """
    rows = ds.metrics[ds.metrics["adcode"] == adcode]
    kept = _kept_scopes(ds, filters)
    if kept is not None:
        clusters = set(ds.clusters["cluster_id"])
        rows = rows[rows["scope"].isin(kept) | ~rows["scope"].isin(clusters)]
    return _sorted(_figure_frame(ds, rows, lang), "cluster")


def cluster_city_figures(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Every city figure of one cluster, sorted by city, measure and period."""
    rows = ds.metrics[(ds.metrics["scope"] == cluster_id) & (ds.metrics["adcode"] != "")]
    return _sorted(_figure_frame(ds, rows, lang), "city")


def map_city_figures(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """The city figures the map's optional layer shows: for the selected clusters (all with no cluster selection),
    in the cities the city and region filters keep."""
    rows = ds.metrics[ds.metrics["adcode"].isin(maps.cities_in_filter(ds, filters))]
    kept = _kept_scopes(ds, filters)
    if kept is not None:
        rows = rows[rows["scope"].isin(kept)]
    return _sorted(_figure_frame(ds, rows, lang), "city")


def latest_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Per city, scope, measure and definition, the rows of the latest period (every source for that period)."""
    if frame.empty:
        return frame
    order = frame["period"].map(_period_order)
    frame = frame.assign(_order=order)
    latest = frame.groupby(["adcode", "scope", "metric", "definition"])["_order"].transform("max")
    return frame[frame["_order"] == latest].drop(columns="_order")


def figure_points(figures: pd.DataFrame, features: Sequence[Mapping], lang: str) -> list[dict]:
    """One badge per city with figures: position, adcode, the count as its label and a flat text tooltip."""
    points = maps.label_points(features)
    latest = latest_figures(figures)
    out = []
    for adcode, group in figures.groupby("adcode", sort=True):
        if adcode not in points:
            continue
        lines = [t(f"{SECTION}.map_tip_title", lang, city=group["city"].iloc[0], n=len(group))]
        shown = latest[latest["adcode"] == adcode].drop_duplicates(
            ["scope", "metric", "definition", "period", "source_id"]
        )
        for row in shown.head(MAP_TOOLTIP_LINES).to_dict("records"):
            line = t(
                f"{SECTION}.map_tip_item",
                lang,
                cluster=row["cluster"],
                measure=row["measure"],
                period=row["period"],
                value=row["value_text"],
                definition=row["definition_label"],
                source=row["source"],
            )
            lines.append(line + (t(f"{SECTION}.map_tip_disagree", lang) if row["disagreement"] else ""))
        if len(shown) > MAP_TOOLTIP_LINES:
            lines.append(t(f"{SECTION}.map_tip_more", lang, n=len(shown) - MAP_TOOLTIP_LINES))
        lines.append(t("map.tip_click", lang))
        out.append(
            {
                "position": list(points[adcode]),
                "adcode": adcode,
                "n": len(group),
                "label": str(len(group)),
                "tooltip": "\n".join(lines),
            }
        )
    return out


# ---------------------------------------------------------------- small charts, one per series


def chart_series(figures: pd.DataFrame) -> list[pd.DataFrame]:
    """The series worth a line: one per (city, scope, measure, definition) with at least two full years charted."""
    drawn = figures[figures["charted"]]
    out = []
    for _, group in drawn.groupby(["adcode", "scope", "metric", "definition"], sort=False):
        if group.loc[group["period_kind"] == "full_year", "period"].nunique() >= 2:
            out.append(group.reset_index(drop=True))
    return out


def series_title(series: pd.DataFrame, lang: str) -> str:
    """'<cluster>: <measure> (<unit>)' for one series."""
    row = series.iloc[0]
    return t(f"{SECTION}.series_title", lang, cluster=row["cluster"], measure=row["measure"], unit=row["unit"])


def series_chart(series: pd.DataFrame, lang: str) -> alt.VConcatChart:
    """A small line of one series (one measure, scope, city and definition): full years joined, each figure a point.

    Points where sources disagree are orange diamonds; part-year figures are drawn hollow and not joined.
    The subtitle gives the definition, the period span and the sources.
    """
    agree, disagree = t(f"{SECTION}.mark_agree", lang), t(f"{SECTION}.mark_disagree", lang)
    data = series.assign(
        mark=series["disagreement"].map(lambda d: disagree if d else agree),
        order=series["period"].map(lambda p: _period_order(p)[0] * 100 + _period_order(p)[1]),
    )
    periods = sorted(data["period"].unique(), key=_period_order)
    row = data.iloc[0]
    x = alt.X("period:O", sort=periods, title=t("cluster.axis_period", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=row["unit"], scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("measure:N", title=t("cluster.tip_measure", lang)),
        alt.Tooltip("period:N", title=t("cluster.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("cluster.tip_value", lang)),
        alt.Tooltip("definition_label:N", title=t(f"{SECTION}.col_definition_label", lang)),
        alt.Tooltip("source:N", title=t("cluster.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("cluster.tip_reliability", lang)),
        alt.Tooltip("disagreement:N", title=t(f"{SECTION}.col_disagreement", lang)),
    ]
    mark_scale = alt.Scale(domain=[agree, disagree], range=[AGREE_COLOUR, DISAGREE_COLOUR])
    colour = alt.Color("mark:N", scale=mark_scale, title=None, legend=alt.Legend(orient="bottom", labelLimit=320))
    shape = alt.Shape("mark:N", scale=alt.Scale(domain=[agree, disagree], range=["circle", "diamond"]), legend=None)
    full = alt.datum.period_kind == "full_year"
    line = (
        alt.Chart()
        .mark_line(
            color=AGREE_COLOUR, strokeWidth=1.5, strokeDash=[4, 3] if bool(row["non_standard"]) else alt.Undefined
        )
        .transform_filter(full)
        .encode(x=x, y=y, order="order:Q")
    )
    points = (
        alt.Chart()
        .mark_point(size=60, filled=True, opacity=0.95)
        .transform_filter(full)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    part = (
        alt.Chart()
        .mark_point(size=60, filled=False)
        .transform_filter(~full)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    subtitle = [
        t(
            f"{SECTION}.series_subtitle",
            lang,
            city=row["city"],
            definition=row["definition_label"],
            span=f"{periods[0]}–{periods[-1]}",
        ),
        source_line(data["source"], lang),
    ]
    plot = alt.layer(line, points, part, data=data).properties(width=SERIES_WIDTH, height=SERIES_HEIGHT)
    # Wrapped in a one-panel concat: Streamlit sizes a chart with a top-level width and height to exactly that,
    # which would crop the title, axes and legend around the plot.
    return alt.vconcat(
        plot,
        title=alt.TitleParams(
            text=series_title(data, lang), subtitle=subtitle, anchor="start", fontSize=12, subtitleFontSize=10
        ),
    )
