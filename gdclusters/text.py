"""Make text from the data or the URL safe to show in Markdown (page text, captions, tables)."""

from __future__ import annotations

import functools
import re

# Everything Markdown (CommonMark + GFM), Streamlit's directives (:red[...], :material/x:) and
# its LaTeX ($...$) could interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
# GFM turns bare URLs, www. names and e-mail addresses into links even when every character is
# escaped; an invisible word joiner inside each trigger stops that without changing what is read.
_AUTOLINK_TRIGGERS = re.compile(r"(?i)(https?|ftp|mailto|www)(?=[:.])|(@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """Backslash-escape every character Markdown or Streamlit could interpret; newlines become spaces.

    Pages escape the same quotes and names on every rerun, so results are remembered for the
    ESCAPED_CACHE_SIZE most recent strings of at most CACHED_LENGTH characters (text from a URL can be longer
    and is escaped afresh: input and result, at 4 bytes a character, stay under ~50 MB whatever visitors send).
    """
    value = "" if text is None else str(text)
    return _escape_cached(value) if len(value) <= CACHED_LENGTH else _escape(value)


ESCAPED_CACHE_SIZE = 4096
CACHED_LENGTH = 1000


def _escape(value: str) -> str:
    value = value.replace("\r", " ").replace("\n", " ")
    value = _AUTOLINK_TRIGGERS.sub(lambda m: (m.group(1) or m.group(2)) + WORD_JOINER, value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


_escape_cached = functools.lru_cache(maxsize=ESCAPED_CACHE_SIZE)(_escape)
