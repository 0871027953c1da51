"""Test counts, and how to read them out of pytest and Odoo."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# Odoo prints this once, last, when it stops after running tests.
ODOO_REPORT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
ODOO_SKIP = re.compile(r": skipped \S+ : ")


@dataclass
class Counts:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.passed + other.passed,
            self.failed + other.failed,
            self.skipped + other.skipped,
        )

    def __str__(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def from_junit(path: Path) -> Counts:
    """Counts of a pytest ``--junitxml`` report."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    total = Counts()
    for suite in suites:
        tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        total += Counts(tests - failed - skipped, failed, skipped)
    return total


def from_odoo_log(text: str) -> Counts | None:
    """Counts of an Odoo run with tests, or None when Odoo printed no report.

    No report means Odoo stopped before its tests ended (e.g. the add-on failed
    to install): the caller counts that as a failure.
    """
    reports = ODOO_REPORT.findall(text)
    if not reports:
        return None
    failed, errors, run = (int(n) for n in reports[-1])
    skipped = len(ODOO_SKIP.findall(text))
    bad = failed + errors
    return Counts(max(run - bad - skipped, 0), bad, skipped)


def error_lines(text: str, *, ignore: tuple[str, ...] = ()) -> list[str]:
    """Log lines at level ERROR or CRITICAL, except those containing ``ignore``."""
    levels = (" ERROR ", " CRITICAL ")
    return [
        line
        for line in text.splitlines()
        if any(level in line for level in levels)
        and not any(part in line for part in ignore)
    ]
