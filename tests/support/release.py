"""The data release the data folder names, read from datapackage.json the way the dashboard reads it.

tests/contract/test_release.py ties it to data/CHANGELOG.md and CITATION.cff; the other tests compare what the
app prints (footers, citations, API bodies and tags) with it, so a new release changes the data, not the tests.
"""

import json

from gdclusters.paths import DATA_DIR, DESCRIPTOR_NAME
from gdclusters.sourcing import data_version

RELEASE = data_version(json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8")))
