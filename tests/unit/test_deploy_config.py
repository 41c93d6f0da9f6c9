"""deploy/replicas.py's nginx configuration and options: plain HTTP by default, TLS with HTTP/2 with a certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.replicas import Tls, nginx_config, parse_args


def listen_line(config: str) -> str:
    return next(line.strip() for line in config.splitlines() if line.strip().startswith("listen "))


def test_without_a_certificate_nginx_listens_in_plain_http(tmp_path):
    config = nginx_config(8500, [8501, 8502], tmp_path)
    assert listen_line(config) == "listen 127.0.0.1:8500;"
    assert "ssl_certificate" not in config


def test_with_a_certificate_nginx_listens_with_tls_and_http2(tmp_path):
    tls = Tls(cert=tmp_path / "my certs" / "cert.pem", key=tmp_path / "key.pem")
    config = nginx_config(8500, [8501], tmp_path, tls)
    assert listen_line(config) == "listen 127.0.0.1:8500 ssl http2;"
    # Quoted: a path with a space stays one argument.
    assert f'ssl_certificate "{tls.cert}";' in config
    assert f'ssl_certificate_key "{tls.key}";' in config
    assert "{{" not in config


def test_certificate_options_are_parsed_into_absolute_paths(tmp_path, monkeypatch):
    """nginx would read a relative path from its run dir (-p), not from where the launcher was started."""
    monkeypatch.chdir(tmp_path)
    Path("cert.pem").write_text("-")
    Path("key.pem").write_text("-")
    args = parse_args(["--tls-cert", "cert.pem", "--tls-key", "key.pem"])
    assert args.tls == Tls(cert=tmp_path.resolve() / "cert.pem", key=tmp_path.resolve() / "key.pem")
    assert parse_args([]).tls is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--tls-cert", "{cert}"], "--tls-cert and --tls-key go together"),
        (["--tls-key", "{cert}"], "--tls-cert and --tls-key go together"),
        (["--tls-cert", "{cert}", "--tls-key", "{missing}"], "--tls-key {missing}: no such file"),
    ],
)
def test_incomplete_or_missing_certificate_options_stop_with_what_to_do(tmp_path, capsys, options, message):
    cert = tmp_path / "cert.pem"
    cert.write_text("-")
    paths = {"cert": cert, "missing": Path(tmp_path / "nowhere.pem")}
    with pytest.raises(SystemExit) as stopped:
        parse_args([option.format(**paths) for option in options])
    assert stopped.value.code == 2
    assert message.format(**paths) in capsys.readouterr().err
