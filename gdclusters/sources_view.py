"""Data behind the Sources and method page: sources with their fact counts, definitions, data dictionary.

The data dictionary is rendered from data/datapackage.json (the same descriptor the validator
reads), so what the page says about each file and column cannot drift from what is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from gdclusters import maps, periods
from gdclusters.dataset import Dataset
from gdclusters.domain import RELIABILITY_TIERS, ROLE_ORDER, STATUSES
from gdclusters.i18n import DEFAULT_LANGUAGE, catalogue, localised, t, unit_label

# Every column that ties a fact row to a source: (table, column). A row with an empty value (a city
# without a sourced land area) rests on no source and is not a fact row.
FACT_COLUMNS = (
    ("cluster_cities", "source_id"),
    ("cluster_regions", "source_id"),
    ("metrics", "source_id"),
    ("targets", "source_id"),
    ("statements", "source_id"),
    ("trillion_members", "source_id"),
    ("future_industries", "source_id"),
    ("future_milestones", "source_id"),
    ("plan_bases_2016_2020", "source_id"),
    ("clusters", "tier_source_id"),
    ("cities", "land_area_source_id"),
)
SOURCE_COLUMNS = (
    "source_id",
    "title",
    "publisher",
    "published",
    "reliability",
    "language",
    "url",
    "facts",
    "tables",
    "note",
)
MEASURE_COLUMNS = ("metric", "label", "unit", "family", "description")
FIELD_COLUMNS = ("name", "type", "description", "required", "unique", "allowed", "references")
DEFINITION_COLUMNS = ("term", "meaning")


def fact_links(ds: Dataset) -> pd.DataFrame:
    """(table, source_id) for every fact row of every table that cites a source."""
    parts = []
    for table, column in FACT_COLUMNS:
        ids = getattr(ds, table)[column]
        parts.append(pd.DataFrame({"table": table, "source_id": ids[ids != ""]}))
    return pd.concat(parts, ignore_index=True)


def total_fact_rows(ds: Dataset) -> int:
    """How many fact rows cite a source, across all fact tables."""
    return int(sum((getattr(ds, table)[column] != "").sum() for table, column in FACT_COLUMNS))


def fact_counts(ds: Dataset) -> pd.DataFrame:
    """Per source: facts resting on it in each table and in total (sources cited by nothing get 0)."""
    links = fact_links(ds)
    counts = pd.crosstab(links["source_id"], links["table"])
    counts = counts.reindex(index=ds.sources["source_id"], columns=[table for table, _ in FACT_COLUMNS], fill_value=0)
    counts["facts"] = counts.sum(axis=1)
    return counts.rename_axis(index="source_id", columns=None).reset_index()


def source_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every source with publisher, date, tier, URL and how many facts rest on it (most facts first within a tier)."""
    counts = fact_counts(ds)
    tables = [
        ", ".join(t(f"sources_page.table_{table}", lang) for table, _ in FACT_COLUMNS if row[table])
        for _, row in counts.iterrows()
    ]
    counts = counts.assign(tables=tables)[["source_id", "facts", "tables"]]
    out = ds.sources.merge(counts, on="source_id", how="left")
    out["url"] = out["url"].where(out["url"] != "", None)
    out["publisher"] = localised(out, "publisher", lang)
    out["note"] = localised(out, "note", lang)
    out = out.sort_values(["reliability", "facts", "source_id"], ascending=[True, False, True])
    return out[list(SOURCE_COLUMNS)].reset_index(drop=True)


def reliability_summary(ds: Dataset) -> dict[str, tuple[int, int]]:
    """Per reliability tier: (number of sources, number of facts resting on them)."""
    table = source_table(ds, "en")
    return {
        tier: (int((table["reliability"] == tier).sum()), int(table.loc[table["reliability"] == tier, "facts"].sum()))
        for tier in RELIABILITY_TIERS
    }


def reliability_definitions(lang: str) -> pd.DataFrame:
    """The four reliability tiers and what each means."""
    return pd.DataFrame(
        {
            "term": list(RELIABILITY_TIERS),
            "meaning": [t(f"definitions.reliability_{tier}", lang) for tier in RELIABILITY_TIERS],
        }
    )


def role_definitions(lang: str) -> pd.DataFrame:
    """The roles a city can have for a cluster (core, base, region-level mention, none) and what each means."""
    return pd.DataFrame(
        {
            "term": [maps.role_label(role, lang) for role in ROLE_ORDER],
            "meaning": [t(f"definitions.role_{role}", lang) for role in ROLE_ORDER],
        }
    )


