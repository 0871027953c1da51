"""crm-bridge: keep an external CRM and Odoo in step.

Exit codes: 0 ok; 1 finished but rows were rejected or in conflict; 2 usage
or config error; 3 cannot connect, log in, or the add-on/rights are missing;
4 another run holds the lock; 5 the run stopped on an error (run the same
command again to resume); 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bridge import __version__, report
from bridge.config import TEMPLATE, Config, load
from bridge.errors import (
    EXIT_CONNECTION,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    BridgeError,
    ConfigError,
    FatalError,
)
from bridge.odoo_client import model_exists, module_installed
from bridge.sources.presets import PRESETS, Layout, load_mapping
from bridge.state import StateStore
from bridge.sync import ACTIONS, Progress, RunResult, Sync
from bridge.targets.base import read_customer_view
from bridge.targets.files import FileTarget
from bridge.targets.sql import SqlTarget

log = logging.getLogger("bridge")
ADDON = "crm_relationship"
ADDON_MODEL = "crm.relationship.consent"
GRIEVANCE_MODEL = "crm.relationship.grievance"


class TtyProgress(Progress):
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self):
        self.label, self.total, self.done = "", 0, 0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0

    def advance(self, n: int) -> None:
        self.done += n
        width = 30
        filled = width * self.done // max(self.total, 1)
        sys.stderr.write(f"\r{self.label:>10} [{'#' * filled:<{width}}] "
                         f"{self.done}/{self.total}")  # fmt: skip
        sys.stderr.flush()

    def finish(self) -> None:
        if self.done:
            sys.stderr.write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = (
        logging.DEBUG
        if args.verbose
        else logging.WARNING
        if args.quiet
        else logging.INFO
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return EXIT_OK
    except BridgeError as exc:
        log.error("%s", exc)
        return exc.exit_code
    except KeyboardInterrupt:
        log.error("interrupted; run the same command again to resume")
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-bridge",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("-c", "--config", type=Path, default=Path("crm-bridge.toml"),
                        help="config file (default: ./crm-bridge.toml)")  # fmt: skip
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("-v", "--verbose", action="store_true", help="debug logs")
    noise.add_argument("-q", "--quiet", action="store_true", help="warnings only")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cmd = sub.add_parser("init", help="write a commented config file")
    cmd.add_argument("--force", action="store_true", help="overwrite an existing file")
    cmd.set_defaults(func=cmd_init)
    cmd = sub.add_parser("check", help="connection, version, add-on, the user's rights")
    cmd.set_defaults(func=cmd_check)
    cmd = sub.add_parser("plan", help="what a sync would do; changes nothing")
    cmd.set_defaults(func=cmd_plan)
    cmd = sub.add_parser("sync", help="apply the source to Odoo")
    cmd.add_argument("--dry-run", action="store_true", help="same as plan")
    cmd.set_defaults(func=cmd_sync)
    cmd = sub.add_parser(
        "export",
        help="Odoo's view of the synced customers to a file or a SQL table",
        description="Odoo's view of each synced customer (segments, priority, "
        "value, tier, grievances) to CSV/XLSX or upserted into a SQL table.",
    )
    cmd.add_argument(
        "-o", "--output", type=Path,
        help="a .csv or .xlsx file (default: CSV on stdout)",
    )  # fmt: skip
    cmd.add_argument(
        "--layout", choices=("odoo", "source"), default="odoo",
        help="odoo: one file, Odoo's field names; source: one file per entity "
        "in the source CRM's layout, keyed by its ids, ready to re-import",
    )  # fmt: skip
    cmd.add_argument("--sql", metavar="URL", help="SQLAlchemy URL of the target")
    cmd.add_argument("--table", default="crm_bridge_customers",
                     help="target table of --sql (default: %(default)s)")  # fmt: skip
    cmd.add_argument("--dry-run", action="store_true",
                     help="count what --sql would write; write nothing")  # fmt: skip
    cmd.set_defaults(func=cmd_export)
    cmd = sub.add_parser("report", help="write the HTML report of a run")
    cmd.add_argument("--run", type=int, help="run id (default: the latest)")
    cmd.set_defaults(func=cmd_report)
    cmd = sub.add_parser("status", help="recent runs")
    cmd.add_argument("-n", "--limit", type=int, default=10)
    cmd.add_argument(
        "--unlock", action="store_true", help="remove a lock left by a dead run"
    )
    cmd.set_defaults(func=cmd_status)
    return parser


def _config(args, check_secret: bool = True) -> Config:
    """Secrets stay out of logs by construction: they are never formatted
    into a message, and the RPC client logs its calls without arguments."""
    return load(args.config, check_secret=check_secret)


def _state(config: Config) -> StateStore:
    return StateStore(config.state.location(config))


def cmd_init(args) -> int:
    if args.config.exists() and not args.force:
        log.error("%s exists; use --force to overwrite it", args.config)
        return EXIT_USAGE
    args.config.write_text(TEMPLATE, encoding="utf-8")
    print(f"wrote {args.config}; set CRM_BRIDGE_ODOO_SECRET, then run crm-bridge check")
    return EXIT_OK


def cmd_check(args) -> int:
    config = _config(args)
    client = config.odoo.client()
    print(f"connected: {config.odoo.url} database {config.odoo.database} "
          f"as {config.odoo.login} (uid {client.uid})")  # fmt: skip
    print(f"server version: {client.server_version}")
    problems = []
    if not client.server_version.startswith(("17.", "18.")):
        problems.append(f"Odoo {client.server_version} is not supported (17 or 18)")
    try:
        installed = module_installed(client, ADDON)
    except FatalError:  # no Settings rights: look for one of its models instead
        installed = model_exists(client, ADDON_MODEL)
    print(f"add-on {ADDON}: {'installed' if installed else 'MISSING'}")
    if not installed:
        problems.append(f"install the {ADDON} add-on")
    grievances = model_exists(client, GRIEVANCE_MODEL)
    print(f"grievance model: {'present' if grievances else 'absent (tickets skipped)'}")
    needed = [("res.partner", ("read", "create", "write")),
              ("res.partner.category", ("read", "create")),
              ("mail.message", ("create",))]  # fmt: skip
    if grievances:
        needed.append((GRIEVANCE_MODEL, ("read", "create", "write")))
    for model, operations in needed:
        for op in operations:
            allowed = client.execute(model, "has_access", [[], op])
            print(f"{model} {op}: {'yes' if allowed else 'NO'}")
            if not allowed:
                problems.append(f"the user cannot {op} {model} (see bridge/README.md)")
    links = client.execute("ir.model.data", "has_access", [[], "create"])
    print("external ids for partners matched by email/phone/VAT: "
          + ("kept in Odoo" if links else "kept in the state store only"))  # fmt: skip
    for problem in problems:
        log.error("%s", problem)
    return EXIT_CONNECTION if problems else EXIT_OK


def _run(args, dry_run: bool) -> int:
    config = _config(args)
    client = config.odoo.client()
    state = _state(config)
    progress = TtyProgress() if sys.stderr.isatty() and not args.quiet else None
    try:
        result = Sync(config, client, state, dry_run=dry_run, progress=progress).run()
    except BridgeError:
        raise
    except Exception as exc:
        log.error("run stopped: %s; run the same command again to resume", exc)
        return EXIT_FAILED
    finally:
        state.close()
    _print_result(result, args.quiet)
    return EXIT_REJECTED if result.status in ("rejects", "conflicts") else EXIT_OK


def _print_result(result: RunResult, quiet: bool) -> None:
    for note in result.notes:
        log.info("%s", note)
    if quiet:
        return
    title = "plan (nothing written)" if result.dry_run else "sync"
    print(f"{title}: run {result.run_id}, status {result.status}")
    print(f"{'entity':<10}" + "".join(f"{a:>10}" for a in ACTIONS))
    for entity, counts in result.counts.items():
        print(f"{entity:<10}" + "".join(f"{counts[a]:>10}" for a in ACTIONS))
    for reject in result.rejects[:20]:
        where = f"{reject.entity} {reject.pk!r} (line {reject.line})"
        print(f"rejected {where}: {reject.reason}")
    if len(result.rejects) > 20:
        print(f"... and {len(result.rejects) - 20} more rejects in the report")
    print(f"report: {result.report}")


def cmd_plan(args) -> int:
    return _run(args, dry_run=True)


def cmd_sync(args) -> int:
    return _run(args, dry_run=args.dry_run)


def cmd_export(args) -> int:
    config = _config(args)
    if args.sql:
        target = SqlTarget(args.sql, args.table, dry_run=args.dry_run)
    elif args.output:
        layout = _source_layout(config) if args.layout == "source" else None
        target = FileTarget(args.output, layout)
    elif args.layout == "source":
        raise ConfigError("--layout source writes one file per entity: give -o")
    else:
        target = FileTarget(None)
    client = config.odoo.client()
    state = _state(config)
    try:
        known = {
            entity: {
                pk: k.odoo_id
                for pk, k in state.known(config.source.name, entity).items()
            }
            for entity in ("companies", "contacts")
        }
    finally:
        state.close()
    counts = target.write(read_customer_view(client, config.source.name, known))
    if args.sql or args.output:
        done = "would write" if args.dry_run else "export"
        print(f"{done}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    return EXIT_OK


def _source_layout(config: Config) -> Layout:
    src = config.source
    if src.kind == "odoo":
        raise ConfigError("--layout source: an Odoo source has no CRM column layout")
    if src.preset == "mapping":
        return load_mapping(config.resolve(src.mapping_file))
    return PRESETS[src.preset]


def cmd_report(args) -> int:
    config = _config(args, check_secret=False)
    state = _state(config)
    try:
        run = state.run(args.run)
        if run is None:
            log.error("no run %s in %s", args.run or "yet", config.state.path)
            return EXIT_USAGE
        rejects, conflicts = state.rejects(run["id"]), state.conflicts(run["id"])
        folder = config.resolve(config.report.directory)
        path = report.write(folder, run, rejects, conflicts)
    finally:
        state.close()
    print(path)
    return EXIT_OK


def cmd_status(args) -> int:
    config = _config(args, check_secret=False)
    state = _state(config)
    try:
        if args.unlock:
            removed = state.force_unlock(config.source.name)
            print("lock removed" if removed else "no lock held")
        state.close_dead_runs()
        print(f"{'run':>5} {'command':<7} {'status':<11} {'started (UTC)':<19} counts")
        for run in state.runs(args.limit):
            print(f"{run['id']:>5} {run['command']:<7} {run['status']:<11} "
                  f"{run['started_at']:<19} {run['counts'] or ''}")  # fmt: skip
    finally:
        state.close()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
