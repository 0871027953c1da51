"""``make run``: the product on http://127.0.0.1:8069, data kept in .local/."""

from __future__ import annotations

import argparse
import hashlib
import subprocess

from . import family
from .odoo import REPO, Odoo, find_odoo
from .pg import ROLE, Cluster, find_server_bin
from .tiers import say

LOCAL = REPO / ".local"


def database_exists(cluster: Cluster, db: str) -> bool:
    proc = subprocess.run(
        [find_server_bin("psql"), "-h", "127.0.0.1", "-p", str(cluster.port),
         "-U", ROLE, "-d", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{db}'"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return proc.stdout.strip() == "1"


def addon_fingerprint() -> str:
    """Hash of the add-ons' files: a change means the database needs ``-u``."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "addons").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare_database(odoo: Odoo, cluster: Cluster, db: str) -> bool:
    """Create ``db`` with the add-on, or upgrade it when the add-on changed."""
    marker = LOCAL / f"{db}.addon-hash"
    fingerprint = addon_fingerprint()
    if not database_exists(cluster, db):
        say(f"Creating database {db!r} with {family.APP} and demo data...")
        args = ["-i", family.APP]  # its capabilities install with it
    elif not marker.exists() or marker.read_text() != fingerprint:
        say(f"The add-ons changed since the last run: upgrading {db!r}...")
        args = ["-u", family.APP]  # and every add-on that depends on it
    else:
        return True
    log = LOCAL / "install.log"
    code, _text = odoo.run(db, *args, "--stop-after-init", log=log)
    if code:
        say(f"Failed (exit code {code}): see {log}")
        return False
    marker.write_text(fingerprint)
    return True


def run(args: argparse.Namespace) -> int:
    LOCAL.mkdir(exist_ok=True)
    cluster = Cluster(LOCAL / "pgdata", args.pg_port, fast=False)
    odoo = Odoo(find_odoo(), cluster, LOCAL / "odoo-data")
    with cluster:
        if not prepare_database(odoo, cluster, args.db):
            return 1
        log = LOCAL / "odoo.log"
        # scheduled actions on, as in production: values, segments, SLA
        # escalation and age bands run on their schedule
        with odoo.serve(args.db, log=log, port=args.port, cron_threads=1) as url:
            say(f"Odoo is up: {url}  (login: admin, password: admin)")
            say(f"Log: {log}. Press Ctrl+C to stop.")
            try:
                subprocess.run(["tail", "-n", "0", "-f", str(log)], check=False)
            except KeyboardInterrupt:
                say("Stopping.")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="serve the product with demo data")
    parser.add_argument("--db", default="crm", help="database name (default: crm)")
    parser.add_argument("--port", type=int, default=8069, help="HTTP port")
    parser.add_argument(
        "--pg-port", type=int, default=54329, help="port of the local PostgreSQL"
    )
    parser.set_defaults(func=run)
