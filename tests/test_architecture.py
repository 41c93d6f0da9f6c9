"""Layer rules: the logic package never imports Streamlit; pages stay thin."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_logic_package_does_not_import_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "gdclusters").rglob("*.py")
                 if any(m.split(".")[0] == "streamlit" for m in imported_modules(p))]
    assert offenders == []


def test_pages_do_not_reshape_data_with_pandas():
    offenders = [p.name for p in (ROOT / "pages").glob("*.py")
                 if any(m.split(".")[0] in {"pandas", "geopandas"} for m in imported_modules(p))]
    assert offenders == []
