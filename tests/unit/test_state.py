"""URL state: canonical parameters round-trip; anything else is dropped with a notice, never raised."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gdclusters.state import MAX_VALUES, FilterOptions, Filters, parse_query, to_query

OPTIONS = FilterOptions(clusters=("semiconductors_ic", "new_energy", "automobiles"), cities=("440100", "440300"))


def test_round_trip_of_every_filter():
    filters = Filters(
        clusters=("new_energy", "automobiles"),
        cities=("440300",),
        categories=("emerging",),
        tiers=(1000, 10),
        regions=("coastal_east",),
    )
    parsed = parse_query(to_query(filters, "zh"), OPTIONS)
    assert parsed.filters() == filters and parsed.lang == "zh"
    assert parsed.notices == []


def test_unknown_values_are_dropped_with_a_notice_and_known_ones_kept():
    parsed = parse_query(
        {"cluster": ["new_energy", "<script>alert(1)</script>"], "city": ["999999"], "tier": ["250"], "lang": ["fr"]},
        OPTIONS,
    )
    assert parsed.filters() == Filters(clusters=("new_energy",))
    assert {(n.param, n.reason) for n in parsed.notices} == {
        ("cluster", "unknown_value"),
        ("city", "unknown_value"),
        ("tier", "unknown_value"),
        ("lang", "unknown_value"),
    }


def test_unknown_parameter_and_repeated_keys():
    parsed = parse_query({"../etc/passwd": ["x"], "city": ["440300", "440300", "440100"]}, OPTIONS)
    assert parsed.filters().cities == ("440300", "440100")
    assert [n.reason for n in parsed.notices] == ["unknown_param"]


def test_single_valued_parameters_keep_the_first_value():
    parsed = parse_query({"category": ["pillar", "emerging"]}, OPTIONS)
    assert parsed.filters().categories == ("pillar",)
    assert parsed.notices[0].reason == "too_many" and parsed.notices[0].limit == 1


def test_huge_values_are_shortened_in_notices():
    parsed = parse_query({"cluster": ["x" * 100_000]}, OPTIONS)
    assert len(parsed.notices[0].value) <= 40


def test_page_parameters_are_accepted_when_declared():
    parsed = parse_query({"sort": ["total"]}, OPTIONS, page_params={"sort": ("total", "name")})
    assert parsed.values == {"sort": ["total"]} and not parsed.notices
    assert parse_query({"sort": ["evil"]}, OPTIONS, page_params={"sort": ("total", "name")}).notices


text = st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(["cluster", "city", "category", "tier", "region", "lang"]), text),
        st.lists(text, max_size=40),
        max_size=8,
    )
)
def test_fuzzed_parameters_never_raise_and_only_known_values_survive(params):
    parsed = parse_query(params, OPTIONS)
    filters = parsed.filters()
    assert set(filters.clusters) <= set(OPTIONS.clusters)
    assert set(filters.cities) <= set(OPTIONS.cities)
    assert set(filters.tiers) <= {1000, 500, 100, 10}
    assert len(filters.clusters) <= MAX_VALUES
    dropped = sum(len([v for v in values if v]) for values in params.values())
    kept = sum(len(v) for v in parsed.values.values())
    assert kept <= dropped
    for notice in parsed.notices:
        assert len(notice.value) <= 40 and len(notice.param) <= 40


def test_register_filters_are_accepted_and_hostile_values_dropped():
    parsed = parse_query({"status": ["met"], "year": ["2025"], "history": ["1"]}, OPTIONS)
    assert parsed.values == {"status": ["met"], "year": ["2025"], "history": ["1"]}
    assert not parsed.notices
    hostile = parse_query({"status": ["<script>alert(1)</script>"], "year": ["2025; DROP"]}, OPTIONS)
    assert "status" not in hostile.values and "year" not in hostile.values
    assert {n.reason for n in hostile.notices} == {"unknown_value"}
    assert parse_query({"status": ["met", "missed"]}, OPTIONS).values == {"status": ["met"]}
