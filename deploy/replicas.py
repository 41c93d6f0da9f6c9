"""Run N Streamlit replicas of the dashboard behind nginx, all on loopback, until Ctrl+C or SIGTERM.

    python -m deploy.replicas --replicas 2 --port 8500      (make serve-replicas REPLICAS=2 PORT=8500)

Starts `streamlit run dashboard.py` on ports 8501, 8502, … (or --replica-ports), waits for each one's
/_stcore/health, renders deploy/nginx.conf.template into <run dir>/nginx.conf and runs nginx in the foreground
with the run dir as its prefix (pid, logs and temp dirs all there; the system's nginx service is not used).
When nginx answers, it writes <run dir>/state.json (URLs, ports, pids, log paths) and prints "ready".

With --tls-cert and --tls-key, nginx terminates TLS and speaks HTTP/2 (https://127.0.0.1:PORT): the front end
loads about 130 small files, and over HTTP/1.1 a browser fetches six at a time (BENCHMARKS.md: a first visit at
4 Mbit/s 4.61 s over HTTP/2 against 5.54 s over HTTP/1.1, both through nginx with TLS).

A replica that dies is reported and left down: nginx sends its sessions to the others, whose websockets the
browsers reopen by themselves. SIGINT or SIGTERM stops nginx, then the replicas, and exits 0; if the launcher is
killed outright, its children get SIGTERM from the kernel (PR_SET_PDEATHSIG). Exits 1 when it cannot start, when
nginx dies, or when every replica has died.
"""

from __future__ import annotations

import argparse
import ctypes
import grp
import json
import os
import pwd
import re
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
DEFAULT_RUN_DIR = Path(__file__).with_name("run")
HOST = "127.0.0.1"
FIRST_REPLICA_PORT = 8501
# Passive health checks: one failed attempt (refused connection, timeout, 502/503) takes a replica out of the
# rotation for this long; then nginx tries it again with the next request hashed to it.
MAX_FAILS = 1
FAIL_TIMEOUT_S = 10
STOP_TIMEOUT_S = 10.0
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Tls:
    """The certificate chain and private key nginx serves TLS with (PEM files)."""

    cert: Path
    key: Path


@dataclass
class Child:
    """One process the launcher started: a replica or nginx."""

    name: str
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        """The end of the child's log, for error messages."""
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


