"""Find cities and clusters by Chinese, English or pinyin (with or without tones, or initials like 'sz').

Pinyin comes from pypinyin, so no hand-made table has to be kept up to date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

MAX_QUERY_CHARS = 50


@dataclass(frozen=True)
class Entry:
    """One searchable thing: a city (kind 'city', key adcode) or a cluster (kind 'cluster', key cluster_id)."""

    kind: str
    key: str
    name_en: str
    name_zh: str
    pinyin: str
    initials: str


@dataclass(frozen=True)
class Match:
    """A ranked search result."""

    entry: Entry
    score: int


def fold(text: str) -> str:
    """Lower-case, drop tone marks, tone digits, spaces and punctuation: 'Shēn zhèn1' -> 'shenzhen'."""
    lowered = re.sub("[üǖǘǚǜ]", "v", text.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\d\-_'’·.,/&()]+", "", no_marks)


def _pinyin(name_zh: str) -> tuple[str, str]:
    """Full pinyin and initials of a Chinese name, without the administrative suffix 市."""
    from pypinyin import Style, lazy_pinyin  # 0.4 s to import; only needed once someone searches

    core = name_zh.removesuffix("市")
    syllables = lazy_pinyin(core, style=Style.NORMAL, v_to_u=False)
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()


@lru_cache(maxsize=4)
def _entries_cached(cities: tuple, clusters: tuple) -> tuple[Entry, ...]:
    """Build entries once per table content."""
    out = []
    for adcode, en, zh in cities:
        pinyin, initials = _pinyin(zh)
        out.append(Entry("city", adcode, en, zh, pinyin, initials))
    for cluster_id, en, zh in clusters:
        pinyin, initials = _pinyin(zh)
        out.append(Entry("cluster", cluster_id, en, zh, pinyin, initials))
    return tuple(out)


def build_entries(cities: pd.DataFrame, clusters: pd.DataFrame) -> tuple[Entry, ...]:
    """Searchable entries for every city and cluster."""
    return _entries_cached(
        tuple(cities[["adcode", "name_en", "name_zh"]].itertuples(index=False, name=None)),
        tuple(clusters[["cluster_id", "name_en", "name_zh"]].itertuples(index=False, name=None)),
    )


def _score_chinese(entry: Entry, raw: str) -> int:
    """Score of a query typed in Chinese characters: exact, prefix, then substring of the Chinese name."""
    zh = entry.name_zh
    if raw in (zh, zh.removesuffix("市")):
        return 100
    if zh.startswith(raw):
        return 90
    return 60 if raw in zh else 0


def _score_latin(entry: Entry, q: str) -> int:
    """Score of a folded Latin query: English name or pinyin exact, initials, prefix, then substring."""
    english = fold(entry.name_en)
    if q in (english, entry.pinyin):
        return 100
    if q == entry.initials:
        return 95
    if english.startswith(q) or entry.pinyin.startswith(q):
        return 80
    if len(q) >= 2 and entry.initials.startswith(q):
        return 70
    if len(q) >= 3 and (q in english or q in entry.pinyin):
        return 50
    return 0


def score(entry: Entry, query: str) -> int:
    """How well query matches entry (0 = no match); exact beats initials beats prefix beats substring."""
    raw = query.strip()[:MAX_QUERY_CHARS]
    if not raw:
        return 0
    if re.search(r"[\u4e00-\u9fff]", raw):
        return _score_chinese(entry, raw)
    q = fold(raw)
    return _score_latin(entry, q) if q else 0


def search(entries: tuple[Entry, ...], query: str, kind: str | None = None, limit: int = 6) -> list[Match]:
    """The best matches for query, best first (ties: cities before clusters, then by English name)."""
    matches = [Match(e, s) for e in entries if (kind is None or e.kind == kind) and (s := score(e, query)) > 0]
    matches.sort(key=lambda m: (-m.score, m.entry.kind != "city", m.entry.name_en))
    return matches[:limit]
