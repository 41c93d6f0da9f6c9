"""The vocabulary (gdclusters.domain) agrees with data/datapackage.json, and nothing else defines it again."""

import ast
import json
from pathlib import Path

import pytest

from gdclusters import domain
from gdclusters.i18n import LANGUAGES, catalogue
from gdclusters.paths import DATA_DIR, DESCRIPTOR_NAME
from gdclusters.state import FilterOptions

ROOT = Path(__file__).resolve().parents[2]


def enum(resource: str, field: str) -> list:
    descriptor = json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    [table] = [r for r in descriptor["resources"] if r["name"] == resource]
    [spec] = [f for f in table["schema"]["fields"] if f["name"] == field]
    return spec["constraints"]["enum"]


def test_vocabulary_matches_the_descriptor_enums():
    assert list(domain.RELIABILITY_TIERS) == enum("sources", "reliability")
    assert list(domain.TIER_ORDER) == enum("clusters", "output_floor_2023_bn_yuan")
    assert list(domain.CATEGORY_ORDER) == enum("clusters", "category")
    assert list(domain.NAMED_ROLES) == enum("cluster_cities", "role") == enum("cluster_regions", "role")


def test_reader_qualifiers_are_the_metrics_enum_without_size_class():
    allowed = enum("metrics", "qualifier")
    assert domain.user_qualifiers() == tuple(q for q in allowed if q != domain.SIZE_CLASS_QUALIFIER)
    assert domain.SIZE_CLASS_QUALIFIER in allowed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reader_qualifier_has_a_label_on_the_form(lang):
    """A qualifier added to the descriptor reaches the Growth targets form at once: it needs a label there."""
    missing = [q for q in domain.user_qualifiers() if f"targets.qualifier_{q}" not in catalogue(lang)]
    assert missing == []


def test_charting_rule_and_ranks():
    assert domain.FACT_RELIABILITY == ("A", "B", "C")
    assert [tier for tier in domain.RELIABILITY_TIERS if tier not in domain.FACT_RELIABILITY] == ["D"]
    assert sorted(domain.RELIABILITY_RANK, key=domain.RELIABILITY_RANK.get) == ["A", "B", "C", "D", "user"]
    assert domain.ROLE_RANK["core"] > domain.ROLE_RANK["base"] and "region" not in domain.ROLE_RANK


def test_the_url_accepts_the_domain_tiers_and_categories():
    options = FilterOptions(clusters=(), cities=())
    assert options.allowed("tier") == ("1000", "500", "100", "10")
    assert options.allowed("category") == domain.CATEGORY_ORDER


def test_domain_imports_neither_pandas_nor_streamlit():
    tree = ast.parse((ROOT / "gdclusters" / "domain.py").read_text(encoding="utf-8"))
    modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not {m.split(".")[0] for m in modules} & {"pandas", "streamlit", "altair", "geopandas"}


def literal_sequences(path: Path):
    """(line, values) of every tuple or list literal of two or more plain constants in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Tuple | ast.List)
            and len(node.elts) >= 2
            and all(isinstance(e, ast.Constant) for e in node.elts)
        ):
            yield node.lineno, tuple(e.value for e in node.elts)


def test_no_module_spells_out_the_vocabulary_again():
    """Roles, tier floors, categories and reliability tiers are written once, in domain.py."""
    vocabulary = {
        domain.ROLE_ORDER,
        domain.NAMED_ROLES,
        domain.TIER_ORDER,
        tuple(map(str, domain.TIER_ORDER)),
        domain.CATEGORY_ORDER,
        domain.RELIABILITY_TIERS,
        domain.FACT_RELIABILITY,
        domain.user_qualifiers(),
    }
    files = [
        p for folder in ("gdclusters", "ui", "pages") for p in (ROOT / folder).rglob("*.py") if p.name != "domain.py"
    ]
    offenders = [
        f"{p.relative_to(ROOT)}:{line}: {values}"
        for p in files
        for line, values in literal_sequences(p)
        if values in vocabulary
    ]
    assert offenders == []
