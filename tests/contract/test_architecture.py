"""Layer rules: the logic package never imports Streamlit; pages stay thin; tests never import benchmarks/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_logic_package_does_not_import_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "gdclusters").rglob("*.py")
        if any(m.split(".")[0] == "streamlit" for m in imported_modules(p))
    ]
    assert offenders == []


def test_pages_do_not_reshape_data_with_pandas():
    offenders = [
        p.name
        for p in (ROOT / "pages").glob("*.py")
        if any(m.split(".")[0] in {"pandas", "geopandas"} for m in imported_modules(p))
    ]
    assert offenders == []


def literal_ui_strings(path: Path):
    """String constants with letters passed straight to a Streamlit call (st.x("...") or label="...")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts = ("label", "help", "placeholder", "body", "caption", "title")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in LABELLED_HELPERS:
            yield from _literal_texts(path, node, node.args[:1])
            continue
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        while isinstance(owner, ast.Attribute):
            owner = owner.value
        if not (isinstance(owner, ast.Name) and owner.id in {"st", "col", "cols", "tab", "left", "right"}):
            continue
        if node.func.attr in {"form", "Page", "switch_page", "page_link", "set_page_config"}:
            continue  # keys and script paths, not visible text (page_link labels are keywords, checked below)
        yield from _literal_texts(path, node, node.args[:1] + [k.value for k in node.keywords if k.arg in texts])


# Our own helpers whose first argument is a visible label (ui.blocks.lazy_expander).
LABELLED_HELPERS = {"lazy_expander"}


def _literal_texts(path: Path, node: ast.Call, candidates: list[ast.expr]):
    """The candidates that are string constants (or f-strings) with letters: visible text not from the catalogue."""
    for arg in candidates:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and any(c.isalpha() for c in arg.value):
            yield f"{path.name}:{node.lineno}: {arg.value[:40]!r}"
        if isinstance(arg, ast.JoinedStr) and any(
            isinstance(v, ast.Constant) and any(c.isalpha() for c in v.value) for v in arg.values
        ):
            yield f"{path.name}:{node.lineno}: f-string with literal text"


def test_pages_and_frame_take_every_visible_string_from_the_catalogue():
    files = [
        *(ROOT / "pages").glob("*.py"),
        ROOT / "dashboard.py",
        ROOT / "ui" / "frame.py",
        ROOT / "ui" / "get_data.py",
    ]
    offenders = [hit for path in files for hit in literal_ui_strings(path)]
    assert offenders == []


def test_tests_do_not_import_the_benchmarks():
    """The harness the tests share lives in tests/support/; benchmarks/ imports it from there, never the reverse."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("*.py")
        if any(m.split(".")[0] == "benchmarks" for m in imported_modules(p))
    ]
    assert offenders == []
