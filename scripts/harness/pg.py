"""A private PostgreSQL cluster on 127.0.0.1, owned by this process.

PostgreSQL refuses to run as root, so when we are root the server runs as the
``postgres`` system user. The cluster's superuser role is ``odoo`` because Odoo
itself refuses to connect as ``postgres``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROLE = "odoo"
SERVER_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


class PostgresError(RuntimeError):
    """The cluster could not be created or started."""


def find_server_bin(name: str) -> str:
    """Path of a PostgreSQL server program (``initdb``, ``pg_ctl``)."""
    env_dir = os.environ.get("PG_BIN_DIR")
    candidates = [Path(env_dir)] if env_dir else []
    candidates += SERVER_BIN_DIRS
    for directory in candidates:
        path = directory / name
        if path.is_file():
            return str(path)
    found = shutil.which(name)
    if found:
        return found
    raise PostgresError(
        f"PostgreSQL server program {name!r} not found: install the PostgreSQL "
        "server (e.g. Debian's postgresql-15) or set PG_BIN_DIR."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    """A cluster in ``datadir``; created on first start, kept unless removed."""

    datadir: Path
    port: int
    fast: bool = True  # fsync off: for throwaway test clusters only

    @property
    def _run_as(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        return ["runuser", "-u", "postgres", "--"]

    def _chown(self, path: Path) -> None:
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _run(self, *cmd: str) -> None:
        proc = subprocess.run(
            [*self._run_as, *cmd], capture_output=True, text=True, check=False
        )
        if proc.returncode:
            raise PostgresError(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")

    @property
    def initialised(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def _check_reachable(self) -> None:
        """The server's user must be able to walk down to the data directory."""
        if os.geteuid() != 0:
            return
        for folder in self.datadir.resolve().parents:
            if not folder.stat().st_mode & 0o001:
                raise PostgresError(
                    f"{folder} is closed to other users, so the postgres user "
                    f"cannot reach {self.datadir}: chmod o+x {folder}"
                )

    def init(self) -> None:
        self._check_reachable()
        self.datadir.mkdir(parents=True, exist_ok=True)
        self.datadir.chmod(0o700)
        self._chown(self.datadir)
        self._run(
            find_server_bin("initdb"),
            "-D", str(self.datadir),
            "-U", ROLE,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> None:
        if not self.initialised:
            self.init()
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {self.port}",
            f"-c unix_socket_directories={self.datadir}",
        ]
        if self.fast:
            options += ["-c fsync=off", "-c synchronous_commit=off",
                        "-c full_page_writes=off"]  # fmt: skip
        self._run(
            find_server_bin("pg_ctl"),
            "-D", str(self.datadir),
            "-l", str(self.datadir / "server.log"),
            "-o", " ".join(options),
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._run(
                find_server_bin("pg_ctl"), "-D", str(self.datadir),
                "-m", "fast", "-w", "stop",
            )  # fmt: skip

    def odoo_args(self) -> list[str]:
        """Odoo command-line options that point at this cluster."""
        return [
            "--db_host=127.0.0.1",
            f"--db_port={self.port}",
            f"--db_user={ROLE}",
            "--db_password=",
        ]

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
