"""Fixtures of the contract tests."""

from __future__ import annotations

import shutil

import pytest

from gdclusters.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ to break: the rules are checked on it, data/ itself is never touched."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
