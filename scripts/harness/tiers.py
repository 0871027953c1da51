"""The test tiers, each returning its counts.

1. pure   - pytest on code that needs no Odoo (tests/unit)
2. addon  - crm_relationship and its glue add-ons installed with their own tests
             (TransactionCase, tours)
3. core   - Odoo's own tests of the modules we extend, with our add-on loaded
4. life   - upgrade (-u) and uninstall leave no error in the log
5. e2e    - the bridge against a live Odoo server over RPC (tests/e2e)
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .odoo import REPO, Odoo
from .pg import free_port
from .results import Counts, error_lines, from_junit, from_odoo_log

ADDON = "crm_relationship"
# Glue add-ons (auto_install) between ours and other Odoo apps: installed and
# tested with it, upgraded and uninstalled with it as its dependents.
GLUE_ADDONS = ("crm_relationship_sale_stock", "crm_relationship_mass_mailing")
TESTED_ADDONS = (ADDON, *GLUE_ADDONS)
ADDON_TESTS = [REPO / "addons" / name / "tests" for name in TESTED_ADDONS]
# Odoo's suites that must stay green with our add-on installed: module -> files
CORE_SUITES = {
    "base": ["test_res_partner.py", "test_res_partner_bank.py",
             "test_res_partner_merge.py"],
    "loyalty": None,  # None: every tests/test_*.py of the module
    "sale_loyalty": None,
    "sales_team": None,
}  # fmt: skip
# Excludes every standard test from Odoo's post-install phase, so that a
# --test-file run executes that file only (and still prints its report).
ONLY_THE_TEST_FILE = "-standard"
# Loggers through which Odoo reports test results (not install errors).
TEST_REPORTING = (
    *(f"{name}.tests" for name in TESTED_ADDONS),
    "odoo.tests.",
    *(f"Module {name}: " for name in TESTED_ADDONS),
)
UNINSTALL = """
module = env["ir.module.module"].search([("name", "=", "{addon}")])
module.button_immediate_uninstall()
module.invalidate_recordset()
print("STATE", module.state)
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


@dataclass
class OdooTiers:
    odoo: Odoo
    db: str
    workdir: Path

    def _log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def _http_port(self) -> str:
        return f"--http-port={free_port()}"

    def addon(self) -> Counts:
        """Install the add-ons (with demo data) and run their own tests."""
        names = ",".join(TESTED_ADDONS)
        say(f"[addon] installing {names} with tests (log: {self._log('addon')})")
        tags = ",".join(f"/{name}" for name in TESTED_ADDONS)
        code, text = self.odoo.run(
            self.db, "-i", names, "--test-enable", f"--test-tags={tags}",
            "--stop-after-init", self._http_port(), log=self._log("addon"),
        )  # fmt: skip
        counts = from_odoo_log(text)
        if counts is None:
            say(f"[addon] Odoo stopped with code {code} before reporting tests")
            return Counts(failed=1)
        # Beside its tests' results, the install itself must log no error.
        install_errors = "\n".join(error_lines(text, ignore=TEST_REPORTING))
        return counts + self._check("install", 0, install_errors)

    def install(self) -> None:
        """Install the add-ons without tests, for runs that skip the addon tier."""
        code, text = self.odoo.run(
            self.db, "-i", ",".join(TESTED_ADDONS), "--stop-after-init",
            log=self._log("install"),
        )  # fmt: skip
        if code or error_lines(text):
            raise RuntimeError(f"installing {ADDON} failed: {self._log('install')}")

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
        """Upgrade, then (after e2e) uninstall: each a check that logs no error."""
        code, text = self.odoo.run(
            self.db, "-u", ADDON, "--stop-after-init", log=self._log("upgrade")
        )
        return self._check("upgrade", code, text)

    def uninstall(self) -> Counts:
        code, text = self.odoo.shell(
            self.db, UNINSTALL.format(addon=ADDON), log=self._log("uninstall")
        )
        if "STATE uninstalled" not in text:
            say("[life] uninstall: the module is not uninstalled")
            return Counts(failed=1)
        return self._check("uninstall", code, text)

    def _check(self, name: str, code: int, text: str) -> Counts:
        errors = error_lines(text)
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
