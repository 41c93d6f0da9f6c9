"""Where the dashboard's script runs spend their time: pyinstrument inside Streamlit's script thread.

Run: python -m benchmarks.profile [--page overview] [--rounds 6]. Uses AppTest (no browser): the first run
(cold caches, as after a server start), then `rounds` reruns alternating the city filter, as the benchmark does.
Prints the slowest call paths through this project's code for both, and writes HTML reports next to them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pyinstrument import Profiler
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from tests.support.server import ROOT

PROFILERS: list[Profiler] = []
_original_exec = script_runner.exec_func_with_error_handling
_original_init = PagesManager.__init__


def _profiled_exec(func, ctx):
    """Run one script execution under a profiler started in the script thread itself."""
    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        return _original_exec(func, ctx)
    finally:
        profiler.stop()
        PROFILERS.append(profiler)


def _init_as_navigation_app(self, *args, **kwargs):
    """AppTest would treat dashboard.py as a legacy pages/ app; the real server does not (see tests/conftest.py)."""
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


def main(argv: list[str] | None = None) -> int:
    """Profile the first run and the filter reruns of one page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="overview", help="page to profile (default overview)")
    parser.add_argument("--rounds", type=int, default=6, help="filter reruns to profile (default 6)")
    args = parser.parse_args(argv)
    script_runner.exec_func_with_error_handling = _profiled_exec
    PagesManager.__init__ = _init_as_navigation_app
    out_dir = Path(tempfile.mkdtemp(prefix="gdc-profile-"))

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    app.run()
    if args.page != "overview":
        app.switch_page(f"pages/{args.page}.py")
        app.run()
    cold = list(PROFILERS)
    PROFILERS.clear()
    for index in range(args.rounds):
        app.multiselect(key="city").set_value(["440300"] if index % 2 == 0 else []).run()
    warm = list(PROFILERS)
    assert not app.exception, [e.value for e in app.exception]

    for title, profilers in (("first run (cold caches)", cold), (f"{args.rounds} filter reruns", warm)):
        session = profilers[0].last_session
        for profiler in profilers[1:]:
            session = type(session).combine(session, profiler.last_session)
        combined = Profiler()
        combined._last_session = session
        print(f"\n===== {title}: {session.duration:.2f} s of script time =====")
        print(combined.output_text(unicode=True, color=False, show_all=False, timeline=False))
        slug = title.split(" ")[0]
        (out_dir / f"{args.page}-{slug}.html").write_text(combined.output_html(), encoding="utf-8")
    print(f"HTML reports: {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
