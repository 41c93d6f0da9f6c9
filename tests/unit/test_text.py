"""Escaping: text from data or the URL shows literally in Markdown and HTML."""

import re

import pytest

from gdclusters.text import WORD_JOINER, escape_markdown


@pytest.mark.parametrize(
    "payload",
    [
        "**bold**",
        "[a](http://x.example)",
        "![i](http://x.example/i.png)",
        "<script>alert(1)</script>",
        ":red[x]",
        "$x^2$",
        "# heading",
        "`code`",
        "| a | b |",
        "~~strike~~",
        "1. item",
        "- item",
    ],
)
def test_every_markdown_special_character_is_escaped(payload):
    escaped = escape_markdown(payload)
    unescaped = re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")
    assert unescaped == payload  # reads the same
    assert re.search(r"(?<!\\)[*\[\]()<>`$:#|~-]", escaped) is None  # but nothing is left live


def test_autolink_triggers_are_broken_invisibly():
    escaped = escape_markdown("see http://evil.example, www.evil.example and a@evil.example")
    assert "http\\:" not in escaped and f"http{WORD_JOINER}\\:" in escaped
    assert f"www{WORD_JOINER}\\." in escaped and f"@{WORD_JOINER}" in escaped


def test_newlines_cannot_start_new_blocks():
    assert "\n" not in escape_markdown("a\n# b\r\n- c")


def test_escaping_is_remembered_for_short_strings_only():
    from gdclusters import text

    short = "A *quote* from http://example.org " + "x" * 10
    long = "[link](javascript:alert(1)) " * 100
    assert len(long) > text.CACHED_LENGTH
    before = text._escape_cached.cache_info().currsize
    assert escape_markdown(short) == escape_markdown(short) == text._escape(short)
    after_short = text._escape_cached.cache_info().currsize
    assert after_short == before + 1
    assert escape_markdown(long) == text._escape(long)
    assert "\\[link\\]" in escape_markdown(long)
    assert text._escape_cached.cache_info().currsize == after_short, "a long string must not enter the cache"
