"""The dashboard's HTTP serving layer around Streamlit's server (ASGI/Starlette; no Streamlit import).

`compression` is the middleware `dashboard.py` installs through `st.App(middleware=...)`: Brotli or gzip for
every compressible response, each validated body (the front end's hashed bundles, index.html, the display
geometry) compressed once and reused. `fonts` serves subsets of Streamlit's icon and text fonts (the icons and
scripts the app can show: about 140 KiB of 530). `negotiation` reads Accept-Encoding and the content type, `codecs` holds
the encoders and their levels, `encoded_cache` the bounded cache and its background recompression.
"""

from serve.codecs import BEST, ON_THE_FLY, Levels, StreamEncoder, encode
from serve.compression import DISABLE_VARIABLE, CompressionMiddleware, compression_middleware
from serve.encoded_cache import CacheKey, EncodedBodyCache
from serve.fonts import FontSubset, FontSubsetMiddleware, font_subset_middleware
from serve.negotiation import choose_encoding, is_compressible, weak_etag

__all__ = [
    "BEST",
    "DISABLE_VARIABLE",
    "ON_THE_FLY",
    "CacheKey",
    "CompressionMiddleware",
    "EncodedBodyCache",
    "FontSubset",
    "FontSubsetMiddleware",
    "Levels",
    "StreamEncoder",
    "choose_encoding",
    "compression_middleware",
    "encode",
    "font_subset_middleware",
    "is_compressible",
    "weak_etag",
]
