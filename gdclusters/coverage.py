"""Coverage: what the data holds for each cluster, year by year, and how reliable it is.

The grid has one row per cluster (pillar clusters, then emerging, each in clusters.csv order) and ten
columns: ``base_2019``, ``2019`` … ``2025``, ``target_2025`` and ``outcome_2025``. The cell rule:

1. A fact fills a cell only when it is the cluster's own province-level fact: ``scope`` is the
   cluster, ``adcode`` is empty and ``definition`` is the programme's own (empty or ``standard``).
   Facts of the cluster for one city (an adcode) are counted beside the cell as "+N city"; facts with
   another definition (a segment, a wider sector, another plan's sector, a city's own boundary) as
   "+N other definition". Neither fills the cell, so a province hole stays a hole.
2. ``base_2019``: figures of any measure for the period 2019, and target baselines stated for 2019.
3. ``2019`` … ``2025``: full-year figures (period equal to the year) of a money family (revenue,
   output, added value). A year with only part-year figures (2021H1, 2023Q1-Q3) is *partial*.
4. ``target_2025``: targets for 2025, in force or superseded (a revised plan's target and the one it
   replaced both count).
5. ``outcome_2025``: 2025 targets whose status (gdclusters.growth) is met or missed, that is, which
   a comparable full-year figure settles. A level target that an earlier figure already meets is met
   (the status rule's rule 5), so it counts too. The facts of this cell are the settling figures.
6. A cell holds the number of facts, their measures (the families of metric_definitions.csv) and the
   best tier: the most reliable source among them (A best, then B, C, D). A cell with nothing is "—".

Run ``python -m gdclusters.coverage [DATA_DIR] [--lang zh]`` (or ``make coverage``) for the grid as text.
The heat-map builder lives here too, so the page, the export and the command line share one frame.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import cast

import altair as alt
import pandas as pd

from gdclusters import growth
from gdclusters.analysis import memoised
from gdclusters.dataset import DataError, Dataset, load_dataset
from gdclusters.domain import CATEGORY_ORDER, RELIABILITY_RANK, RELIABILITY_TIERS, SETTLED_STATUSES, STANDARD_DEFINITION
from gdclusters.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from gdclusters.paths import DATA_DIR
from gdclusters.tiers import name_column

YEARS = tuple(range(2019, 2026))
TARGET_YEAR = 2025
PERIOD = f"{YEARS[0]}–{YEARS[-1]}"
BASE_PERIOD = "2019"
COLUMNS = ("base_2019", *(str(year) for year in YEARS), "target_2025", "outcome_2025")
MONEY_FAMILIES = ("revenue", "output", "added_value")
FAMILY_ORDER = (*MONEY_FAMILIES, "growth", "share", "count", "physical", "capacity", "profit", "trade")
# What colours a cell: its best tier, "partial" (part-year figures only) or "none" (nothing).
FILLS = (*RELIABILITY_TIERS, "partial", "none")
FILL_COLOURS = {"A": "#1a6b35", "B": "#52a364", "C": "#a8d5a2", "D": "#e8d48b", "partial": "#c9d7e8", "none": "#f3f3f3"}
DARK_FILLS = ("A", "B")
EMPTY = "—"
# Years after which a cluster with no full-year figure counts as "stale" in the takeaway.
STALE_AFTER = 2021
RECENT_YEARS = ("2024", "2025")
LABEL_LIMIT = 260
MIN_ROW_STEP = 24
TEXT_SIZE = 9
LINE_HEIGHT = 10
_YEAR_HEAD = re.compile(r"^(\d{4}年?)\s*(\S.*)?$")
_FACT_COLUMNS = ["cluster_id", "column", "kind", "family", "tier", "partial", "superseded", "status"]


def _text(frame: pd.DataFrame, column: str, default: str = "") -> pd.Series:
    """A text column, or default for every row when the release has no such column yet."""
    if column not in frame:
        return pd.Series(default, index=frame.index, dtype="object")
    return frame[column].fillna("").astype(str)


def _kinds(frame: pd.DataFrame) -> pd.Series:
    """'province', 'city' (the row names a city) or 'other' (another definition) for each row (rule 1)."""
    definition = _text(frame, "definition").replace("", STANDARD_DEFINITION)
    kind = pd.Series("province", index=frame.index, dtype="object")
    kind[definition != STANDARD_DEFINITION] = "other"
    kind[_text(frame, "adcode") != ""] = "city"
    return kind


def _facts(ds: Dataset) -> pd.DataFrame:
    """One row per (fact, column it belongs to), with kind, family, tier and the target's status."""
    clusters = set(ds.clusters["cluster_id"])
    families = dict(zip(ds.metric_definitions["metric"], ds.metric_definitions["family"], strict=True))
    tiers = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    metrics = ds.metrics[ds.metrics["scope"].isin(clusters)]
    targets = ds.targets[ds.targets["scope"].isin(clusters)]
    parts = []

    def add(rows: pd.DataFrame, column: pd.Series | str, sources: pd.Series, **extra) -> None:
        if rows.empty:
            return
        parts.append(
            pd.DataFrame(
                {
                    "cluster_id": rows["scope"],
                    "column": column,
                    "kind": _kinds(rows),
                    "family": rows["metric"].map(families).fillna(""),
                    "tier": sources.map(tiers).fillna(""),
                    "partial": False,
                    "superseded": False,
                    "status": "",
                    **extra,
                }
            )
        )

    base = metrics[metrics["period"] == BASE_PERIOD]
    add(base, "base_2019", base["source_id"])
    money = metrics[metrics["metric"].map(families).isin(MONEY_FAMILIES)]
    year = money["period"].str[:4]
    money = money[year.isin(COLUMNS)]
    add(money, year[money.index], money["source_id"], partial=~money["period"].map(growth.is_full_year).astype(bool))
    baselines = targets[(_text(targets, "baseline_period") == BASE_PERIOD) & targets["baseline_value"].notna()]
    add(baselines, "base_2019", baselines["source_id"])
    due = targets[targets["target_year"] == TARGET_YEAR]
    add(due, "target_2025", due["source_id"], superseded=~growth.in_force(due))
    settled, settling_sources, statuses = _outcomes(ds, due)
    add(settled, "outcome_2025", settling_sources, status=statuses)
    facts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_FACT_COLUMNS)
    return facts[_FACT_COLUMNS]


