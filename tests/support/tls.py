"""A throwaway self-signed certificate for 127.0.0.1, made with Debian's openssl (the HTTPS replica test and
benchmarks/http2.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from deploy.replicas import Tls


def openssl() -> str | None:
    """The openssl binary on PATH, if any."""
    return shutil.which("openssl")


def self_signed_certificate(folder: Path) -> Tls:
    """cert.pem and key.pem in folder, valid for 2 days for the IP address 127.0.0.1."""
    binary = openssl()
    if binary is None:
        raise FileNotFoundError("openssl not found on PATH (apt-get install openssl)")
    cert, key = folder / "cert.pem", folder / "key.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2"]
    subprocess.run(
        [binary, *request, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return Tls(cert=cert, key=key)
