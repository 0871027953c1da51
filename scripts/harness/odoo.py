"""Find Odoo the way a user's machine would, and drive its command line."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .pg import Cluster, free_port

ODOO_BIN_ENV = "ODOO_BIN"
COMMAND_NAMES = ("odoo", "odoo-bin")
REPO = Path(__file__).resolve().parents[2]
ADDONS = REPO / "addons"
TEST_REQUIREMENTS = REPO / "test-requirements.txt"


class OdooNotFound(RuntimeError):
    """No Odoo executable on PATH nor named by ``ODOO_BIN``."""


def find_odoo() -> str:
    """Path of the Odoo executable: ``$ODOO_BIN``, else ``odoo`` on PATH."""
    named = os.environ.get(ODOO_BIN_ENV)
    if named:
        found = shutil.which(named)
        if not found:
            raise OdooNotFound(f"{ODOO_BIN_ENV}={named!r} is not an executable")
        return found
    for name in COMMAND_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OdooNotFound(
        "no `odoo` executable on PATH and no "
        f"{ODOO_BIN_ENV} environment variable naming one"
    )


def read_test_requirements() -> list[str]:
    """Import names of what the add-on's tests need in Odoo's Python."""
    lines = TEST_REQUIREMENTS.read_text().splitlines()
    names = (line.split("#")[0].strip() for line in lines)
    return [re.split(r"[<>=!~ ;\[]", n)[0].replace("-", "_") for n in names if n]


def ask_odoo_python(executable: str) -> tuple[str, list[str]]:
    """Odoo's own interpreter, and the test requirements it cannot import."""
    code = (
        "import sys, importlib.util\n"
        "print('PYTHON=' + sys.executable)\n"
        f"names = {read_test_requirements()!r}\n"
        "print('MISSING=' + ','.join(n for n in names"
        " if not importlib.util.find_spec(n)))\n"
    )
    proc = subprocess.run(
        [executable, "shell", "--no-http", "--log-level=critical"],
        input=code, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    found = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    if "PYTHON" not in found:
        raise RuntimeError(f"`{executable} shell` did not run: {proc.stderr[-500:]}")
    return found["PYTHON"], [n for n in found.get("MISSING", "").split(",") if n]


@dataclass
class Odoo:
    """One Odoo installation, pointed at one PostgreSQL cluster."""

    executable: str
    cluster: Cluster
    data_dir: Path
    extra_args: list[str] = field(default_factory=list)
    addons_path: Path = ADDONS

    def _base(self, db: str, command: str | None = None) -> list[str]:
        return [
            self.executable,
            *([command] if command else []),
            *self.cluster.odoo_args(),
            f"--addons-path={self.addons_path}",
            f"--data-dir={self.data_dir}",
            f"--database={db}",
            f"--db-filter=^{db}$",
            *self.extra_args,
        ]

    def run(
        self, db: str, *args: str, log: Path, stdin: str | None = None,
        command: str | None = None, timeout: float = 3600,
    ) -> tuple[int, str]:  # fmt: skip
        """Run Odoo to completion; its whole output goes to ``log``."""
        cmd = [*self._base(db, command), *args]
        with log.open("w") as out:
            out.write("$ " + " ".join(cmd) + "\n")
            out.flush()
            proc = subprocess.run(
                cmd, input=stdin, stdout=out, stderr=subprocess.STDOUT,
                text=True, timeout=timeout, check=False,
            )  # fmt: skip
        return proc.returncode, log.read_text(errors="replace")

    def shell(self, db: str, code: str, *, log: Path) -> tuple[int, str]:
        """Run Python ``code`` in ``odoo shell`` (``env`` is bound)."""
        return self.run(db, "--no-http", log=log, stdin=code, command="shell")

    @contextmanager
    def serve(
        self, db: str, *, log: Path, port: int | None = None, workers: int = 0,
        cron_threads: int = 0,
    ) -> Iterator[str]:  # fmt: skip
        """Serve ``db`` on 127.0.0.1 while the block runs; yield its URL.
        ``workers``: 0 is Odoo's threaded server, more its prefork one.
        ``cron_threads``: 0 (tests, benchmarks) runs no scheduled action;
        ``make run`` serves as production does, with one."""
        port = port or free_port()
        cmd = [
            *self._base(db),
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={free_port()}",
            f"--workers={workers}",
            f"--max-cron-threads={cron_threads}",
        ]
        url = f"http://127.0.0.1:{port}"
        with log.open("w") as out:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
            try:
                wait_until_up(url, proc)
                yield url
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Odoo exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Odoo did not answer on {url} within {timeout:.0f} s")
