"""Seed quotes: every quote taken from a seed document must appear in it, up to whitespace and quote marks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from gdclusters.validation.report import Table, ValidationReport


def normalise_quote_text(text: str) -> str:
    """Fold whitespace, quote marks and width variants so a quote can be found in its document."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("「", '"'), ("」", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def _seed_texts(sources: Table, seeds_dir: Path, report: ValidationReport) -> tuple[dict[str, str], dict[str, str]]:
    """(source_id -> seed document, document -> normalised text); a missing document is reported."""
    documents = {r["source_id"]: r["document"] for r in sources.rows if r["document"]}
    texts: dict[str, str] = {}
    for document in set(documents.values()):
        path = seeds_dir / document
        if path.is_file():
            texts[document] = normalise_quote_text(path.read_text(encoding="utf-8"))
        else:
            report.add(sources.path, f"seed document '{document}' was not found in {seeds_dir}.", column="document")
    return documents, texts


def _check_quote_column(
    table: Table,
    quote_col: str,
    source_col: str,
    documents: dict[str, str],
    texts: dict[str, str],
    report: ValidationReport,
) -> int:
    """Check one table's quotes from seed documents against the documents; return how many were checked."""
    checked = 0
    for row, line in zip(table.rows, table.lines, strict=True):
        doc = documents.get(row.get(source_col, ""))
        if doc is None or doc not in texts:
            continue
        checked += 1
        if normalise_quote_text(row[quote_col]) not in texts[doc]:
            report.add(
                table.path,
                f"{quote_col} does not appear in seed document {doc} "
                "(checked with whitespace and quote marks normalised).",
                line=line,
                column=quote_col,
            )
    return checked


def check_seed_quotes(tables: dict[str, Table], seeds_dir: Path, report: ValidationReport) -> int:
    """Check that every quote from a seed document appears in it; return how many were checked."""
    sources = tables.get("sources")
    if sources is None:
        return 0
    documents, texts = _seed_texts(sources, seeds_dir, report)
    checked = sum(
        _check_quote_column(table, "quote", "source_id", documents, texts, report)
        for table in tables.values()
        if "quote" in table.header and "source_id" in table.header
    )
    clusters = tables.get("clusters")
    if clusters is not None:
        checked += _check_quote_column(clusters, "tier_quote", "tier_source_id", documents, texts, report)
    return checked
