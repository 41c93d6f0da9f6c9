"""Search understands Chinese, English and pinyin with or without tones, and initials."""

import pandas as pd
import pytest

from gdclusters.search import build_entries, fold, search

CITIES = pd.DataFrame(
    {
        "adcode": ["440300", "440200", "440500", "440100", "441300"],
        "name_en": ["Shenzhen", "Shaoguan", "Shantou", "Guangzhou", "Huizhou"],
        "name_zh": ["深圳市", "韶关市", "汕头市", "广州市", "惠州市"],
    }
)
CLUSTERS = pd.DataFrame(
    {
        "cluster_id": ["smart_robots", "new_energy"],
        "name_en": ["Smart robots", "New energy"],
        "name_zh": ["智能机器人", "新能源"],
    }
)
ENTRIES = build_entries(CITIES, CLUSTERS)


def top(query, kind=None):
    found = search(ENTRIES, query, kind)
    return found[0].entry.key if found else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("深圳", "440300"),
        ("深圳市", "440300"),
        ("Shenzhen", "440300"),
        ("shenzhen", "440300"),
        ("shēnzhèn", "440300"),
        ("shen1 zhen4", "440300"),
        ("sz", "440300"),
        ("SZ", "440300"),
        ("gz", "440100"),
        ("guangz", "440100"),
        ("hz", "441300"),
        ("st", "440500"),
        ("sg", "440200"),
        ("机器人", "smart_robots"),
        ("jqr", None),
        ("znjqr", "smart_robots"),
        ("xinnengyuan", "new_energy"),
        ("robots", "smart_robots"),
    ],
)
def test_ranked_first(query, expected):
    assert top(query) == expected


def test_nonsense_and_hostile_queries_match_nothing():
    assert search(ENTRIES, "<script>") == []
    assert search(ENTRIES, "") == [] and search(ENTRIES, "   ") == []
    assert search(ENTRIES, "x" * 10_000) == []


def test_kind_filter_and_prefix_ranking():
    cities_only = search(ENTRIES, "s", "city")
    assert cities_only, "a one-letter query still finds cities"
    assert {m.entry.kind for m in cities_only} == {"city"}
    names = [m.entry.key for m in search(ENTRIES, "sha")]
    assert set(names[:2]) == {"440200", "440500"}  # Shaoguan, Shantou by prefix; Shenzhen not a 'sha' match
    assert "440300" not in names


def test_fold():
    assert fold("Shēn Zhèn") == "shenzhen" and fold("lü") == "lv"
