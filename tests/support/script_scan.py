"""What the Chinese interface may show in Latin script, and a scan of a rendered page for anything else.

The Chinese interface shows every working text (role and base details, descriptions, region bases, plan names,
notes) in Chinese. Latin script stays only where it is the thing itself: names (of clusters, cities, regions,
sources, publishers, English sources' titles), ids and codes, URLs, units, numbers, and quotes in their
source's language. allowed_latin() lists those from the dataset; latin_phrases() finds what is left over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd
from streamlit.testing.v1 import AppTest

from gdclusters.dataset import Dataset, load_boundary_provenance
from gdclusters.sourcing import source_labels
from gdclusters.validation import translated_columns
from gdclusters.validation.rules import ID_OR_CODE, reads_the_same

# Three or more Latin words in a row: a phrase in English. Fewer stand in Chinese text as terms, units or
# abbreviations (GDP, IoT, km², "operating income" as the term an English source uses).
LATIN_PHRASE = re.compile(r"[A-Za-z][A-Za-z0-9'’.&-]*(?:[ \t,;:/()\"'“”&+-]+[A-Za-z][A-Za-z0-9'’.&-]*){2,}")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
URL = re.compile(r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[A-Za-z0-9.-]+\.(?:com|cn|org|net|hk|gov)\b[!-~]*")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!:'\"<>|~=&$])")
# Columns of every table whose English text is a name or a quote, allowed as it is: (table, column).
NAME_COLUMNS = (
    ("cities", "name_en"),
    ("clusters", "name_en"),
    ("regions", "name_en"),
    ("scopes", "name_en"),
    ("future_industries", "name_en"),
    ("sources", "title"),
    ("sources", "publisher"),
    ("sources", "publisher_zh"),
    ("sources", "url"),
    ("sources", "document"),
)
QUOTE_COLUMNS = ("quote", "tier_quote")
QUOTE_LENGTH = 25


def english_working_texts(ds: Dataset) -> set[str]:
    """Every English text that has a Chinese twin and is not a name: what the Chinese interface must not show.

    A text with no English word outside its web addresses ("aiiaw.com", "经济日报-中国经济网") reads the same in
    Chinese (validation's reads_the_same): its twin may be a copy of it, so it may be shown."""
    texts: set[str] = set()
    for table, english, _ in translated_columns(ds.descriptor):
        if english == "name_en":
            continue
        texts |= {
            value
            for value in getattr(ds, table)[english]
            if isinstance(value, str) and value and not reads_the_same(value)
        }
    return texts


def allowed_latin(ds: Dataset) -> list[str]:
    """Dataset strings that may stand in Latin script on a Chinese page (names, quotes), longest first."""
    allowed: set[str] = set(source_labels(ds.sources, "zh").values()) | set(ds.sources["source_id"])
    for table, column in NAME_COLUMNS:
        allowed |= set(getattr(ds, table)[column])
    allowed |= set(documentation(ds.descriptor))
    for resource in ds.descriptor["resources"]:
        frame = getattr(ds, resource["name"])
        for column in resource["schema"].get("primaryKey", []):  # ids: target_id, statement_id, ...
            allowed |= {str(value) for value in frame[column]}
        for column in QUOTE_COLUMNS:
            if column in frame:
                allowed |= set(frame[column])
    return sorted((text for text in allowed if isinstance(text, str) and text.strip()), key=len, reverse=True)


def _leaves(value: object) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        yield value


def documentation(descriptor: dict) -> list[str]:
    """The data dictionary and the boundaries' provenance record: they document the files, in English (the Sources
    page says so), and are not working texts."""
    texts = list(_leaves(descriptor)) + list(_leaves(load_boundary_provenance()))
    for resource in descriptor["resources"]:
        for spec in resource["schema"]["fields"]:
            texts.append(", ".join(str(v) for v in spec.get("constraints", {}).get("enum", [])))
    return texts


@dataclass(frozen=True)
class Shown:
    """One string on screen and where: the element kind, its label or the table column."""

    where: str
    text: str


def _frames(at: AppTest) -> Iterator[tuple[str, pd.DataFrame]]:
    for kind in ("dataframe", "table"):
        for element in getattr(at, kind):
            frame = element.value
            if isinstance(frame, pd.DataFrame):
                yield kind, frame


def shown_strings(at: AppTest) -> Iterator[Shown]:
    """Text elements, metric labels and help, expander and tab labels, table headers and cells."""
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader", "text"):
        for element in getattr(at, kind):
            yield Shown(kind, MARKDOWN_ESCAPE.sub(r"\1", str(element.value)))
    for metric in at.metric:
        yield Shown("metric", str(metric.label))
        yield Shown("metric", str(metric.value))
        yield Shown("metric help", MARKDOWN_ESCAPE.sub(r"\1", str(metric.proto.help)))
    for kind in ("expander", "tabs"):
        for element in getattr(at, kind):
            yield Shown(kind, MARKDOWN_ESCAPE.sub(r"\1", str(getattr(element, "label", ""))))
    for kind, frame in _frames(at):
        for column in frame.columns:
            yield Shown(f"{kind} header", str(column))
            for value in frame[column]:
                if isinstance(value, str) and value:
                    yield Shown(f"{kind} column {column}", MARKDOWN_ESCAPE.sub(r"\1", value))


def _without(text: str, allowed: Iterable[str], codes: bool = True) -> str:
    """text with allowed strings, URLs and codes blanked out ('' for an allowed string cut short with …)."""
    head = text.removesuffix("…").rstrip()
    if head != text and len(head) >= 12 and any(head in item for item in allowed):
        return ""  # a quote or name cut to fit a cell or a tooltip
    for item in allowed:
        if len(item) > 2 and item in text:
            text = text.replace(item, " ")
    # Ids and codes (validation's ID_OR_CODE): tokens with an underscore or a digit (post_3096938, 5G).
    return ID_OR_CODE.sub(" ", URL.sub(" ", text)) if codes else text


def latin_phrases(at: AppTest, allowed: list[str]) -> list[Shown]:
    """Strings on screen that still hold an English phrase once names, quotes, URLs and codes are taken out."""
    found = []
    for shown in shown_strings(at):
        if not LATIN_PHRASE.search(shown.text):
            continue
        left = _without(shown.text, allowed)
        if LATIN_PHRASE.search(left):
            found.append(Shown(shown.where, left.strip()))
    return found


def english_working_texts_shown(at: AppTest, english: set[str], allowed: list[str]) -> list[Shown]:
    """Strings on screen that contain an English working text (outside a quote or name that happens to contain it)."""
    found = []
    # Only quotes and titles are set aside here (long strings that may contain a working text's words); short
    # names, ids and years stay, so that a plan name such as "2020 provincial opinion (2021-2025)" still matches.
    others = [a for a in allowed if a not in english and len(a) >= QUOTE_LENGTH]
    for shown in shown_strings(at):
        if not LATIN_WORD.search(shown.text):
            continue
        left = _without(shown.text, others, codes=False)
        hits = [text for text in english if len(text) > 3 and text in left]
        if hits:
            found.append(Shown(shown.where, max(hits, key=len)))
    return found
