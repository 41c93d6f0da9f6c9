"""The capacity benchmark's pure parts: percentiles, the protocol messages, run checks, /proc parsing, the report.

benchmarks/capacity.py is a thin command line over tests/support/{st_protocol,load,proc_stats,capacity_report}.py;
what could make it measure nothing (a run that was not fresh, a query not applied, a cached element not resolved)
is tested here without a server; tests/app/test_capacity_smoke.py drives real servers.
"""

from __future__ import annotations

import math
import os
import random
import socket
import time

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.support.capacity_report import BEGIN, END, markdown_table, replace_section, table_row
from tests.support.load import LevelResult, LoadPlan, QueryCheck, failure, percentile
from tests.support.proc_stats import cpu_sample, listening_inodes, listening_pids, parse_stat, rss_kib
from tests.support.st_protocol import (
    MessageCache,
    Run,
    RunReader,
    SessionLost,
    Timed,
    rerun_message,
    stream_url,
)

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


def new_session(run_id: str, page_hash: str = "page-1", max_age: int = 2) -> bytes:
    message = ForwardMsg()
    message.metadata.run.script_run_id = run_id
    message.new_session.page_script_hash = page_hash
    message.new_session.config.max_cached_message_age = max_age
    return message.SerializeToString()


def markdown_delta(body: str, digest: str, cacheable: bool = False) -> bytes:
    message = ForwardMsg()
    message.hash = digest
    message.metadata.cacheable = cacheable
    message.delta.new_element.markdown.body = body
    return message.SerializeToString()


def reference(digest: str) -> bytes:
    message = ForwardMsg()
    message.ref_hash = digest
    return message.SerializeToString()


def exception_delta(text: str) -> bytes:
    message = ForwardMsg()
    message.hash = "exception"
    message.delta.new_element.exception.type = "ValueError"
    message.delta.new_element.exception.message = text
    return message.SerializeToString()


def finished(run_id: str, status: int = FINISHED) -> bytes:
    message = ForwardMsg()
    message.metadata.run.script_run_id = run_id
    message.script_finished = status
    return message.SerializeToString()


def read(reader: RunReader, *payloads: bytes) -> list[bool]:
    """Feed the payloads; what feed() said after each (True = the run has finished)."""
    return [reader.feed(payload) for payload in payloads]


def timed(run: Run) -> Timed:
    return Timed(run=run, latency_s=0.1)


# Percentiles


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(10, 0, -1)]
    assert percentile(values, 0.50) == 5.0
    assert percentile(values, 0.95) == 10.0
    assert percentile(values, 0.10) == 1.0
    assert percentile([7.0], 0.95) == 7.0


def test_percentile_of_nothing_is_nan_not_zero():
    assert math.isnan(percentile([], 0.5))


def test_p95_of_twenty_values_is_the_nineteenth():
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.50) == 10.0


# The rerun request


def test_rerun_message_round_trip_carries_what_the_front_end_sends():
    payload = rerun_message(
        "?city=440300&lang=en", page_script_hash="abc", cached_message_hashes=["h1", "h2"], url="http://x/?city=440300"
    )
    message = BackMsg.FromString(payload)
    assert message.WhichOneof("type") == "rerun_script"
    state = message.rerun_script
    # The front end strips the "?"; the server would read a parameter named "?city" otherwise.
    assert state.query_string == "city=440300&lang=en"
    assert state.page_script_hash == "abc" and state.page_name == ""
    assert list(state.cached_message_hashes) == ["h1", "h2"]
    assert state.HasField("widget_states") and len(state.widget_states.widgets) == 0
    assert state.context_info.url == "http://x/?city=440300"
    assert not state.is_auto_rerun and not state.fragment_id


def test_stream_url_keeps_the_base_path_and_the_scheme():
    assert stream_url("http://127.0.0.1:8601") == "ws://127.0.0.1:8601/_stcore/stream"
    assert stream_url("https://example.org/clusters/") == "wss://example.org/clusters/_stcore/stream"


# Reading a run


def test_a_complete_run_is_read_with_its_deltas_and_status():
    reader = RunReader(MessageCache())
    steps = read(
        reader, new_session("run-1"), markdown_delta("city=440300", "d1"), markdown_delta("x", "d2"), finished("run-1")
    )
    assert steps == [False, False, False, True]
    run = reader.run
    assert (run.script_run_id, run.status, run.deltas, run.page_script_hash) == ("run-1", FINISHED, 2, "page-1")
    assert run.contains("city=440300") and not run.contains("city=440100")
    assert run.problem(set()) is None


def test_messages_before_new_session_belong_to_an_earlier_run_and_are_ignored():
    reader = RunReader(MessageCache())
    read(reader, markdown_delta("stale", "old"), finished("run-0"), new_session("run-1"), markdown_delta("new", "n"))
    assert reader.feed(finished("run-1"))
    assert reader.run.deltas == 1 and not reader.run.contains("stale")


def test_a_finished_message_without_a_run_does_not_end_the_wait():
    """A script_finished that arrives before this request's new_session is not this request's answer."""
    reader = RunReader(MessageCache())
    assert reader.feed(finished("run-0")) is False


