"""Serve subsets of Streamlit's fonts: only the icons and the scripts this app can show.

Every Streamlit page loads two fonts through its stylesheet: Material Symbols Rounded (a 366 KiB woff2 of 4,309
icons) and Source Sans (166 KiB, Latin, Greek, Cyrillic and Vietnamese), together 36 % of a compressed first
visit here. Two subsets replace them, at the same URLs:
- icons (Material Symbols): an icon is drawn by a ligature (the text "expand_more" in that font becomes one
  glyph). The subset keeps the letters, digits and underscore, and the ligatures of every name Streamlit's
  front-end bundles can write (each quoted word in its JavaScript that names an icon: a superset, about 500
  icons with Streamlit 1.67) and of every `:material/<name>:` icon in this repository's code (pages/, ui/,
  gdclusters/, dashboard.py). About 52 KiB. A name outside the subset would show as its plain text, so
  tests/browser/test_fonts.py checks that every icon on every page is drawn as one glyph;
- text (Source Sans, upright and italic): the Unicode blocks of English and pinyin text and of the symbols the
  pages print (Latin-1, Latin Extended-A/B, combining marks, punctuation, currency, arrows, maths, shapes).
  About 90 KiB of 166. Chinese text never came from it (the browser's CJK font draws it), and a character
  outside the subset is drawn by the next font of the stylesheet's list, as a character missing from Source
  Sans always was.

Each subset is made once per font, content and fontTools version (seconds of CPU: decoding the woff2's glyphs)
in a low-priority background thread started with the server, and kept in a cache folder (GDC_CACHE_DIR, else
~/.cache/gdclusters) so that later starts and other replicas reuse it. Until it is ready, or if it cannot be
made, the original font is served, as Streamlit would.

A font keeps its URL (the stylesheet names it), and Streamlit serves that URL as immutable: a browser would keep
a subset for a year even after a release adds an icon. So both the subset and, while it is not ready, the
original are sent with `Cache-Control: no-cache` and an ETag: a repeat visit costs one 304 per font.
Set GDC_FONT_SUBSETS=off to serve the originals (benchmarks measure the difference).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

DISABLE_VARIABLE = "GDC_FONT_SUBSETS"
CACHE_VARIABLE = "GDC_CACHE_DIR"
ICON_FONT_GLOB = "MaterialSymbols-Rounded*.woff2"
TEXT_FONT_GLOBS = ("SourceSansVF-Upright*.woff2", "SourceSansVF-Italic*.woff2")
# The text subset: Basic Latin and Latin-1, Latin Extended-A/B (pinyin tone marks), combining diacritics, general
# punctuation, super/subscripts and currency, letterlike symbols, arrows, mathematical operators, geometric shapes.
TEXT_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x2000, 0x206F),
    (0x2070, 0x20CF),
    (0x2100, 0x21FF),
    (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
)
# What the ligatures are spelt with.
LIGATURE_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
ICON_IN_CODE = re.compile(r":material/([a-z0-9_]+):")
# A quoted (or `:material/`-prefixed) lowercase word in the front end's JavaScript: candidate icon names.
NAME_IN_SCRIPT = re.compile(r"""["'`/]([a-z][a-z0-9_]*)["'`:]""")
ROOT = Path(__file__).resolve().parents[1]
CODE_FOLDERS = ("pages", "ui", "gdclusters")
CACHE_CONTROL = "no-cache"


def streamlit_static_dir() -> Path:
    """The folder of Streamlit's built front end (index.html, static/js, static/media), found without importing it."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("streamlit")
    return Path(spec.origin).parent / "static"


def find_font(static_dir: Path, pattern: str) -> Path | None:
    """The font of this Streamlit build whose file name matches pattern, or None if none (or several) does."""
    found = sorted((static_dir / "static" / "media").glob(pattern))
    return found[0] if len(found) == 1 else None


def ligatures(font) -> dict[str, str]:
    """Every ligature of a fontTools TTFont: the text it replaces -> the glyph it draws."""
    reverse = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    found: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            if lookup.LookupType == 7:  # an extension lookup wraps the real one
                table = table.ExtSubTable
            if table.LookupType != 4:  # ligature substitution
                continue
            for first, entries in table.ligatures.items():
                for entry in entries:
                    text = "".join(reverse.get(glyph, "\ufffd") for glyph in (first, *entry.Component))
                    found[text] = entry.LigGlyph
    return found


def names_in_scripts(static_dir: Path) -> set[str]:
    """Candidate icon names in the front end's JavaScript (to be intersected with the font's ligatures)."""
    names: set[str] = set()
    for script in (static_dir / "static" / "js").glob("*.js"):
        names.update(NAME_IN_SCRIPT.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def names_in_code(root: Path = ROOT) -> set[str]:
    """Every `:material/<name>:` icon written in this repository's code."""
    files = [root / "dashboard.py"]
    for folder in CODE_FOLDERS:
        files.extend((root / folder).rglob("*.py"))
    names: set[str] = set()
    for path in files:
        if path.is_file():
            names.update(ICON_IN_CODE.findall(path.read_text(encoding="utf-8")))
    return names


