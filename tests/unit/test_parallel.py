"""tests/parallel.py: the two halves cover the suite once, and the run fails when either half fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.parallel import Group, progress, run_groups, stop, suite_groups


def python(code: str) -> tuple[str, ...]:
    return (sys.executable, "-c", code)


def test_the_halves_split_on_the_markers_and_pass_options_to_both(tmp_path):
    servers, fast = suite_groups(["-x", "--durations=5"], output=tmp_path)
    assert servers.command[3:5] == ("-m", "browser or server")
    # The fast half is make check's selection.
    assert fast.command[3:5] == ("-m", "not browser and not server")
    for group in (servers, fast):
        assert f"--basetemp={tmp_path / group.name}" in group.command
        assert group.command[-2:] == ("-x", "--durations=5")


def test_both_pass_and_both_logs_are_printed(tmp_path, capsys):
    groups = [Group("one", python("print('first log')")), Group("two", python("print('second log')"))]
    assert run_groups(groups, output=tmp_path, cwd=tmp_path) == 0
    printed = capsys.readouterr().out
    assert "first log" in printed
    assert "second log" in printed
    assert "one passed, two passed" in printed


def test_one_failing_half_fails_the_run_and_says_which(tmp_path, capsys):
    groups = [Group("one", python("print('fine')")), Group("two", python("import sys; print('broken'); sys.exit(3)"))]
    assert run_groups(groups, output=tmp_path, cwd=tmp_path) == 1
    printed = capsys.readouterr().out
    assert "two FAILED (exit 3)" in printed
    assert "broken" in printed


def test_a_half_that_collects_nothing_is_a_failure(tmp_path):
    groups = [Group("empty", python("import sys; sys.exit(5)"))]
    assert run_groups(groups, output=tmp_path, cwd=tmp_path) == 1


def test_the_halves_run_at_the_same_time(tmp_path):
    """Each half opens the two ends of a named pipe in the other's order: opening one end waits until the other end
    is opened, so run one after the other the first would block until its 10 s alarm kills it."""
    fifo = tmp_path / "meeting"
    os.mkfifo(fifo)
    opens = "import signal; signal.alarm(10); a = open({!r}, {!r}); b = open({!r}, {!r})"
    one = opens.format(str(fifo), "rb", str(fifo), "wb")
    two = opens.format(str(fifo), "wb", str(fifo), "rb")
    assert (
        run_groups([Group("one", python(one)), Group("two", python(two))], output=tmp_path / "logs", cwd=tmp_path) == 0
    )


def test_progress_counts_the_tests_on_pytests_progress_lines(tmp_path):
    (tmp_path / "fast.log").write_text("..F..s  [ 7%]\n....E. [ 14%]\n....\nsome output: 3. of 4\n")
    (tmp_path / "servers.log").write_text("")
    assert progress(tmp_path, Group("fast", ())) == "fast: 16 done"
    assert progress(tmp_path, Group("servers", ())) == "servers: 0 done"


def test_stop_asks_politely_first_and_forces_a_process_that_ignores_it(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.parallel.STOP_GRACE_S", 2.0)
    polite = subprocess.Popen(python("import time; print('ready', flush=True); time.sleep(60)"), stdout=subprocess.PIPE)
    polite.stdout.readline()
    stubborn = subprocess.Popen(
        python(
            "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"
        ),
        stdout=subprocess.PIPE,
    )
    stubborn.stdout.readline()
    stop([polite, stubborn])
    # The sleeper dies of SIGINT (an uncaught KeyboardInterrupt ends Python by that signal); the other of SIGTERM.
    assert polite.returncode == -signal.SIGINT
    assert stubborn.returncode == -signal.SIGTERM