@pytest.mark.parametrize(
    ("payloads", "seen", "expected"),
    [
        ([markdown_delta("a", "d"), finished("r")], set(), "no new_session"),
        ([new_session("r"), markdown_delta("a", "d"), finished("r")], {"r"}, "not a fresh run"),
        ([new_session("r"), markdown_delta("a", "d"), finished("r", EARLY)], set(), "FINISHED_EARLY_FOR_RERUN"),
        ([new_session("r"), exception_delta("boom"), finished("r")], set(), "exception: ValueError: boom"),
        ([new_session("r"), finished("r")], set(), "drew nothing"),
        ([new_session("r"), markdown_delta("a", "d"), finished("other")], set(), "for run other"),
    ],
)
def test_a_run_that_is_not_complete_fresh_and_successful_has_a_problem(payloads, seen, expected):
    reader = RunReader(MessageCache())
    read(reader, *payloads)
    problem = reader.run.problem(seen)
    assert problem is not None and expected in problem


def test_reference_deltas_are_resolved_from_the_cache():
    cache = MessageCache()
    first = RunReader(cache)
    read(first, new_session("r1"), markdown_delta("city=440300 big chart", "big", cacheable=True), finished("r1"))
    assert cache.hashes() == ["big"]
    second = RunReader(cache)
    read(second, new_session("r2"), reference("big"), finished("r2"))
    assert second.run.reference_deltas == 1 and second.run.deltas == 1
    assert second.run.contains("big chart") and second.run.problem({"r1"}) is None


def test_a_reference_to_a_message_never_cached_is_a_miss():
    reader = RunReader(MessageCache())
    reader.feed(new_session("r1"))
    with pytest.raises(KeyError):
        reader.feed(reference("unknown"))


def test_cached_messages_expire_after_max_age_runs_unused():
    """The front end's rule: age = finished runs since the message was last used; dropped when age > max age."""
    cache = MessageCache()
    read(RunReader(cache), new_session("r1", max_age=2), markdown_delta("x", "kept", cacheable=True), finished("r1"))
    read(RunReader(cache), new_session("r2", max_age=2), markdown_delta("y", "n"), finished("r2"))
    assert cache.hashes() == ["kept"]
    read(RunReader(cache), new_session("r3", max_age=2), markdown_delta("y", "n"), finished("r3"))
    assert cache.hashes() == []


def test_using_a_cached_message_renews_it():
    cache = MessageCache()
    read(RunReader(cache), new_session("r1"), markdown_delta("x", "kept", cacheable=True), finished("r1"))
    for run_id in ("r2", "r3", "r4"):
        read(RunReader(cache), new_session(run_id), reference("kept"), finished(run_id))
    assert cache.hashes() == ["kept"]


def test_messages_not_marked_cacheable_are_not_kept():
    cache = MessageCache()
    read(RunReader(cache), new_session("r1"), markdown_delta("small", "s"), finished("r1"))
    assert cache.hashes() == []


# Checking that the query was applied


def run_showing(*texts: str) -> Run:
    reader = RunReader(MessageCache())
    read(reader, new_session("r"), *(markdown_delta(t, str(i)) for i, t in enumerate(texts)), finished("r"))
    return reader.run


def test_query_check_accepts_a_run_that_shows_the_new_value():
    check = QueryCheck(marker="city={value}")
    assert check.problem(timed(run_showing("link ?city=440300")), "440300", "440100") is None


def test_query_check_flags_a_run_that_ignored_the_query():
    check = QueryCheck(marker="city={value}")
    problem = check.problem(timed(run_showing("link ?city=440100")), "440300", "440100")
    assert problem is not None and "not applied" in problem


def test_query_check_flags_a_run_that_still_shows_the_previous_value():
    check = QueryCheck(marker="city={value}")
    problem = check.problem(timed(run_showing("city=440300", "city=440100")), "440300", "440100")
    assert problem is not None and "still shows 'city=440100'" in problem


def test_query_check_flags_the_apps_error_message():
    check = QueryCheck(marker="city={value}", error_texts=("Something went wrong",))
    problem = check.problem(timed(run_showing("city=440300", "Something went wrong here")), "440300", None)
    assert problem is not None and "error message" in problem


def test_without_a_marker_only_error_texts_count():
    assert QueryCheck().problem(timed(run_showing("anything")), "440300", "440100") is None


@pytest.mark.parametrize(
    ("error", "session_open", "expected"),
    [
        (ConnectionRefusedError("refused"), False, "session open failed"),
        (TimeoutError(), False, "session open failed"),
        (TimeoutError(), True, "no script_finished within 60 s"),
        (SessionLost("closed 1006"), True, "session lost: closed 1006"),
        (ValueError("garbled"), True, "unexpected ValueError: garbled"),
    ],
)
def test_each_failed_request_is_named(error, session_open, expected):
    assert expected in failure(error, session_open, 60.0)


