"""The test tiers, each returning its counts.

1. pure   - pytest on code that needs no Odoo (tests/unit)
2. alone  - each add-on installed on a fresh database where only it and the
             family add-ons it depends on exist, then uninstalled: clean logs
3. addon  - the whole family installed, then each add-on's own tests
             (TransactionCase, tours), counted per add-on
4. core   - Odoo's own tests of the modules we extend, with the family loaded
5. life   - upgrade (-u) clean; grievances uninstalled while value, segments
             and priority keep working; the application uninstalled clean
6. e2e    - the bridge against a live Odoo server over RPC (tests/e2e)
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from . import family
from .odoo import REPO, Odoo
from .pg import free_port
from .results import Counts, error_lines, from_junit, from_odoo_log

ADDON_TESTS = [REPO / "addons" / name / "tests" for name in family.names()]
# Odoo's suites that must stay green with the family installed: module ->
# files (None: every tests/test_*.py of the module). The add-ons extend the
# partner (base), sales teams, sales orders, deliveries and the customer
# portal. Email Marketing's suites are not run: the consent glue skips, by
# design, every contact without email consent that they expect to be mailed.
CORE_SUITES = {
    "base": ["test_res_partner.py", "test_res_partner_bank.py",
             "test_res_partner_merge.py"],
    "sales_team": None,
    "sale": ["test_sale_order.py", "test_sale_to_invoice.py"],
    "sale_stock": ["test_sale_order_dates.py"],
    "portal": ["test_portal.py"],
    "loyalty": None,
    "sale_loyalty": None,
}  # fmt: skip
# Excludes every standard test from Odoo's post-install phase, so that a
# --test-file run executes that file only (and still prints its report).
ONLY_THE_TEST_FILE = "-standard"
# Loggers through which Odoo reports test results (not install errors).
TEST_REPORTING = (
    *(f"{name}.tests" for name in family.names()),
    "odoo.tests.",
)
# What a clean install may not log at WARNING about our add-ons.
OURS = ("crm_relationship", "crm.relationship")
UNINSTALL = """
module = env["ir.module.module"].search([("name", "=", "{addon}")])
module.button_immediate_uninstall()
module.invalidate_recordset()
print("STATE", module.state)
"""
# Run after the grievance add-on is uninstalled from the family database.
STILL_WORKING = """
states = dict(env["ir.module.module"].search([("name", "like", "crm_relationship%")])
              .mapped(lambda m: (m.name, m.state)))
print("GRIEVANCE", states["crm_relationship_grievance"],
      "VALUE", states["crm_relationship_value"])
print("GRIEVANCE_MODEL", "crm.relationship.grievance" in env)
companies = env["res.company"].search([])
env["crm.relationship.partner.metrics"]._recompute(companies, full=True)
print("METRICS", env["crm.relationship.partner.metrics"].search_count([]))
segment = env["crm.relationship.segment"].create(
    {"name": "Harness check", "domain": "[('customer_rank', '>', 0)]"})
