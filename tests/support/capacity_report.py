"""The capacity benchmark's report: a Markdown table of load levels, and its own section of BENCHMARKS.md.

The section sits between its own begin and end comments, after the hand-written notes that benchmarks/run.py
keeps (run.py rewrites everything above its notes marker), so either benchmark can rewrite its part alone.
"""

from __future__ import annotations

import math

from tests.support.load import LevelResult

BEGIN = "<!-- capacity: begin (written by benchmarks/capacity.py; edits inside are replaced) -->"
END = "<!-- capacity: end -->"
HEADER = (
    "| users | app | reruns/s | p50 ms | p95 ms | errors | server CPU ms/rerun | event-loop thread | "
    "server RSS MiB | driver CPU ms/rerun |"
)


def _number(value: float | None, digits: int = 0) -> str:
    """A figure, or an en dash when it is unknown."""
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{digits}f}"


def _share(part: float | None, whole: float | None) -> str:
    """part / whole as a percentage, or an en dash."""
    if part is None or not whole:
        return "–"
    return f"{part / whole:.0%}"


def table_row(result: LevelResult) -> str:
    """One level of one app as a Markdown table row."""
    cells = [
        str(result.users),
        result.app,
        _number(result.reruns_per_s, 2),
        _number(result.latency_ms(0.50)),
        _number(result.latency_ms(0.95)),
        str(len(result.errors)),
        _number(result.per_rerun_ms(result.server_cpu_s), 1),
        _share(result.server_main_thread_cpu_s, result.server_cpu_s),
        _number(result.rss_kib / 1024 if result.rss_kib is not None else None),
        _number(result.per_rerun_ms(result.driver_cpu_s), 1),
    ]
    return "| " + " | ".join(cells) + " |"


def markdown_table(results: list[LevelResult]) -> str:
    """The levels in the order given (the apps' turns), with the header row."""
    # Users and figures right-aligned, the app's name left-aligned.
    separator = "| ---: | --- |" + " ---: |" * (HEADER.count("|") - 3)
    return "\n".join([HEADER, separator, *(table_row(result) for result in results)])


def error_lines(results: list[LevelResult]) -> list[str]:
    """One Markdown bullet per level that had errors, naming the most frequent ones."""
    return [f"- {r.users} users, {r.app}: {r.error_summary()}" for r in results if r.errors]


def replace_section(document: str, section: str, notes_marker: str | None = None) -> str:
    """The document with the capacity section replaced, or appended at the end when it has none yet.

    notes_marker: the comment below which benchmarks/run.py keeps the file as it is; added before a new section
    when the document lacks it, so that run.py's next rewrite keeps the section.
    """
    if BEGIN in section or END in section:
        raise ValueError("the capacity section must not contain its own markers")
    block = f"{BEGIN}\n{section.strip()}\n{END}"
    start = document.find(BEGIN)
    end = document.find(END, start)
    if start >= 0 and end >= 0:
        return document[:start] + block + document[end + len(END) :]
    if notes_marker and notes_marker not in document:
        block = f"{notes_marker}\n\n{block}"
    return document.rstrip("\n") + "\n\n" + block + "\n"