def test_think_time_stays_within_its_jitter():
    plan = LoadPlan(users=1, seconds=1, values=("a",), think_s=4.0, jitter=0.25)
    rng = random.Random(1)
    draws = [plan.think(rng) for _ in range(500)]
    assert 3.0 <= min(draws) < 3.2 and 4.8 < max(draws) <= 5.0


# /proc


def test_parse_stat_survives_a_command_name_with_spaces_and_parentheses():
    fields = ["S", "77"] + ["0"] * 9 + ["150", "25", "7", "3"] + ["0"] * 30
    stat = parse_stat("4242 (python (x) y) " + " ".join(fields))
    assert (stat.pid, stat.ppid, stat.utime, stat.stime, stat.cutime, stat.cstime) == (4242, 77, 150, 25, 7, 3)
    assert stat.own_ticks == 175 and stat.total_ticks == 185


def test_listening_inodes_match_the_port_and_the_listen_state_only():
    table = "\n".join(
        [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:2198 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1",
            "   1: 0100007F:2198 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 222 1",
            "   2: 0100007F:2199 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 333 1",
        ]
    )
    assert listening_inodes(0x2198, [table]) == {"111"}


def test_cpu_sample_counts_this_process_and_its_main_thread():
    before = cpu_sample([os.getpid()])
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    after = cpu_sample([os.getpid()])
    # The busy loop ran on this (main) thread: both figures grew by about 0.3 s (clock ticks are 10 ms).
    assert 0.2 <= after.total_s - before.total_s < 2.0
    assert 0.2 <= after.main_threads_s - before.main_threads_s <= after.total_s - before.total_s + 0.02


def test_listening_pids_finds_the_process_behind_a_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert listening_pids(port) == [os.getpid()]
    assert listening_pids(port) == []


def test_rss_of_this_process_is_its_vmrss():
    assert 10_000 < rss_kib([os.getpid()]) < 10_000_000


# The report


def level(app: str = "dashboard", **overrides) -> LevelResult:
    values = {
        "app": app,
        "users": 20,
        "window_s": 10.0,
        "latencies_s": [0.1, 0.2, 0.3, 0.4],
        "errors": [],
        "server_cpu_s": 0.8,
        "server_main_thread_cpu_s": 0.2,
        "rss_kib": 204800,
        "driver_cpu_s": 0.04,
    }
    return LevelResult(**{**values, **overrides})


def test_level_figures_are_per_successful_rerun():
    result = level()
    assert result.reruns == 4 and result.reruns_per_s == pytest.approx(0.4)
    assert result.per_rerun_ms(result.server_cpu_s) == pytest.approx(200.0)
    assert result.latency_ms(0.5) == pytest.approx(200.0)


def test_table_row_shows_each_figure_in_its_column():
    row = table_row(level(errors=["x", "x", "y"]))
    assert row == "| 20 | dashboard | 0.40 | 200 | 400 | 3 | 200.0 | 25% | 200 | 10.0 |"


def test_unknown_figures_are_dashes_not_zeros():
    row = table_row(level(latencies_s=[], server_cpu_s=None, server_main_thread_cpu_s=None, rss_kib=None))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2:] == ["0.00", "–", "–", "0", "–", "–", "–", "–"]


def test_markdown_table_has_a_header_and_one_row_per_level_in_order():
    lines = markdown_table([level("floor", users=10), level("dashboard", users=10)]).splitlines()
    assert len(lines) == 4 and lines[0].startswith("| users | app |")
    assert lines[1].count("---") == lines[0].count("|") - 1 == lines[2].count("|") - 1
    assert "| floor |" in lines[2] and "| dashboard |" in lines[3]


NOTES = "<!-- notes: kept by benchmarks/run.py -->"
DOCUMENT = f"# Benchmarks\n\n| table |\n\n{NOTES}\n\n## Notes\n\nHand-written.\n"


def test_a_new_section_goes_after_everything_else():
    updated = replace_section(DOCUMENT, "## Capacity\n\nfirst\n")
    assert updated.startswith(DOCUMENT.rstrip("\n"))
    assert updated.index(NOTES) < updated.index(BEGIN) < updated.index("first") < updated.index(END)


def test_an_existing_section_is_replaced_and_nothing_else_changes():
    once = replace_section(DOCUMENT + "\n## Later\n\nkept\n", "## Capacity\n\nfirst\n")
    twice = replace_section(once, "## Capacity\n\nsecond\n")
    assert "second" in twice and "first" not in twice
    assert twice.count(BEGIN) == 1 and twice.count(END) == 1
    assert twice.replace("second", "first") == once


def test_a_new_section_in_a_file_without_the_notes_marker_brings_it_along():
    """benchmarks/run.py keeps only what follows its marker: without one, its next rewrite would drop the section."""
    updated = replace_section("# Benchmarks\n\n| table |\n", "## Capacity\n", notes_marker=NOTES)
    assert updated.index("| table |") < updated.index(NOTES) < updated.index(BEGIN)
    assert replace_section(DOCUMENT, "## Capacity\n", notes_marker=NOTES).count(NOTES) == 1


def test_a_section_cannot_smuggle_in_its_own_markers():
    with pytest.raises(ValueError, match="markers"):
        replace_section(DOCUMENT, f"text {END} more")
