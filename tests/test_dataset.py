"""The loader: typed tables, and a boundary join that reports unmatched keys instead of dropping them."""

import pandas as pd
import pytest

from gdclusters.dataset import DataError, join_cities, load_boundaries, load_dataset
from gdclusters.paths import DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA_DIR)


def test_tables_are_typed(ds):
    assert ds.metrics["value"].dtype == "float64"
    assert str(ds.clusters["output_floor_2023_bn_yuan"].dtype) == "Int64"
    assert ds.targets["qualitative"].dtype == bool
    assert ds.cities["adcode"].map(type).eq(str).all()


def test_join_matches_all_21_cities(ds):
    joined, report = join_cities(load_boundaries(), ds.cities)
    assert report.ok and len(joined) == 21
    assert joined.crs.to_epsg() == 4326
    assert set(joined.columns) >= {"adcode", "name_en", "name_zh", "region", "geometry"}


def test_join_reports_unmatched_keys_on_both_sides(ds):
    boundaries = load_boundaries()
    cities = pd.concat([ds.cities[ds.cities["adcode"] != "440300"],
                        ds.cities.head(1).assign(adcode="449999", name_en="Nowhere")])
    joined, report = join_cities(boundaries, cities)
    assert report.cities_without_boundary == ["449999"]
    assert report.boundaries_without_city == ["440300"]
    assert not report.ok and len(joined) == 20


def test_invalid_folder_raises_data_error_listing_problems(tmp_path):
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    assert caught.value.issues and "datapackage.json: missing" in str(caught.value.issues[0])
