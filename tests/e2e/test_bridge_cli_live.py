"""The CLI against live Odoo: check, plan, sync, status, report, export, lock."""

import csv

import pytest
from bridge_helpers import hubspot_files

from bridge import cli
from bridge.state import StateStore


@pytest.fixture
def configured(tmp_path, monkeypatch, admin_endpoint, run_tag):
    hubspot_files(tmp_path, olist_limit=5)
    path = tmp_path / "crm-bridge.toml"
    cli.main(["-c", str(path), "init"])
    text = path.read_text().replace('name = "hubspot"', f'name = "{run_tag}"')
    path.write_text(
        text.replace('# companies = "companies.csv"', 'companies = "companies.csv"')
    )
    monkeypatch.setenv("CRM_BRIDGE_ODOO_URL", admin_endpoint.url)
    monkeypatch.setenv("CRM_BRIDGE_ODOO_DB", admin_endpoint.database)
    monkeypatch.setenv("CRM_BRIDGE_ODOO_LOGIN", admin_endpoint.login)
    monkeypatch.setenv("CRM_BRIDGE_ODOO_SECRET", admin_endpoint.secret)
    return path


def test_check_reports_version_addon_and_rights(configured, capsys):
    assert cli.main(["-c", str(configured), "check"]) == 0
    out = capsys.readouterr().out
    assert "server version: 18.0" in out
    assert "add-on crm_relationship: installed" in out
    assert "res.partner create: yes" in out


def test_plan_writes_nothing_then_sync_status_report_export(
    configured, capsys, run_tag
):
    args = ["-c", str(configured)]
    assert cli.main([*args, "plan"]) == 1  # the Korea company is rejected
    out = capsys.readouterr().out
    assert "plan (nothing written)" in out
    assert "unknown country 'Korea'" in out
    state = StateStore(configured.parent / ".crm-bridge/state.sqlite")
    assert state.known(run_tag, "contacts") == {}
    state.close()
    assert cli.main([*args, "sync"]) == 1
    assert cli.main([*args, "-q", "sync"]) == 1
    assert capsys.readouterr().out.count("sync: run") == 1  # quiet prints nothing
    assert cli.main([*args, "status"]) == 0
    assert "rejects" in capsys.readouterr().out
    assert cli.main([*args, "report", "--run", "2"]) == 0
    html = (configured.parent / capsys.readouterr().out.strip()).read_text()
    assert "unknown country &#39;Korea&#39;" in html
    export = configured.parent / "export.csv"
    assert cli.main([*args, "export", "-o", str(export)]) == 0
    rows = list(csv.DictReader(export.open()))
    assert len(rows) == 94 + 11
    amy = next(r for r in rows if r["source_id"] == "1000")
    assert amy["email"] == "amy@demo.net" and amy["entity"] == "contacts"


def test_export_back_to_the_crm_and_into_sql(configured, capsys):
    args = ["-c", str(configured)]
    assert cli.main([*args, "sync"]) == 1  # the Korea company is rejected
    capsys.readouterr()
    back = configured.parent / "back.csv"
    assert cli.main([*args, "export", "--layout", "source", "-o", str(back)]) == 0
    assert capsys.readouterr().out.strip() == "export: companies 94, contacts 11"
    contacts = list(csv.DictReader((configured.parent / "back-contacts.csv").open()))
    amy = next(r for r in contacts if r["Record ID"] == "1000")
    assert amy["Odoo Email"] == "amy@demo.net"
    assert amy["Odoo Customer Priority"] == "standard"
    url = f"sqlite:///{configured.parent / 'target.db'}"
    assert cli.main([*args, "export", "--sql", url, "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        "would write: created 105, updated 0, unchanged 0"
    )
    assert cli.main([*args, "export", "--sql", url]) == 0
    assert capsys.readouterr().out.strip() == (
        "export: created 105, updated 0, unchanged 0"
    )
    assert cli.main([*args, "export", "--sql", url]) == 0
    assert capsys.readouterr().out.strip() == (
        "export: created 0, updated 0, unchanged 105"
    )


def test_second_run_refused_while_lock_held(configured, run_tag):
    state = StateStore(configured.parent / ".crm-bridge/state.sqlite")
    state.acquire(run_tag, 99)
    try:
        assert cli.main(["-c", str(configured), "sync"]) == 4
    finally:
        state.release(run_tag)
        state.close()
    assert cli.main(["-c", str(configured), "sync"]) == 1
