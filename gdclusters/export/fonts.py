"""The CJK font image exports use: looked up once per process, registered with vl-convert before the first image.

When none is found, exports still work and cjk_font_status() says so.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LOG = logging.getLogger("gdclusters.export")

# Environment overrides: a font directory (only it is searched) and the family to use from it.
FONT_DIR_ENV = "GDCLUSTERS_CJK_FONT_DIR"
FONT_FAMILY_ENV = "GDCLUSTERS_CJK_FONT_FAMILY"
FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/opentype/source-han-sans",
    "/usr/share/fonts/adobe-source-han-sans",
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/wenquanyi",
    "/usr/share/fonts/truetype/droid",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
# Preferred Simplified-Chinese families, best first, and the file-name stems that carry them.
FONT_FAMILIES = (
    ("Noto Sans CJK SC", "NotoSansCJK"),
    ("Source Han Sans SC", "SourceHanSans"),
    ("Noto Sans SC", "NotoSansSC"),
    ("WenQuanYi Zen Hei", "wqy-zenhei"),
    ("WenQuanYi Micro Hei", "wqy-microhei"),
    ("Droid Sans Fallback", "DroidSansFallback"),
    ("Microsoft YaHei", "msyh"),
    ("PingFang SC", "PingFang"),
)
FONT_SUFFIXES = (".ttc", ".otf", ".ttf")


@dataclass(frozen=True)
class FontStatus:
    """Which CJK font image exports use; found is False when Chinese may not render in PNG/PDF."""

    found: bool
    family: str | None = None
    directory: str | None = None


def _fontconfig_candidates() -> list[tuple[str, str]]:
    """(family, file) pairs of fonts fontconfig knows for Chinese; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError) as error:
        LOG.warning("fc-list failed (%s); scanning the usual font folders instead", error)
        return []
    pairs = []
    for line in result.stdout.splitlines():
        path, _, families = line.partition(":")
        for family in families.split(","):
            pairs.append((family.strip(), path.strip()))
    return pairs


def _folder_candidates(directories: Iterable[str]) -> list[tuple[str, str]]:
    """(family, file) pairs guessed from the file names of fonts in directories."""
    pairs = []
    for directory in directories:
        folder = Path(directory)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in FONT_SUFFIXES:
                continue
            for family, stem in FONT_FAMILIES:
                if path.name.lower().startswith(stem.lower()):
                    pairs.append((family, str(path)))
    return pairs


def find_cjk_font(directories: Sequence[str] | None = None, use_fontconfig: bool = True) -> FontStatus:
    """Look for a Simplified-Chinese font: fontconfig first, then the usual font folders."""
    override = os.environ.get(FONT_DIR_ENV)
    if override:
        directories, use_fontconfig = [override], False
    candidates = _fontconfig_candidates() if use_fontconfig else []
    candidates += _folder_candidates(FONT_DIRS if directories is None else directories)
    wanted = os.environ.get(FONT_FAMILY_ENV)
    ranking = [wanted] if wanted else [family for family, _ in FONT_FAMILIES]
    for family in ranking:
        for candidate_family, path in candidates:
            if candidate_family == family and Path(path).is_file():
                return FontStatus(found=True, family=family, directory=str(Path(path).parent))
    return FontStatus(found=False)


_font_lock = threading.Lock()
_font_status: FontStatus | None = None
_font_registered = False


def cjk_font_status() -> FontStatus:
    """The CJK font image exports use (looked up once per process, warned about once if missing)."""
    global _font_status
    with _font_lock:
        if _font_status is None:
            status = find_cjk_font()
            if status.found:
                LOG.info("image exports use %s from %s", status.family, status.directory)
            else:
                LOG.warning(
                    "no CJK font found (install fonts-noto-cjk or set %s): Chinese text may be missing "
                    "from PNG and PDF exports; SVG keeps the text",
                    FONT_DIR_ENV,
                )
            _font_status = status
        return _font_status


def register_cjk_font() -> None:
    """Register the CJK font's folder with vl-convert, once per process, before the first image is rendered.

    Not done on lookup: importing vl-convert and registering fonts takes ~0.1 s, which a page showing a
    download menu should not pay before anyone asks for an image.
    """
    global _font_registered
    status = cjk_font_status()
    with _font_lock:
        if status.found and status.directory is not None and not _font_registered:
            import vl_convert

            vl_convert.register_font_directory(status.directory)
            _font_registered = True