@dataclass(frozen=True)
class Plan:
    """What to keep of one font: the ligatures of icons (icon fonts), or code points (text fonts)."""

    font_path: Path
    icons: frozenset[str] = frozenset()
    code_points: frozenset[int] = frozenset()

    def describe(self) -> str:
        """Everything the subset depends on besides the font's bytes, as text (part of the cache key)."""
        return "icons:" + ",".join(sorted(self.icons)) + ";code points:" + ",".join(map(str, sorted(self.code_points)))


@dataclass(frozen=True)
class Subset:
    """A subset font, its entity tag, and the icons it draws (empty for a text font)."""

    body: bytes
    etag: str
    icons: frozenset[str]


def make_subset(font_bytes: bytes, plan: Plan) -> tuple[bytes, frozenset[str]]:
    """The woff2 subset of font_bytes by plan, and the planned icons the font has (the others cannot be drawn)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes))
    cmap = font.getBestCmap()
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    glyphs: list[str] = []
    icons: frozenset[str] = frozenset()
    code_points = [code for code in plan.code_points if code in cmap]
    if plan.icons:
        available = ligatures(font)
        icons = frozenset(name for name in plan.icons if name in available)
        glyphs = [available[name] for name in sorted(icons)]
        code_points = [ord(c) for c in LIGATURE_LETTERS if ord(c) in cmap]
        # Without this, keeping the letters would keep every ligature made of them: all 4,309 icons.
        options.layout_closure = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=glyphs, unicodes=code_points)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), icons


def cache_dir() -> Path:
    """Where made subsets are kept between starts."""
    configured = os.environ.get(CACHE_VARIABLE, "").strip()
    return Path(configured) if configured else Path.home() / ".cache" / "gdclusters"


class FontSubset:
    """The subset of one font file by its plan (see module doc); .subset is None until it is ready."""

    def __init__(self, plan: Plan, *, cache: Path | None = None, logger: logging.Logger | None = None) -> None:
        self.plan = plan
        self.cache = cache
        self.log = logger or logging.getLogger(__name__)
        self.subset: Subset | None = None
        self._ready = threading.Event()

    @property
    def name(self) -> str:
        return self.plan.font_path.name

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the subset is ready or has failed; True if it is ready."""
        self._ready.wait(timeout)
        return self.subset is not None

    def prepare(self) -> None:
        """Read the subset from the cache or make it; log a failure and keep serving the original."""
        try:
            self.subset = self._load_or_make()
        except Exception:
            self.log.exception("fonts: no subset of %s; serving the whole font", self.name)
        finally:
            self._ready.set()

    def _key(self, font_bytes: bytes) -> str:
        from fontTools import version

        digest = hashlib.sha256(font_bytes)
        digest.update(self.plan.describe().encode())
        digest.update(version.encode())
        return digest.hexdigest()[:32]

    def _load_or_make(self) -> Subset:
        font_bytes = self.plan.font_path.read_bytes()
        key = self._key(font_bytes)
        stem = self.plan.font_path.name.split(".")[0]
        cached = self.cache / f"{stem}-{key}.woff2" if self.cache else None
        names = self.cache / f"{stem}-{key}.icons" if self.cache else None
        if cached and names and cached.is_file() and names.is_file():
            body = cached.read_bytes()
            icons = frozenset(names.read_text(encoding="utf-8").split())
            self.log.info("fonts: subset of %s read from %s (%.0f KiB)", self.name, cached, len(body) / 1024)
        else:
            body, icons = make_subset(font_bytes, self.plan)
            self.log.info(
                "fonts: subset of %s made (%.0f KiB of %.0f KiB%s)",
                self.name,
                len(body) / 1024,
                len(font_bytes) / 1024,
                f", {len(icons)} icons" if icons else "",
            )
            if cached and names:
                self._store(cached, names, body, icons)
        return Subset(body=body, etag=f'"{stem}-{key}"', icons=icons)

    def _store(self, cached: Path, names: Path, body: bytes, icons: frozenset[str]) -> None:
        """Keep the subset for later starts; written under a temporary name and renamed, so never half a file."""
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((names, "\n".join(sorted(icons)).encode()), (cached, body)):
                partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                partial.write_bytes(data)
                partial.replace(path)
        except OSError as error:
            self.log.warning("fonts: cannot keep the subset in %s (%s); it is made again at each start", cached, error)


