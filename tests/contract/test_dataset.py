"""The loader: typed tables, and a readable error for a folder that fails validation.

(That the boundaries and cities.csv carry the same 21 adcodes is checked in test_geo.py.)
"""

import pytest

from gdclusters.dataset import DataError, load_dataset
from gdclusters.paths import DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA_DIR)


def test_tables_are_typed(ds):
    assert ds.metrics["value"].dtype == "float64"
    assert str(ds.clusters["output_floor_2023_bn_yuan"].dtype) == "Int64"
    assert ds.targets["qualitative"].dtype == bool
    assert ds.cities["adcode"].map(type).eq(str).all()


def test_invalid_folder_raises_data_error_listing_problems(tmp_path):
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    assert caught.value.issues and "datapackage.json: missing" in str(caught.value.issues[0])
