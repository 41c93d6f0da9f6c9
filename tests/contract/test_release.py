"""The data release is recorded once and told the same way everywhere: datapackage.json's version, the newest
entry of data/CHANGELOG.md and the dataset citation in CITATION.cff."""

import json
import re

import pytest

from gdclusters.paths import DATA_DIR, REPO_ROOT
from gdclusters.validation import VERSION_PATTERN

HEADING = re.compile(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)$", re.MULTILINE)


@pytest.fixture(scope="module")
def version() -> str:
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.fixture(scope="module")
def changelog() -> str:
    return (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def citation() -> str:
    return (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")


def releases(changelog: str) -> list[tuple[str, str]]:
    """(version, date) of each release heading, in file order."""
    return HEADING.findall(changelog)


def release_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def preferred_citation(citation: str) -> dict[str, str]:
    """The scalar keys of the preferred-citation block (two-space indented lines after it)."""
    block = citation.split("\npreferred-citation:\n", 1)[1]
    fields = {}
    for line in block.splitlines():
        if not line.startswith("  "):
            break
        match = re.fullmatch(r"  ([a-z-]+): (.+)", line)
        if match and match[2] != ">-":
            fields[match[1]] = match[2].strip('"')
    return fields


def test_the_changelog_lists_every_release_newest_first_and_the_newest_is_the_data_version(version, changelog):
    found = releases(changelog)
    assert [v for v, _ in found][:5] == ["2026.12.4", "2026.12.3", "2026.12.2", "2026.12.1", "2026.12.0"]
    assert found[0][0] == version, "datapackage.json's version is not the newest release in CHANGELOG.md"
    assert all(VERSION_PATTERN.fullmatch(v) for v, _ in found)
    keys = [release_key(v) for v, _ in found]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
    dates = [d for _, d in found]
    assert dates == sorted(dates, reverse=True)


def test_each_release_says_what_was_added_corrected_and_removed(changelog):
    sections = re.split(r"^## ", changelog, flags=re.MULTILINE)[1:]
    assert len(sections) == len(releases(changelog))
    for section in sections:
        headings = re.findall(r"^### (\w+)", section, flags=re.MULTILINE)
        assert headings == ["Added", "Corrected", "Removed"], section.splitlines()[0]


def test_the_citation_file_cites_this_release_of_the_dataset_and_the_software(version, changelog, citation):
    assert citation.startswith("cff-version: 1.2.0\n")
    for key in ("message", "title", "authors", "type", "version"):
        assert re.search(rf"^{key}:", citation, re.MULTILINE), key
    data = preferred_citation(citation)
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert data["type"] == "data"
    assert data["version"] == version
    assert data["date-released"] == releases(changelog)[0][1]
    assert data["license"] == descriptor["licenses"][0]["name"]
    assert data["title"] == descriptor["title"]
    assert re.search(r"^type: software$", citation, re.MULTILINE)
