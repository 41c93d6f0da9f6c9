"""Helpers every profile table shares: id-to-name and source lookups, text shortening, CSV columns, source ids.

plan_base_frame() is here too: the City profile (bases in the city) and the Cluster profile's policy history
(bases related to the cluster) show the 2016–2020 plan's bases as the same table (BASE_COLUMNS).
"""

from __future__ import annotations

from typing import SupportsInt, cast

import pandas as pd

from gdclusters.dataset import Dataset
from gdclusters.i18n import column_labels, localised, t
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.tiers import name_column

QUOTE_LIMIT = 200
BASE_COLUMNS = ("field", "place", "base_detail", "related_cluster", "source", "reliability", "quote")


def export_frame(frame: pd.DataFrame, section: str, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The shown columns of a table with their headers in lang, for CSV downloads."""
    return frame[list(columns)].rename(columns=column_labels(section, columns, lang))


def shorten(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Text cut to at most limit characters, with an ellipsis when cut (for tooltips)."""
    value = "" if text is None else " ".join(str(text).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def id_names(frame: pd.DataFrame, key: str, lang: str) -> dict[str, str]:
    """Id -> name in lang for a table with name_en/name_zh."""
    return dict(zip(frame[key], frame[name_column(lang)], strict=True))


def source_reliability(ds: Dataset) -> dict[str, str]:
    """Source id -> reliability tier."""
    return dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))


def source_published(ds: Dataset) -> dict[str, str]:
    """Source id -> publication date as the source gives it."""
    return published_dates(ds.sources)


def tier_label(tier: object, lang: str) -> str:
    """The 2023 output tier in words, '' when unknown."""
    return t(f"tier.t{int(cast(SupportsInt, tier))}", lang) if pd.notna(tier) else ""  # a present tier is a number


def plan_base_frame(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """plan_bases_2016_2020 rows ready to show: field, city or region, base, related cluster, source, quote."""
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    cities, regions = id_names(ds.cities, "adcode", lang), id_names(ds.regions, "region_id", lang)
    clusters = id_names(ds.clusters, "cluster_id", lang)
    place = [
        cities.get(code, code) if code else t("city.region_named", lang, region=regions.get(region, region))
        for code, region in zip(rows["adcode"], rows["region_id"], strict=True)
    ]
    return pd.DataFrame(
        {
            "field_id": rows["field_id"],
            "field": rows["field_zh" if lang == "zh" else "field_en"],
            "place": place,
            "base_detail": localised(rows, "base_detail", lang),
            "related_cluster": rows["related_cluster_id"].map(lambda c: clusters.get(c, c) if c else ""),
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def source_ids(*frames: pd.DataFrame) -> list[str]:
    """The distinct non-empty source ids of some frames, in first-seen order (for captions and citations)."""
    ids = [s for frame in frames if "source_id" in frame for s in frame["source_id"] if s]
    return list(dict.fromkeys(ids))
