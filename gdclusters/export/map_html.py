"""The interactive map as one offline HTML file: deck.gl bundle inlined, no basemap, no request allowed.

A Content-Security-Policy forbids any request, so the page opens without a network.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Sequence
from pathlib import Path

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; worker-src blob:; connect-src data: blob:"
)
_HTML_STYLE = """
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; background: #f4f6f8;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
#deck-container { position: absolute; inset: 0; }
#caption { position: absolute; top: 8px; left: 8px; z-index: 2; max-width: 60%; padding: 6px 10px;
  background: rgba(255, 255, 255, 0.88); border-radius: 4px; color: #1e1e1e; font-size: 12px; line-height: 1.4; }
#caption h1 { margin: 0 0 4px; font-size: 16px; }
#caption p { margin: 0; }
.deck-tooltip { font-size: 12px; }
"""


@functools.lru_cache(maxsize=1)
def pydeck_bundle() -> str:
    """pydeck's standalone deck.gl bundle (shipped inside the package), safe to inline in a script tag."""
    import pydeck

    bundle = Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js"
    # '</script' would end the inline script early; '<\/script' means the same to JavaScript.
    return bundle.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _script_json(value: object) -> str:
    """JSON for an inline script: '<', '>' and '&' escaped so data cannot close the tag."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def deck_html(deck, *, title: str, lines: Sequence[str] = (), lang: str = "en") -> bytes:
    """A self-contained HTML page of a pydeck map: bundle inlined, no basemap, no request allowed."""
    spec = json.loads(deck.to_json())
    # Without a map provider deck.gl draws only the layers: no tiles, no token, no style download.
    for key in ("mapStyle", "mapProvider", "mapboxKey", "googleMapsKey"):
        spec.pop(key, None)
    tooltip = getattr(deck, "_tooltip", True)
    caption = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    page = f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_HTML_STYLE}</style>
<script>{pydeck_bundle()}</script>
</head>
<body>
<div id="deck-container"></div>
<div id="caption"><h1>{html.escape(title)}</h1>{caption}</div>
<script>
const deckInstance = createDeck({{
  container: document.getElementById("deck-container"),
  jsonInput: {_script_json(spec)},
  tooltip: {_script_json(tooltip)},
  customLibraries: null,
  configuration: null,
}});
</script>
</body>
</html>
"""
    return page.encode("utf-8")
