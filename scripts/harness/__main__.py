"""``python -m scripts.harness test`` runs every tier; ``run`` serves the product."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import family
from .odoo import Odoo, OdooNotFound, ask_odoo_python, find_odoo
from .pg import Cluster, PostgresError, free_port
from .results import Counts
from .run_local import add_parser as add_run_parser
from .tiers import (
    ADDON_TESTS,
    CORE_SUITES,
    OdooTiers,
    count_test_methods,
    pytest_tier,
    say,
)

TIERS = ("pure", "alone", "addon", "core", "life", "e2e")
TEST_DB = "crm_test"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def odoo_missing(reason: str, tiers: set[str]) -> Counts:
    """Counts for the Odoo tiers when no Odoo is there: skipped, or failed in CI."""
    skipped = {
        "alone": 2 * len(family.names()),  # install and uninstall of each
        "addon": count_test_methods(ADDON_TESTS),
        "core": len(CORE_SUITES),
        "life": 4,
    }
    total = Counts()
    for tier, number in skipped.items():
        if tier in tiers:
            unit = "suites" if tier == "core" else "tests"
            say(f"[{tier}] {number} {unit} skipped: {reason}")
            total += Counts(skipped=number)
    if in_ci():
        say(f"FAILED: CI must run the Odoo tiers, but {reason}")
        total += Counts(failed=1)
    return total


def check_test_requirements(executable: str) -> Counts:
    """The add-on's tests import test-requirements.txt from Odoo's Python."""
    python, missing = ask_odoo_python(executable)
    if not missing:
        return Counts()
    say(
        f"FAILED: Odoo's Python lacks {', '.join(missing)} for the add-on's "
        f"tests; install them with `{python} -m pip install -r test-requirements.txt`"
    )
    return Counts(failed=1)


def run_odoo_tiers(executable: str, tiers: set[str], workdir: Path) -> Counts:
    total = check_test_requirements(executable) if "addon" in tiers else Counts()
    with Cluster(workdir / "pg", free_port()) as cluster:
        say(f"PostgreSQL on 127.0.0.1:{cluster.port}, Odoo: {executable}")
        odoo = Odoo(executable, cluster, workdir / "odoo-data")
        run = OdooTiers(odoo, TEST_DB, workdir)
        steps = [
            ("alone", run.alone), ("addon", run.addon), ("core", run.core),
            ("life", run.lifecycle), ("e2e", run.e2e), ("life", run.uninstall),
        ]  # fmt: skip
        if tiers - {"alone"}:  # the family database the other tiers share
            installed = run.install()
            total += installed
            if installed.failed:
                steps = steps[:1]
        for tier, step in steps:
            if tier in tiers:
                counts = step()
                say(f"[{tier}] {counts}")
                total += counts
    return total


def test(args: argparse.Namespace) -> int:
    tiers = set(args.tiers.split(","))
    unknown = tiers - set(TIERS)
    if unknown:
        say(f"unknown tier(s): {', '.join(sorted(unknown))}; choose from {TIERS}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="crm-test-"))
    workdir.chmod(0o755)  # the PostgreSQL server may run as another user
    total = Counts()
    if "pure" in tiers:
        counts = pytest_tier("pure", "tests/unit", workdir)
        say(f"[pure] {counts}")
        total += counts
    odoo_tiers = tiers - {"pure"}
    try:
        executable = find_odoo()
    except OdooNotFound as exc:
        total += odoo_missing(str(exc), odoo_tiers)
        if "e2e" in tiers:  # its tests skip themselves without a server
            total += pytest_tier("e2e", "tests/e2e", workdir)
    else:
        if odoo_tiers:
            try:
                total += run_odoo_tiers(executable, odoo_tiers, workdir)
            except (PostgresError, RuntimeError) as exc:
                say(f"FAILED: {exc}")
                total += Counts(failed=1)
    if total.failed or args.keep:
        say(f"logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    say(str(total))
    return 1 if total.failed else 0


def print_odoo_python(_args: argparse.Namespace) -> int:
    try:
        python, _missing = ask_odoo_python(find_odoo())
    except (OdooNotFound, RuntimeError) as exc:
        say(str(exc))
        return 2
    print(python)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.harness")
    sub = parser.add_subparsers(dest="command", required=True)
    test_parser = sub.add_parser("test", help="run the test tiers")
    test_parser.add_argument(
        "--tiers", default=",".join(TIERS), help=f"comma-separated subset of {TIERS}"
    )
    test_parser.add_argument("--keep", action="store_true", help="keep logs")
    test_parser.set_defaults(func=test)
    python_parser = sub.add_parser(
        "odoo-python", help="print the Python interpreter Odoo runs on"
    )
    python_parser.set_defaults(func=print_odoo_python)
    add_run_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
