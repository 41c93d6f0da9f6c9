"""What an export says about its origin: source labels, the citation line, the data release and file-name parts.

One rule each, used by every page and chart (no Streamlit here): a source is named 'Publisher (year)' in the
reader's language;
a citation names each distinct source once, in first-seen order; an exported citation also names the data
release (datapackage.json "version", see data/CHANGELOG.md); a file name says which filters the export reflects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from gdclusters.i18n import join_parts, localised, t
from gdclusters.state import Filters

# How many clusters or cities a file name lists before it says "and<N>more".
NAMED_IN_FILE = 3


def source_labels(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """'Publisher (year)' for every source id in lang, the label captions, tables and citations use.

    In Chinese the publisher is its Chinese twin (publisher_zh: "m.kcqsx.com（转载自羊城晚报）" for
    "m.kcqsx.com (repost of 羊城晚报)"), so a Chinese caption carries no English notes.
    """
    publishers = localised(sources, "publisher", lang)
    return {
        source_id: t("format.source_label", lang, publisher=publisher, year=str(published)[:4])
        for source_id, publisher, published in zip(sources["source_id"], publishers, sources["published"], strict=True)
    }


def published_dates(sources: pd.DataFrame) -> dict[str, str]:
    """Source id -> publication date as the source gives it ('2021-08-18', '2022-04', '2024' or '')."""
    return dict(zip(sources["source_id"], sources["published"], strict=True))


def source_line(labels: Iterable[str], lang: str) -> str:
    """'Source: A; B': each distinct non-empty source label once, in first-seen order (captions and citations);
    a view that rests on no source says so, rather than 'Source: ' followed by nothing."""
    named = list(dict.fromkeys(label for label in labels if label))
    if not named:
        return t("format.source_none", lang)
    return t("format.source_line", lang, sources=join_parts(named, lang))


def data_version(descriptor: Mapping) -> str:
    """The data release datapackage.json names in "version" (e.g. '2026.12.0'); '' when it names none."""
    version = descriptor.get("version")
    return version if isinstance(version, str) else ""


def versioned_citation(citation: str, version: str, lang: str) -> str:
    """An export's citation line: the source line, then the data release ('Source: A; B · Data release 2026.12.0')."""
    if not version:
        return citation
    release = t("format.data_release", lang, version=version)
    if citation.endswith(release):
        return citation
    return f"{citation} · {release}" if citation else release


def file_name_parts(filters: Filters) -> list[str]:
    """File-name parts that say which filters an export reflects: every filter in force, ['all'] when none.

    Categories, clusters, cities, tiers (as tier<floor>) and regions, in that order; a long cluster or city
    list is cut to its first NAMED_IN_FILE values and 'and<N>more'.
    """
    parts = list(filters.categories)
    for values in (filters.clusters, filters.cities):
        parts += values[:NAMED_IN_FILE]
        if len(values) > NAMED_IN_FILE:
            parts.append(f"and{len(values) - NAMED_IN_FILE}more")
    parts += [f"tier{tier}" for tier in filters.tiers]
    parts += filters.regions
    return parts or ["all"]