def period_definitions(lang: str) -> pd.DataFrame:
    """How to read a period code (tables, charts and files print them as the data holds them)."""
    return pd.DataFrame(
        {
            "term": [example for _, example, _ in periods.FORMS],
            "meaning": [t(f"definitions.period_{key}", lang) for key, _, _ in periods.FORMS],
        }
    )


def status_definitions(lang: str) -> pd.DataFrame:
    """The target statuses of gdclusters.growth and what each means."""
    return pd.DataFrame(
        {
            "term": [t(f"status.{status}", lang) for status in STATUSES],
            "meaning": [t(f"definitions.status_{status}", lang) for status in STATUSES],
        }
    )


def measure_definitions(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every measure with its label in lang, unit, family and definition (metric_definitions.csv)."""
    rows = ds.metric_definitions
    return pd.DataFrame(
        {
            "metric": rows["metric"],
            "label": rows["label_zh" if lang == "zh" else "label_en"],
            "unit": rows["unit"].map(lambda u: unit_label(u, lang)),
            "family": rows["family"].map(lambda f: t(f"definitions.family_{f}", lang)),
            "description": localised(rows, "description", lang),
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class ResourceEntry:
    """One file of the data package as the data dictionary shows it."""

    name: str
    path: str
    title: str
    description: str
    primary_key: str
    fields: pd.DataFrame


def _references(resource: dict) -> dict[str, str]:
    """Field name -> 'table.column' it refers to, from the resource's foreign keys."""
    out = {}
    for key in resource["schema"].get("foreignKeys", []):
        target = key["reference"]
        for field, column in zip(key["fields"], target["fields"], strict=True):
            out[field] = f"{target['resource']}.{column}"
    return out


def data_dictionary(descriptor: dict) -> list[ResourceEntry]:
    """Every resource of datapackage.json with its description and one row per field."""
    entries = []
    for resource in descriptor.get("resources", []):
        references = _references(resource)
        fields = []
        for spec in resource["schema"]["fields"]:
            constraints = spec.get("constraints", {})
            allowed = constraints.get("enum")
            fields.append(
                {
                    "name": spec["name"],
                    "type": spec.get("type", "string"),
                    "description": spec.get("description", ""),
                    "required": bool(constraints.get("required", False)),
                    "unique": bool(constraints.get("unique", False)),
                    "allowed": ", ".join(str(v) for v in allowed) if allowed else constraints.get("pattern", ""),
                    "references": references.get(spec["name"], ""),
                }
            )
        entries.append(
            ResourceEntry(
                name=resource["name"],
                path=resource.get("path", ""),
                title=resource.get("title", resource["name"]),
                description=resource.get("description", ""),
                primary_key=", ".join(resource["schema"].get("primaryKey", [])),
                fields=pd.DataFrame(fields, columns=list(FIELD_COLUMNS)),
            )
        )
    return entries


def licences(descriptor: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The data package's licences as 'name: title' lines in lang.

    The title is datapackage.json's, in English; another language gives it from sources_page.licence_title_<id>
    (the licence id in lower case, '-' and '.' as '_'), the id kept as it is. A licence without that key keeps its
    English title.
    """
    lines = []
    for item in descriptor.get("licenses", []):
        name, title = item.get("name", ""), item.get("title", "")
        key = "sources_page.licence_title_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        if lang != DEFAULT_LANGUAGE and name and key in catalogue(lang):
            title = t(key, lang)
        lines.append(
            t("sources_page.licence_name_title", lang, name=name, title=title) if name and title else name or title
        )
    return lines


def _flatten(prefix: str, value: object, out: list[dict]) -> None:
    """Nested dicts and lists as (field, value) rows with dotted field names."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, out)
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for index, item in enumerate(value):
            _flatten(f"{prefix}[{index}]", item, out)
    elif isinstance(value, list):
        out.append({"field": prefix, "value": ", ".join(str(item) for item in value)})
    else:
        out.append({"field": prefix, "value": "" if value is None else str(value)})


def provenance_rows(record: dict) -> pd.DataFrame:
    """A provenance record (any nesting) as plain (field, value) rows, for a text-only table."""
    rows: list[dict] = []
    _flatten("", record, rows)
    return pd.DataFrame(rows, columns=["field", "value"])
