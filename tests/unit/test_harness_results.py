"""The harness reads test counts out of pytest and Odoo output."""

from scripts.harness.results import Counts, error_lines, from_junit, from_odoo_log
from scripts.harness.tiers import count_test_methods

ODOO_LOG = """\
2026-11-22 08:48:20,100 7012 INFO crm_test odoo.modules.loading: Module x loaded
2026-11-22 08:48:21,200 7012 INFO crm_test odoo.addons.x.tests.test_a: skipped \
TestA.test_chrome : Chrome not found
2026-11-22 08:48:22,300 7012 ERROR crm_test odoo.addons.x.tests.test_a: FAIL: \
TestA.test_sum
2026-11-22 08:48:32,800 7012 ERROR crm_test odoo.tests.result: 1 failed, 2 error(s) \
of 13 tests when loading database 'crm_test'
"""


def test_odoo_report_counts_failures_errors_and_skips():
    assert from_odoo_log(ODOO_LOG) == Counts(passed=9, failed=3, skipped=1)


def test_odoo_log_without_report_means_no_counts():
    assert from_odoo_log("CRITICAL crm_test Failed to initialize database") is None


def test_error_lines_keep_errors_and_criticals_only():
    lines = error_lines(ODOO_LOG, ignore=("FAIL:",))
    assert len(lines) == 1
    assert "1 failed, 2 error(s)" in lines[0]


def test_junit_counts(tmp_path):
    report = tmp_path / "r.xml"
    report.write_text(
        '<testsuites><testsuite name="pytest" tests="7" failures="1" errors="1" '
        'skipped="2"/></testsuites>'
    )
    assert from_junit(report) == Counts(passed=3, failed=2, skipped=2)


def test_counts_add_and_print():
    total = Counts(1, 2, 3) + Counts(10, 0, 1)
    assert str(total) == "11 passed, 2 failed, 4 skipped"


def test_test_methods_counted_without_import(tmp_path):
    addon, glue = tmp_path / "addon", tmp_path / "glue"
    addon.mkdir()
    glue.mkdir()
    (addon / "test_one.py").write_text(
        "import odoo_only_module\n"
        "class T:\n    def test_a(self): pass\n    def test_b(self): pass\n"
        "    def helper(self): pass\n"
    )
    (addon / "common.py").write_text("def test_not_collected(): pass\n")
    (glue / "test_glue.py").write_text("class G:\n    def test_c(self): pass\n")
    assert count_test_methods([addon, glue]) == 3
