"""What a response may be encoded as: the client's Accept-Encoding, compressible content types, weak ETags."""

from __future__ import annotations

# Encodings this server produces, in its order of preference when the client rates them equally.
SUPPORTED = ("br", "gzip")

# Already-compressed formats (images, woff/woff2, archives, audio, video) are left out: encoding them again
# costs CPU and saves nothing. text/event-stream is left out because each event must reach the client at once.
COMPRESSIBLE_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "application/vnd.ms-fontobject",
        "application/wasm",
        "application/x-font-ttf",
        "application/x-javascript",
        "application/xml",
        "font/otf",
        "font/ttf",
        "image/svg+xml",
        "image/x-icon",
        "image/vnd.microsoft.icon",
    }
)


def _quality(params: str) -> float:
    """The q value in a ';'-separated parameter list (1 when absent, 0 when unreadable)."""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def choose_encoding(accept_encoding: str) -> str | None:
    """The encoding to send for an Accept-Encoding header value ("br", "gzip"), or None for identity.

    The client's q values decide; at equal q the order is br, then gzip. A q of 0 refuses an encoding, and "*"
    stands for every encoding the header does not name (RFC 9110, section 12.5.3).
    """
    qualities: dict[str, float] = {}
    for item in accept_encoding.split(","):
        token, _, params = item.partition(";")
        token = token.strip().lower()
        if token == "x-gzip":
            token = "gzip"
        if token:
            qualities[token] = max(qualities.get(token, 0.0), _quality(params))
    wildcard = qualities.get("*", 0.0)
    best, best_quality = None, 0.0
    for encoding in SUPPORTED:
        quality = qualities.get(encoding, wildcard)
        if quality > best_quality:
            best, best_quality = encoding, quality
    return best


def is_compressible(content_type: str) -> bool:
    """Whether a response of this Content-Type (parameters allowed) is worth compressing."""
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type == "text/event-stream":
        return False
    return media_type.startswith("text/") or media_type in COMPRESSIBLE_TYPES or media_type.endswith(("+json", "+xml"))


def weak_etag(etag: str) -> str:
    """The weak form of an entity tag, for an encoded variant: equivalent content, not the same bytes."""
    return etag if etag.startswith("W/") else f"W/{etag}"
