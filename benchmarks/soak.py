"""Soak test: 1,000 random filter changes and page switches in one AppTest session.

Bounded (stops by itself after --steps), loopback-free (AppTest runs the app in this process, so
this process is the server). Checks: zero exceptions and zero caught page errors, no leaked file
descriptors, and memory that levels off: below 5 % growth over the second half of the run. (The first
hundreds of steps fill bounded caches, the memoised views of gdclusters.analysis.memoised_per_args among
them, so memory rises before it levels; a leak keeps rising. The growth after warm-up is reported too.)

    python -m benchmarks.soak [--steps 1000] [--seed 7]

Prints a Markdown table row set for BENCHMARKS.md and exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from gdclusters.dataset import load_dataset
from gdclusters.i18n import t

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "map", "matrix", "tiers", "targets", "city", "cluster", "sources"]
WARM_UP_STEPS = 100
CHECKPOINT_STEPS = 100
MAX_LATE_GROWTH_PCT = 5
_original_init = PagesManager.__init__


def _init_as_navigation_app(self, *args, **kwargs):
    """Same AppTest correction as tests/conftest.py (pages/ folder sends AppTest down the legacy path)."""
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


def rss_kib() -> int:
    """Resident memory of this process in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def open_fds() -> int:
    """Number of open file descriptors of this process (Linux)."""
    return len(os.listdir("/proc/self/fd"))


def random_change(at: AppTest, rng: random.Random, clusters: list[str], cities: list[str]) -> str:
    """Apply one random user action; return a short description."""
    action = rng.choice(["cluster", "city", "category", "tier", "region", "page", "lang", "clear"])
    if action == "cluster":
        at.multiselect(key="cluster").set_value(rng.sample(clusters, rng.randint(0, 3)))
    elif action == "city":
        at.multiselect(key="city").set_value(rng.sample(cities, rng.randint(0, 3)))
    elif action == "category":
        at.segmented_control(key="category").set_value(rng.choice([None, "pillar", "emerging"]))
    elif action == "tier":
        at.multiselect(key="tier").set_value(rng.sample(["1000", "500", "100", "10"], rng.randint(0, 2)))
    elif action == "region":
        regions = ["pearl_river_delta", "coastal_east", "coastal_west", "northern_ecological"]
        at.multiselect(key="region").set_value(rng.sample(regions, rng.randint(0, 2)))
    elif action == "lang":
        at.segmented_control(key="lang").set_value(rng.choice(["en", "zh"]))
    elif action == "clear":
        at.button(key="clear_filters").click()
    if action == "page":
        page = rng.choice(PAGES)
        at.switch_page(f"pages/{page}.py")
        action = f"page {page}"
    at.run()
    return action


def main(argv: list[str] | None = None) -> int:
    """Run the soak and report; exit 1 when a check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    PagesManager.__init__ = _init_as_navigation_app
    ds = load_dataset()
    clusters, cities = list(ds.clusters["cluster_id"]), list(ds.cities["adcode"])
    rng = random.Random(args.seed)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    failures: list[str] = []
    rss_start = fds_start = 0
    checkpoints: list[tuple[int, int]] = []
    started = time.perf_counter()
    for step in range(1, args.steps + 1):
        action = random_change(at, rng, clusters, cities)
        lang = at.session_state.get("lang", "en")
        if at.exception or t("errors.unexpected", lang) in [e.value for e in at.error]:
            failures.append(f"step {step} ({action}): " + "; ".join(str(e.value)[:200] for e in at.exception))
        if step == WARM_UP_STEPS:
            gc.collect()
            rss_start, fds_start = rss_kib(), open_fds()
        if step % CHECKPOINT_STEPS == 0:
            gc.collect()
            checkpoints.append((step, rss_kib()))
    gc.collect()
    rss_end, fds_end = rss_kib(), open_fds()
    elapsed = time.perf_counter() - started
    growth = (rss_end - rss_start) / rss_start * 100 if rss_start else float("nan")
    print(f"| soak steps (filter changes and page switches) | {args.steps} (seed {args.seed}) |")
    print(f"| soak duration | {elapsed:.0f} s ({elapsed / args.steps * 1000:.0f} ms a step) |")
    print(f"| exceptions or caught page errors | {len(failures)} |")
    print(
        f"| memory after warm-up ({WARM_UP_STEPS} steps) → end | {rss_start / 1024:.0f} MiB → "
        f"{rss_end / 1024:.0f} MiB ({growth:+.1f} %) |"
    )
    print(f"| open file descriptors after warm-up → end | {fds_start} → {fds_end} |")
    print("| memory by step | " + ", ".join(f"{step}: {kib / 1024:.0f}" for step, kib in checkpoints) + " MiB |")
    for failure in failures[:10]:
        print("FAILURE:", failure, file=sys.stderr)
    half = [kib for step, kib in checkpoints if step >= args.steps // 2]
    late_growth = (rss_end - half[0]) / half[0] * 100 if half else float("nan")
    print(f"| memory growth over the second half (check: < {MAX_LATE_GROWTH_PCT} %) | {late_growth:+.1f} % |")
    ok = not failures and late_growth < MAX_LATE_GROWTH_PCT and fds_end <= fds_start
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