def prepare_in_background(fonts: list[FontSubset]) -> None:
    """Prepare the subsets one after the other in one daemon thread at low priority; return at once."""

    def work() -> None:
        # Linux applies a thread id's nice value to that thread only: script runs and requests come first.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        for font in fonts:
            font.prepare()

    threading.Thread(target=work, name="serve-fonts", daemon=True).start()


class FontSubsetMiddleware:
    """Answers GET/HEAD of each font's URL with its subset once ready; everything else passes untouched."""

    def __init__(self, app: ASGIApp, *, fonts: list[FontSubset]) -> None:
        self.app = app
        self.fonts = {f"/static/media/{font.name}": font for font in fonts}

    def _font(self, path: str) -> FontSubset | None:
        _, separator, name = path.rpartition("/static/media/")
        return self.fonts.get(separator + name) if separator else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        font = self._font(scope["path"]) if scope["type"] == "http" else None
        if font is None or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        subset = font.subset
        if subset is None:
            await self.app(scope, receive, _revalidated(send))
            return
        headers = Headers(scope=scope)
        common = [
            (b"content-type", b"font/woff2"),
            (b"cache-control", CACHE_CONTROL.encode()),
            (b"etag", subset.etag.encode()),
        ]
        if subset.etag in _listed_etags(headers.get("if-none-match", "")):
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        body = b"" if scope["method"] == "HEAD" else subset.body
        start = [*common, (b"content-length", str(len(subset.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": start})
        await send({"type": "http.response.body", "body": body})


def _listed_etags(value: str) -> set[str]:
    """The entity tags of an If-None-Match header, weak or strong alike."""
    return {tag.strip().removeprefix("W/") for tag in value.split(",") if tag.strip()}


def _revalidated(send: Send) -> Send:
    """Streamlit's answer with the whole font, its year-long immutable caching replaced by no-cache."""

    async def wrapped(message):
        if message["type"] == "http.response.start":
            kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
            message = {**message, "headers": [*kept, (b"cache-control", CACHE_CONTROL.encode())]}
        await send(message)

    return wrapped


def text_code_points() -> frozenset[int]:
    """The code points of TEXT_RANGES."""
    return frozenset(code for low, high in TEXT_RANGES for code in range(low, high + 1))


def plans(static_dir: Path, root: Path = ROOT) -> list[Plan]:
    """What to subset in this Streamlit build: the icon font, then the text fonts (those found)."""
    found: list[Plan] = []
    icon_path = find_font(static_dir, ICON_FONT_GLOB)
    if icon_path is not None:
        found.append(Plan(icon_path, icons=frozenset(names_in_scripts(static_dir) | names_in_code(root))))
    for pattern in TEXT_FONT_GLOBS:
        text_path = find_font(static_dir, pattern)
        if text_path is not None:
            found.append(Plan(text_path, code_points=text_code_points()))
    return found


def font_subset_middleware(logger: logging.Logger | None = None) -> list[Middleware]:
    """The middleware list for st.App: the font subsets, unless GDC_FONT_SUBSETS=off or no font is found."""
    if os.environ.get(DISABLE_VARIABLE, "").strip().lower() == "off":
        return []
    log = logger or logging.getLogger(__name__)
    static_dir = streamlit_static_dir()
    found = plans(static_dir)
    if not found:
        log.warning("fonts: none to subset in %s; serving them as they are", static_dir)
        return []
    fonts = [FontSubset(plan, cache=cache_dir(), logger=log) for plan in found]
    prepare_in_background(fonts)
    return [Middleware(FontSubsetMiddleware, fonts=fonts)]