segment.action_refresh()
print("SEGMENT_MEMBERS", len(segment.partner_ids))
env["res.partner"]._relationship_apply_priority_rules()
arch = env["res.partner"].get_views([(False, "form")])["views"]["form"]["arch"]
print("FORM_OK", "relationship_rfm_segment_id" in arch, "grievance_count" in arch)
env.cr.rollback()
"""


def say(message: str) -> None:
    print(message, flush=True)


def pytest_tier(name: str, path: str, workdir: Path, env: dict | None = None) -> Counts:
    report = workdir / f"{name}.xml"
    cmd = [sys.executable, "-m", "pytest", path, "-q", f"--junitxml={report}"]
    proc = subprocess.run(cmd, cwd=REPO, env={**os.environ, **(env or {})}, check=False)
    if not report.exists():
        say(f"[{name}] pytest ended with code {proc.returncode} and no report")
        return Counts(failed=1)
    return from_junit(report)


def count_test_methods(directories: list[Path]) -> int:
    """Test methods defined in directories, read without importing them."""
    total = 0
    for path in (p for d in directories for p in d.glob("test_*.py")):
        tree = ast.parse(path.read_text())
        total += sum(
            isinstance(node, ast.FunctionDef) and node.name.startswith("test")
            for node in ast.walk(tree)
        )
    return total


def warnings_about_us(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if " WARNING " in line and any(part in line for part in OURS)
    ]


@dataclass
class OdooTiers:
    odoo: Odoo
    db: str
    workdir: Path

    def _log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def _http_port(self) -> str:
        return f"--http-port={free_port()}"

    def alone(self) -> Counts:
        """Each add-on on its own database, where no other add-on of the
        family exists (so none auto-installs): install, then uninstall."""
        total = Counts()
        for name in family.names():
            path = self.workdir / "alone" / name
            path.mkdir(parents=True)
            for dep in family.closure(name):
                (path / dep).symlink_to(family.ADDONS / dep)
            odoo = replace(self.odoo, addons_path=path)
            db = f"alone_{name}"
            code, text = odoo.run(
                db, "-i", name, "--stop-after-init", log=self._log(f"alone-{name}")
            )
            counts = self._check(
                f"{name} alone: install", code, text, extra=warnings_about_us(text)
            )
            code, text = odoo.shell(
                db, UNINSTALL.format(addon=name), log=self._log(f"alone-{name}-un")
            )
            if "STATE uninstalled" not in text:
                say(f"[check] {name} alone: uninstall did not uninstall it")
                counts += Counts(failed=1)
            else:
                counts += self._check(f"{name} alone: uninstall", code, text)
            total += counts
        return total

    def install(self) -> Counts:
        """Install the whole family (with demo data), without tests."""
        code, text = self.odoo.run(
            self.db, "-i", ",".join(family.names()), "--stop-after-init",
            log=self._log("install"),
        )  # fmt: skip
        name = f"install of the {len(family.names())} add-ons"
        return self._check(name, code, text, extra=warnings_about_us(text))

    def addon(self) -> Counts:
        """Each add-on's own tests on the family database, counted per add-on."""
        total = Counts()
        for name in family.names():
            _code, text = self.odoo.run(
                self.db, "--test-enable", f"--test-tags=/{name}",
                "--stop-after-init", self._http_port(), log=self._log(f"addon-{name}"),
            )  # fmt: skip
            counts = from_odoo_log(text)
            if counts is None:
                say(f"[addon] {name}: Odoo stopped before reporting tests")
                counts = Counts(failed=1)
            say(f"[addon] {name}: {counts}")
            total += counts
        return total

    def core(self) -> Counts:
        """Odoo's own suites, each file run with the full registry loaded."""
        total = Counts()
        for path in self._core_files():
            name = f"core-{path.parent.parent.name}-{path.stem}"
            _code, text = self.odoo.run(
                self.db, f"--test-file={path}", f"--test-tags={ONLY_THE_TEST_FILE}",
                "--stop-after-init", self._http_port(), log=self._log(name),
            )  # fmt: skip
            counts = from_odoo_log(text) or Counts(failed=1)
            say(f"[core] {path.parent.parent.name}/tests/{path.name}: {counts}")
            total += counts
        return total

    def _core_files(self) -> list[Path]:
        lines = [f"print('MODULE', {m!r}, module_path({m!r}))" for m in CORE_SUITES]
        code = "from odoo.modules import get_module_path as module_path\n"
        code += "\n".join(lines)
        _rc, text = self.odoo.shell(self.db, code, log=self._log("core-paths"))
        paths = {}
        for line in text.splitlines():
            if line.startswith("MODULE "):
                _tag, module, path = line.split(" ", 2)
                paths[module] = Path(path) / "tests"
        missing = set(CORE_SUITES) - set(paths)
        if missing:
            raise RuntimeError(f"Odoo did not locate modules: {sorted(missing)}")
        files = []
        for module, names in CORE_SUITES.items():
            found = sorted(paths[module].glob("test_*.py"))
            files += [f for f in found if names is None or f.name in names]
        return files

    def lifecycle(self) -> Counts:
        """Upgrade every add-on of the family: a check that logs no error."""
        code, text = self.odoo.run(
            self.db, "-u", ",".join(family.names()), "--stop-after-init",
            log=self._log("upgrade"),
        )  # fmt: skip
        return self._check("upgrade", code, text)

    def uninstall(self) -> Counts:
        """Grievances go and the rest keeps working; then the application."""
        grievance = "crm_relationship_grievance"
        counts = self._uninstall(grievance)
        code, text = self.odoo.shell(
            self.db, STILL_WORKING, log=self._log("without-grievances")
        )
        expected = (
            "GRIEVANCE uninstalled VALUE installed",
            "GRIEVANCE_MODEL False",
            "FORM_OK True False",
        )
        metrics = [ln for ln in text.splitlines() if ln.startswith("METRICS ")]
        members = [ln for ln in text.splitlines() if ln.startswith("SEGMENT_MEMB")]
        working = (
            all(line in text for line in expected)
            and metrics and int(metrics[0].split()[1]) > 0
            and members and int(members[0].split()[1]) > 0
        )  # fmt: skip
        if not working:
            log = self._log("without-grievances")
            say(f"[check] without grievances: not working, see {log}")
            counts += Counts(failed=1)
        else:
            say(f"[check] without grievances: {metrics[0]}, {members[0]}")
            counts += self._check("without grievances", code, text)
        return counts + self._uninstall(family.APP)

    def _uninstall(self, addon: str) -> Counts:
        code, text = self.odoo.shell(
            self.db, UNINSTALL.format(addon=addon), log=self._log(f"uninstall-{addon}")
        )
        if "STATE uninstalled" not in text:
            say(f"[life] uninstall {addon}: the module is not uninstalled")
            return Counts(failed=1)
        return self._check(f"uninstall {addon}", code, text)

    def _check(
        self, name: str, code: int, text: str, extra: list[str] | None = None
    ) -> Counts:
        errors = error_lines(text) + (extra or [])
        if code or errors:
            say(f"[check] {name}: exit code {code}, {len(errors)} error line(s)")
            for line in errors[:20]:
                say(f"    {line}")
            return Counts(failed=1)
        say(f"[check] {name}: clean")
        return Counts(passed=1)

    def e2e(self) -> Counts:
        with self.odoo.serve(self.db, log=self._log("server")) as url:
            say(f"[e2e] Odoo serving {self.db} on {url}")
            env = {
                "CRM_TEST_ODOO_URL": url,
                "CRM_TEST_ODOO_DB": self.db,
                "CRM_TEST_ODOO_LOGIN": "admin",
                "CRM_TEST_ODOO_PASSWORD": "admin",
            }
            return pytest_tier("e2e", "tests/e2e", self.workdir, env)
