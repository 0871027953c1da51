"""Sync benchmark: Odoo's native import (``load``) against the bridge.

In one go against the same Odoo: ``load`` of N contacts (what the UI's CSV
import calls), then the bridge's first sync of the same N into a fresh
database, a re-sync where nothing changed, and one where 1% changed. The
contacts are real Olist customers (named and mailed by their customer id,
as the data set has no names), repeated when N exceeds them.

    python -m scripts.bench_sync [--n N] [--url URL --db DB ...]

Without --url it makes its own throwaway PostgreSQL cluster and Odoo with two
databases. Ends with one ``key: value`` line per figure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bridge import samples
from bridge.config import Config, OdooSection, SourceSection, StateSection, SyncSection
from bridge.odoo_client import Endpoint, RpcClient
from bridge.state import StateStore
from bridge.sync import Sync

HEADER = ["Record ID", "First Name", "Last Name", "Email", "City", "State/Region",
          "Country/Region"]  # fmt: skip
LOAD_FIELDS = ["id", "name", "email", "city", "state_id", "country_id"]
LOAD_CONTEXT = {"import_file": True, "name_create_enabled_fields": {}}
LOAD_CHUNK = 2000  # the import dialog's default batch size


def contact_rows(n: int) -> list[list[str]]:
    customers = samples.olist_customers()
    rows = []
    for i in range(n):
        c = customers[i % len(customers)]
        cycle = i // len(customers)
        uid = c["customer_unique_id"] + (f"-{cycle}" if cycle else "")
        rows.append([str(100000 + i), "Olist customer", uid[:12] + uid[32:],
                     f"{uid}@customers.olist.example", c["customer_city"],
                     c["customer_state"], "Brazil"])  # fmt: skip
    return rows


def bench_load(client: RpcClient, rows: list[list[str]]) -> float:
    data = [[f"__import__.bench_{r[0]}", f"{r[1]} {r[2]}", r[3], r[4], r[5], r[6]]
            for r in rows]  # fmt: skip
    started = time.monotonic()
    for start in range(0, len(data), LOAD_CHUNK):
        result = client.execute(
            "res.partner", "load", [LOAD_FIELDS, data[start : start + LOAD_CHUNK]],
            {"context": LOAD_CONTEXT},
        )  # fmt: skip
        if not result.get("ids"):
            sys.exit(f"load failed: {result.get('messages', [])[:3]}")
    return time.monotonic() - started


def bench_bridge(endpoint: Endpoint, rows, folder: Path, args):
    path = folder / "contacts.csv"
    config = Config(
        odoo=OdooSection(
            endpoint.url, endpoint.database, endpoint.login, secret=endpoint.secret
        ),
        source=SourceSection(
            name="bench", preset="hubspot", files={"contacts": str(path)}
        ),
        sync=SyncSection(
            batch_size=args.batch_size,
            workers=args.workers,
            create_method=args.create_method,
        ),
        state=StateSection(path=str(folder / "state.sqlite")),
        base_dir=folder,
    )
    client = RpcClient(endpoint)

    def sync(label: str) -> float:
        state = StateStore(folder / "state.sqlite")
        started = time.monotonic()
        result = Sync(config, client, state).run()
        elapsed = time.monotonic() - started
        state.close()
        print(f"# {label}: {elapsed:.2f} s {result.counts.get('contacts')}", flush=True)
        return elapsed

    samples.write_csv(path, HEADER, rows)
    first = sync("first sync")
    noop = sync("no-change re-sync")
    cities = sorted({r[4] for r in rows})
    changed = [list(r) for r in rows]
    for i in range(0, len(changed), 100):  # 1% of the rows move to another city
        changed[i][4] = cities[(cities.index(changed[i][4]) + 1) % len(cities)]
    samples.write_csv(path, HEADER, changed)
    one_percent = sync("1%-changed re-sync")
    return first, noop, one_percent


def report(
    n: int, load_s: float, first: float, noop: float, one_percent: float
) -> None:
    load_rate, first_rate = n / load_s, n / first
    print(f"# load: {load_s:.2f} s for {n} contacts")
    print(f"n: {n}")
    print(f"load_records_per_s: {load_rate:.1f}")
    print(f"first_sync_records_per_s: {first_rate:.1f}")
    print(f"speedup_vs_load: {first_rate / load_rate:.2f}")
    print(f"noop_resync_s: {noop:.2f}")
    print(f"one_percent_resync_s: {one_percent:.2f}")


def run_external(args, rows, folder: Path) -> None:
    """Against a running server: ``load`` into --load-db, the bridge into --db."""
    endpoint = Endpoint(args.url, args.db, args.login, args.password)
    load_endpoint = Endpoint(
        args.url, args.load_db or args.db, args.login, args.password
    )
    load_s = bench_load(RpcClient(load_endpoint), rows)
    report(len(rows), load_s, *bench_bridge(endpoint, rows, folder, args))


def run_own(args, rows, folder: Path) -> None:
    from scripts.harness.odoo import Odoo, find_odoo
    from scripts.harness.pg import Cluster, find_server_bin, free_port

    folder.chmod(0o711)  # PostgreSQL runs as the postgres user
    with Cluster(folder / "pg", free_port()) as cluster:
        odoo = Odoo(find_odoo(), cluster, folder / "data")
        print("# installing crm_relationship (about a minute)", flush=True)
        install = ["-i", "crm_relationship", "--without-demo=all", "--stop-after-init"]
        code, _out = odoo.run("bench_load", *install, log=folder / "install.log")
        if code:
            sys.exit(f"install failed, see {folder / 'install.log'}")
        subprocess.run(
            [*cluster._run_as, find_server_bin("createdb"), "-h", "127.0.0.1",
             "-p", str(cluster.port), "-U", "odoo", "-T", "bench_load", "bench_bridge"],
            check=True,
        )  # fmt: skip
        serve = {"workers": args.odoo_workers}
        print(f"# Odoo serves both databases with --workers={args.odoo_workers}")
        with odoo.serve("bench_load", log=folder / "serve-load.log", **serve) as url:
            load_s = bench_load(
                RpcClient(Endpoint(url, "bench_load", "admin", "admin")), rows
            )
        with odoo.serve(
            "bench_bridge", log=folder / "serve-bridge.log", **serve
        ) as url:
            endpoint = Endpoint(url, "bench_bridge", "admin", "admin")
            timings = bench_bridge(endpoint, rows, folder, args)
    report(len(rows), load_s, *timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench sync", description=__doc__.split("\n\n")[0],
        epilog="Figures: load_records_per_s, first_sync_records_per_s, "
        "speedup_vs_load, noop_resync_s, one_percent_resync_s.",
    )  # fmt: skip
    parser.add_argument("--n", type=int, default=20000, help="contacts (default 20000)")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="bridge sync.workers")
    parser.add_argument(
        "--odoo-workers", type=int, default=2,
        help="Odoo's --workers for both servers: 0 threaded, 2 (default) prefork "
        "as in production",
    )  # fmt: skip
    parser.add_argument("--create-method", choices=["load", "create"], default="create")
    parser.add_argument("--url", help="use this running Odoo instead of starting one")
    parser.add_argument("--db", help="database for the bridge (with --url)")
    parser.add_argument("--load-db", help="database for load (default: --db)")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args(argv)
    if args.url and not args.db:
        parser.error("--url needs --db")
    rows = contact_rows(args.n)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        (run_external if args.url else run_own)(args, rows, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