def _outcomes(ds: Dataset, due: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The settled 2025 targets (status met or missed) with the source of the figure that settles each."""
    observed = growth.with_reliability(ds.metrics[ds.metrics["scope"].isin(due["scope"])], ds.sources)
    # Only a target with a full-year figure of its measure can be settled (status rule 4): the others are skipped.
    full_year = observed[observed["period"].map(growth.is_full_year).astype(bool)]
    measured = set(zip(full_year["scope"], full_year["metric"], full_year["adcode"].fillna(""), strict=True))
    statuses, sources = {}, {}
    for index, target in due.iterrows():
        if (target["scope"], target["metric"], target.get("adcode", "") or "") not in measured:
            continue
        result = growth.evaluate(target, growth.same_measure(target, observed).sort_values("period"))
        if result.status in SETTLED_STATUSES:
            statuses[index] = result.status
            sources[index] = result.latest_source_id or target["source_id"]
    settled = due.loc[list(statuses)]
    return (
        settled,
        pd.Series(sources, index=settled.index, dtype="object"),
        pd.Series(statuses, index=settled.index, dtype="object"),
    )


def _best_tier(tiers: list[str]) -> str:
    """The most reliable tier among a cell's facts (A before B before C before D)."""
    known = [tier for tier in tiers if tier]
    return min(known, key=lambda tier: RELIABILITY_RANK.get(tier, len(RELIABILITY_RANK))) if known else ""


def _family_list(families: list[str]) -> tuple[str, ...]:
    """The distinct families of a cell's facts, money families first."""
    rank = {family: i for i, family in enumerate(FAMILY_ORDER)}
    return tuple(sorted(set(families) - {""}, key=lambda f: (rank.get(f, len(rank)), f)))


def cluster_order(ds: Dataset) -> list[str]:
    """Cluster ids, pillar clusters first, then emerging, each in clusters.csv order."""
    rank = {category: i for i, category in enumerate(CATEGORY_ORDER)}
    clusters = ds.clusters.assign(_rank=ds.clusters["category"].map(rank).fillna(len(rank)))
    return list(clusters.sort_values("_rank", kind="stable")["cluster_id"])


def _cell(facts: list[dict]) -> dict:
    """What one cell holds, from the facts of its cluster and column (rules 1, 3 and 6)."""
    own = [fact for fact in facts if fact["kind"] == "province"]
    full = [fact for fact in own if not fact["partial"]]
    shown = full or own
    tier = _best_tier([fact["tier"] for fact in shown])
    fill = "none" if not shown else "partial" if not full else (tier or "none")
    return {
        "count": len(shown),
        "families": _family_list([fact["family"] for fact in shown]),
        "tier": tier,
        "fill": fill,
        "city": sum(fact["kind"] == "city" for fact in facts),
        "other": sum(fact["kind"] == "other" for fact in facts),
        "superseded": sum(bool(fact["superseded"]) for fact in shown),
        "met": sum(fact["status"] == "met" for fact in shown),
        "missed": sum(fact["status"] == "missed" for fact in shown),
    }


@memoised
def coverage_cells(ds: Dataset) -> pd.DataFrame:
    """One row per (cluster, column): count, families, best tier, fill, city and other-definition counts."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for fact in _facts(ds).to_dict("records"):
        groups.setdefault((fact["cluster_id"], fact["column"]), []).append(fact)
    return pd.DataFrame(
        [
            {"cluster_id": cluster_id, "column": column, **_cell(groups.get((cluster_id, column), []))}
            for cluster_id in cluster_order(ds)
            for column in COLUMNS
        ]
    )


def column_label(column: str, lang: str) -> str:
    """A grid column's heading ('2019 base', '2021', '2025 outcome')."""
    if column.isdigit():
        return t("coverage.col_year", lang, year=column)
    return t(f"coverage.col_{column}", lang)


def _families_text(families: tuple[str, ...], lang: str) -> str:
    return t("coverage.list_separator", lang).join(t(f"definitions.family_{family}", lang) for family in families)


def _status_parts(cell: pd.Series, lang: str) -> list[str]:
    """['met', 'missed ×2'] for an outcome cell (empty for any other)."""
    return [
        t(f"status.{status}", lang) + (f" ×{cell[status]}" if cell[status] > 1 else "")
        for status in SETTLED_STATUSES
        if cell[status]
    ]


def _extras_text(cell: pd.Series, lang: str) -> str:
    """'+1 city, +2 other definition' for the facts beside the cell ('' when none)."""
    parts = [
        t("coverage.extra_city", lang, n=int(cell["city"])) if cell["city"] else "",
        t("coverage.extra_other", lang, n=int(cell["other"])) if cell["other"] else "",
    ]
    return t("coverage.list_separator", lang).join(part for part in parts if part)


def cell_text(cell: pd.Series, lang: str) -> str:
    """What a cell holds, in words: '2 · revenue, added value · A', 'partial · added value · B' or '—'."""
    if cell["fill"] == "none":
        parts = [EMPTY]
    else:
        head = t("coverage.partial", lang) if cell["fill"] == "partial" else str(cell["count"])
        parts = [head, _families_text(cell["families"], lang)]
        parts += [t("coverage.list_separator", lang).join(_status_parts(cell, lang)), cell["tier"]]
    text = " · ".join(part for part in parts if part)
    extras = _extras_text(cell, lang)
    return f"{text} ({extras})" if extras else text


def short_text(cell: pd.Series, lang: str) -> str:
    """The lines drawn inside a heat-map cell: '2 · A' (or 'partial · B', '—'), then 'met', '+1 city', '+2 other'."""
    if cell["fill"] == "none":
        lines = [EMPTY]
    else:
        head = t("coverage.partial", lang) if cell["fill"] == "partial" else str(cell["count"])
        lines = [f"{head} · {cell['tier']}"]
    lines += _status_parts(cell, lang)
    if cell["city"]:
        lines.append(t("coverage.extra_city", lang, n=int(cell["city"])))
    if cell["other"]:
        lines.append(t("coverage.extra_other_short", lang, n=int(cell["other"])))
    return "\n".join(lines)


def _names(ds: Dataset, lang: str) -> dict[str, str]:
    return dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True))