class Stopped(Exception):
    """A stop signal arrived while the launcher was still starting."""


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the launcher dies, even by SIGKILL (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(name: str, command: list[str], log_path: Path) -> Child:
    """Start a child in its own process group (a terminal's Ctrl+C reaches the launcher only), output to a log."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    return Child(name, process, log_path)


def render_config(template: str, values: dict[str, str]) -> str:
    """Fill the template's {{name}} placeholders; raise on a placeholder without a value."""
    missing = sorted(set(re.findall(r"\{\{(\w+)\}\}", template)) - set(values))
    if missing:
        raise KeyError(f"{TEMPLATE.name}: no value for {', '.join(missing)}")
    return re.sub(r"\{\{(\w+)\}\}", lambda match: values[match.group(1)], template)


def tls_directives(tls: Tls | None) -> str:
    """The server block's TLS lines (nothing for plain HTTP). Paths are quoted: nginx reads them as strings."""
    if tls is None:
        return "        # plain HTTP (no --tls-cert)"
    return "\n".join(
        (
            f'        ssl_certificate "{tls.cert}";',
            f'        ssl_certificate_key "{tls.key}";',
            "        ssl_protocols TLSv1.2 TLSv1.3;",
            "        ssl_session_cache shared:gdc_tls:1m;",
        )
    )


def nginx_config(listen_port: int, replica_ports: list[int], run_dir: Path, tls: Tls | None = None) -> str:
    """The nginx configuration for replicas on these loopback ports, served on listen_port (TLS and HTTP/2 with
    tls)."""
    servers = "\n".join(
        f"        server {HOST}:{port} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT_S}s;" for port in replica_ports
    )
    # Started as root, nginx would run its workers as "nobody", who cannot use temp dirs inside a private
    # (0700) run dir such as pytest's; run them as the launching user. Otherwise nginx ignores the directive.
    user = "# workers run as the launching user"
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    return render_config(
        TEMPLATE.read_text(encoding="utf-8"),
        {
            "user_directive": user,
            "run_dir": str(run_dir),
            "listen": f"{HOST}:{listen_port}" + (" ssl http2" if tls else ""),
            "tls_directives": tls_directives(tls),
            "upstream_servers": servers,
        },
    )


def find_nginx(explicit: str | None = None) -> str | None:
    """The nginx binary: explicit, else PATH, else Debian's /usr/sbin/nginx (not on a normal user's PATH)."""
    for candidate in (explicit, shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


# The launcher's own readiness probe of its loopback proxy: the certificate names the public host, not 127.0.0.1,
# and may be self-signed, so this one request does not verify it (browsers do).
_LOOPBACK_TLS = ssl.create_default_context()
_LOOPBACK_TLS.check_hostname = False
_LOOPBACK_TLS.verify_mode = ssl.CERT_NONE


def answers(url: str) -> bool:
    """Whether GET url returns 200 within 2 s."""
    try:
        context = _LOOPBACK_TLS if url.startswith("https:") else None
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


class Launcher:
    """Starts the replicas and nginx, watches them, and stops them all once."""

    def __init__(
        self,
        listen_port: int,
        replica_ports: list[int],
        run_dir: Path,
        nginx: str,
        timeout: float,
        tls: Tls | None = None,
    ):
        self.listen_port = listen_port
        self.tls = tls
        self.replica_ports = replica_ports
        self.run_dir = run_dir
        self.nginx = nginx
        self.timeout = timeout
        self.replicas: list[Child] = []
        self.proxy: Child | None = None
        self.stop_requested = threading.Event()

    def request_stop(self, signum, _frame) -> None:
        """Signal handler: ask the main loop to stop everything."""
        print(f"{signal.Signals(signum).name}: stopping nginx and the replicas", flush=True)
        self.stop_requested.set()

    def wait_until(self, child: Child, url: str) -> None:
        """Poll url until it answers 200; raise if the child exits, time runs out or a stop is requested."""
        deadline = time.monotonic() + self.timeout
        while not answers(url):
            if child.process.poll() is not None:
                raise RuntimeError(f"{child.name} exited with {child.process.returncode}:\n{child.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{child.name} did not answer {url} within {self.timeout:.0f} s:\n{child.log_tail()}"
                )
            if self.stop_requested.wait(0.2):
                raise Stopped

    def start(self) -> None:
        """Start every replica at once, wait for their health checks, then start nginx and wait for it."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "state.json").unlink(missing_ok=True)
        for port in self.replica_ports:
            command = [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.port",
                str(port),
                "--server.address",
                HOST,
                "--server.headless",
                "true",
            ]
            self.replicas.append(spawn(f"replica :{port}", command, self.run_dir / f"replica-{port}.log"))
        for replica, port in zip(self.replicas, self.replica_ports, strict=True):
            self.wait_until(replica, f"http://{HOST}:{port}/_stcore/health")
            print(f"{replica.name} ready (pid {replica.process.pid}, log {replica.log_path})", flush=True)

        config_path = self.run_dir / "nginx.conf"
        config = nginx_config(self.listen_port, self.replica_ports, self.run_dir, self.tls)
        config_path.write_text(config, encoding="utf-8")
        # -e stderr: nginx's start-up messages go to its log here too, not to /var/log/nginx.
        command = [self.nginx, "-p", str(self.run_dir), "-c", str(config_path), "-e", "stderr", "-g", "daemon off;"]
        self.proxy = spawn("nginx", command, self.run_dir / "nginx.log")
        url = f"{'https' if self.tls else 'http'}://{HOST}:{self.listen_port}"
        self.wait_until(self.proxy, f"{url}/_stcore/health")
        self.write_state(url, config_path)
        print(f"ready: {url} -> {len(self.replicas)} replicas (nginx config {config_path})", flush=True)

    def write_state(self, url: str, config_path: Path) -> None:
        """Write state.json atomically: what a test or an operator needs to find each process."""
        state = {
            "url": url,
            "config": str(config_path),
            "access_log": str(self.run_dir / "nginx-access.log"),
            "nginx": {"pid": self.proxy.process.pid, "log": str(self.proxy.log_path)},
            "replicas": [
                {"url": f"http://{HOST}:{port}", "port": port, "pid": child.process.pid, "log": str(child.log_path)}
                for child, port in zip(self.replicas, self.replica_ports, strict=True)
            ],
        }
        partial = self.run_dir / "state.json.partial"
        partial.write_text(json.dumps(state, indent=2), encoding="utf-8")
        partial.replace(self.run_dir / "state.json")

    def watch(self) -> int:
        """Until a stop signal: report replicas that die; return 1 if nginx or every replica is gone, else 0."""
        reported: set[int] = set()
        while not self.stop_requested.wait(0.5):
            if self.proxy.process.poll() is not None:
                print(f"nginx exited with {self.proxy.process.returncode}:\n{self.proxy.log_tail()}", file=sys.stderr)
                return 1
            for child in self.replicas:
                code = child.process.poll()
                if code is not None and child.process.pid not in reported:
                    reported.add(child.process.pid)
                    print(f"{child.name} exited with {code}; nginx sends its sessions to the others", file=sys.stderr)
            if len(reported) == len(self.replicas):
                print("every replica has exited", file=sys.stderr)
                return 1
        return 0

    def stop(self) -> None:
        """Stop nginx first (no new requests reach a stopping replica), then every replica; kill what lingers."""
        children = ([self.proxy] if self.proxy else []) + self.replicas
        for child in children:
            if child.process.poll() is None:
                child.process.terminate()
            if child is self.proxy:
                self._reap(child)
        for child in self.replicas:
            self._reap(child)
        self.run_dir.joinpath("state.json").unlink(missing_ok=True)

    @staticmethod
    def _reap(child: Child) -> None:
        """Wait for a terminated child; kill it if it has not exited within STOP_TIMEOUT_S."""
        try:
            child.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            print(f"{child.name} did not stop within {STOP_TIMEOUT_S:.0f} s; killing it", file=sys.stderr)
            child.process.kill()
            child.process.wait()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="number of Streamlit replicas (default 2)")
    parser.add_argument("--port", type=int, default=8500, help="nginx's port on 127.0.0.1 (default 8500)")
    parser.add_argument(
        "--replica-ports",
        help=f"comma-separated replica ports (default {FIRST_REPLICA_PORT}, {FIRST_REPLICA_PORT + 1}, …)",
    )
    parser.add_argument(
        "--run-dir", type=Path, default=DEFAULT_RUN_DIR, help="nginx config, pid, logs and temp dirs (deploy/run)"
    )
    parser.add_argument("--nginx", help="nginx binary (default: PATH, then /usr/sbin/nginx)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds each process has to answer (90)")
    parser.add_argument("--tls-cert", type=Path, help="PEM certificate chain: serve HTTPS with HTTP/2 (with --tls-key)")
    parser.add_argument("--tls-key", type=Path, help="PEM private key of --tls-cert")
    args = parser.parse_args(argv)
    args.tls = None
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together: give both for HTTPS, or neither for plain HTTP")
    if args.tls_cert is not None:
        for option, path in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
            if not path.is_file():
                parser.error(f"{option} {path}: no such file (a PEM file nginx can read)")
        args.tls = Tls(cert=args.tls_cert.resolve(), key=args.tls_key.resolve())
    if args.replica_ports:
        args.replica_ports = [int(port) for port in args.replica_ports.split(",")]
    else:
        args.replica_ports = list(range(FIRST_REPLICA_PORT, FIRST_REPLICA_PORT + args.replicas))
    if len(args.replica_ports) != args.replicas or args.replicas < 1:
        parser.error(f"--replicas {args.replicas} needs as many --replica-ports, got {args.replica_ports}")
    if args.port in args.replica_ports:
        parser.error(f"--port {args.port} is also a replica port")
    return args


def main(argv: list[str] | None = None) -> int:
    """Start, watch until a signal, stop; the exit status says whether the stop was asked for."""
    args = parse_args(argv)
    nginx = find_nginx(args.nginx)
    if nginx is None:
        print("nginx not found (apt-get install nginx, or pass --nginx PATH)", file=sys.stderr)
        return 1
    launcher = Launcher(args.port, args.replica_ports, args.run_dir.resolve(), nginx, args.timeout, args.tls)
    signal.signal(signal.SIGINT, launcher.request_stop)
    signal.signal(signal.SIGTERM, launcher.request_stop)
    try:
        launcher.start()
        status = launcher.watch()
    except Stopped:
        status = 0
    except RuntimeError as error:
        print(error, file=sys.stderr)
        status = 1
    finally:
        launcher.stop()
    print(f"stopped (exit {status})", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