def coverage_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """The grid: one row per cluster (pillar, then emerging), a text cell per column of COLUMNS."""
    cells = coverage_cells(ds)
    texts = cells.assign(text=[cell_text(cell, lang) for _, cell in cells.iterrows()])
    grid = texts.pivot(index="cluster_id", columns="column", values="text")
    order = cluster_order(ds)
    categories = dict(zip(ds.clusters["cluster_id"], ds.clusters["category"], strict=True))
    names = _names(ds, lang)
    out = pd.DataFrame(
        {
            "cluster_id": order,
            "cluster": [names[c] for c in order],
            "category": [t(f"category.{categories[c]}", lang) for c in order],
        }
    )
    for column in COLUMNS:
        out[column] = grid.loc[order, column].to_list()
    return out


def labelled_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The grid with headings in lang and without the id column: what the page, the CSV and the CLI show."""
    headings = {
        "cluster": t("coverage.col_cluster", lang),
        "category": t("coverage.col_category", lang),
        **{column: column_label(column, lang) for column in COLUMNS},
    }
    return table.drop(columns=["cluster_id"]).rename(columns=headings)


def summary(ds: Dataset) -> dict[str, int]:
    """Counts for the takeaway: clusters, those with a full-year figure for 2024 or 2025, those with none
    after STALE_AFTER, and those with a settled 2025 target."""
    cells = coverage_cells(ds)
    full = cells[cells["column"].isin([str(y) for y in YEARS]) & cells["fill"].isin(RELIABILITY_TIERS)]
    clusters = set(cells["cluster_id"])
    late = set(full.loc[full["column"].astype(int) > STALE_AFTER, "cluster_id"])
    outcome = cells[(cells["column"] == "outcome_2025") & (cells["fill"] != "none")]
    return {
        "clusters": len(clusters),
        "recent": int(full.loc[full["column"].isin(RECENT_YEARS), "cluster_id"].nunique()),
        "stale": len(clusters - late),
        "settled": int(outcome["cluster_id"].nunique()),
    }


def takeaway(ds: Dataset, lang: str) -> str:
    """One sentence on the holes, computed from the data."""
    counts = summary(ds)
    return t(
        "coverage.takeaway_line",
        lang,
        total=counts["clusters"],
        recent=counts["recent"],
        stale=counts["stale"],
        after=STALE_AFTER,
        settled=counts["settled"],
    )


def chart_frame(ds: Dataset, lang: str) -> pd.DataFrame:
    """The cells in long form with the labels the heat-map draws and its tooltips show."""
    cells = coverage_cells(ds)
    names = _names(ds, lang)
    return pd.DataFrame(
        {
            "cluster_id": cells["cluster_id"],
            "cluster": cells["cluster_id"].map(names),
            "column": cells["column"],
            "column_label": cells["column"].map(lambda c: column_label(c, lang)),
            "fill": cells["fill"],
            "fill_label": cells["fill"].map(lambda f: t(f"coverage.fill_{f}", lang)),
            "short_text": [short_text(cell, lang) for _, cell in cells.iterrows()],
            "text": [cell_text(cell, lang) for _, cell in cells.iterrows()],
            "dark": cells["fill"].isin(DARK_FILLS),
        }
    )


def _heading_lines(headings: list[str]) -> dict[str, list[str]]:
    """Each column heading split after its year ('2025 outcome' -> ['2025', 'outcome'], '2025年目标' -> two lines)."""
    out = {}
    for heading in headings:
        match = _YEAR_HEAD.match(heading)
        out[heading] = [match.group(1), match.group(2)] if match and match.group(2) else [heading]
    return out


def _row_step(frame: pd.DataFrame) -> int:
    """Row height: room for the most lines any cell draws."""
    lines = int(frame["short_text"].str.count("\n").max() + 1) if len(frame) else 1
    return max(MIN_ROW_STEP, LINE_HEIGHT * lines + 6)


def coverage_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """A heat-map: a row per cluster, a column per period; colour = best tier (or part-year / nothing)."""
    clusters = list(dict.fromkeys(frame["cluster"]))
    columns = [column_label(column, lang) for column in COLUMNS]
    x = alt.X(
        "column_label:N",
        sort=columns,
        scale=alt.Scale(domain=columns),
        title=None,
        # Two-line headings ("2025" over "outcome") fit narrow columns; none is dropped for overlap.
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelLimit=120,
            labelOverlap=False,
            ticks=False,
            labelPadding=6,
            domain=False,
            labelExpr=f"{json.dumps(_heading_lines(columns), ensure_ascii=False)}[datum.label]",
        ),
    )
    y = alt.Y("cluster:N", sort=clusters, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT, ticks=False, domain=False))
    tooltip = [
        alt.Tooltip("cluster:N", title=t("coverage.col_cluster", lang)),
        alt.Tooltip("column_label:N", title=t("coverage.tip_column", lang)),
        alt.Tooltip("text:N", title=t("coverage.tip_have", lang)),
        alt.Tooltip("fill_label:N", title=t("coverage.legend_title", lang)),
    ]
    step = _row_step(frame)
    # With an offset the text sits at the top of its row, and a cell's lines run down from the first one:
    # place the first line so that the block is centred in the row.
    base = alt.Chart(frame.assign(text_offset=step / 2 - frame["short_text"].str.count("\n") * LINE_HEIGHT / 2))
    rects = base.mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(
        x=x,
        y=y,
        tooltip=tooltip,
        color=alt.Color(
            "fill_label:N",
            title=t("coverage.legend_title", lang),
            scale=alt.Scale(
                domain=[t(f"coverage.fill_{f}", lang) for f in FILLS], range=[FILL_COLOURS[f] for f in FILLS]
            ),
            legend=alt.Legend(
                orient="bottom",
                columns=3,
                labelLimit=LABEL_LIMIT,
                symbolType="square",
                symbolSize=160,
                symbolStrokeColor="#999999",
                symbolStrokeWidth=0.5,
            ),
        ),
    )
    texts = base.mark_text(fontSize=TEXT_SIZE, lineHeight=LINE_HEIGHT, lineBreak="\n", baseline="middle").encode(
        x=x,
        y=y,
        text="short_text:N",
        tooltip=tooltip,
        yOffset=alt.YOffset("text_offset:Q", scale=None),
        color=alt.condition("datum.dark", alt.value("#ffffff"), alt.value("#222222")),
    )
    layered = cast(alt.LayerChart, alt.layer(rects, texts))  # no facet encodings: never a FacetChart
    return layered.properties(
        width="container",
        height=alt.Step(step),
        title=alt.TitleParams(
            t("coverage.chart_title", lang),
            anchor="start",
            subtitle=[t("coverage.chart_subtitle", lang), t("coverage.chart_note", lang)],
        ),
    )


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_text(frame: pd.DataFrame) -> str:
    """A frame as aligned plain text: a header line, a rule, a line per row."""
    header = [str(column) for column in frame.columns]
    rows = [["" if pd.isna(value) else str(value) for value in row] for row in frame.itertuples(index=False)]
    widths = [max(_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [header, ["-" * w for w in widths], *rows]
    ]
    return "\n".join(lines)


def report(ds: Dataset, lang: str) -> str:
    """What `make coverage` prints: the grid, the legend line and the takeaway."""
    table = labelled_table(coverage_table(ds, lang), lang)
    return "\n".join([render_text(table), "", t("coverage.legend_line", lang), takeaway(ds, lang)])


def main(argv: list[str] | None = None) -> int:
    """Print the coverage grid of a data folder; exit 1 with the validation messages if it is broken."""
    parser = argparse.ArgumentParser(prog="python -m gdclusters.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(DATA_DIR), help="folder with datapackage.json")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="language of the table")
    args = parser.parse_args(argv)
    try:
        ds = load_dataset(Path(args.data_dir))
    except DataError as error:
        print(f"{len(error.issues)} problem(s) in {args.data_dir}; no coverage table:", file=sys.stderr)
        for issue in error.issues:
            print(f"  - {issue}", file=sys.stderr)
        return 1
    print(report(ds, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
