"""Odoo-to-Odoo: partners of a second database (made here, base only) synced
into the test database, parents kept, then incrementally by write_date."""

import time
from urllib.parse import urlsplit

import odoorpc
import pytest
from bridge_helpers import make_config, run

from bridge import samples
from bridge.odoo_client import Endpoint, RpcClient
from bridge.state import StateStore

MASTER = "admin"  # Odoo's default master password, as the harness runs it


@pytest.fixture
def source_db(admin_endpoint, run_tag):
    parts = urlsplit(admin_endpoint.url)
    server = odoorpc.ODOO(parts.hostname, port=parts.port, timeout=600)
    name = f"{admin_endpoint.database}_src_{run_tag}"
    try:
        server.db.create(MASTER, name, demo=False, lang="en_US", admin_password="admin")
    except odoorpc.error.RPCError as exc:
        pytest.skip(f"cannot create a second database on this server: {exc}")
    yield Endpoint(admin_endpoint.url, name, "admin", "admin")
    server.db.drop(MASTER, name)


def test_odoo_to_odoo_keeps_parents_and_reads_only_changes(
    tmp_path, admin_endpoint, admin_client, source_db, run_tag, monkeypatch
):
    src = RpcClient(source_db)
    tag = src.execute("res.partner.category", "create", [[{"name": run_tag}]])[0]
    us = src.execute("res.country", "search", [[("code", "=", "US")]])[0]
    companies = {}
    people = [r for r in samples.salesforce_rows() if r["Contact: Last Name"]]
    for row in people:
        account = row["Account: Account Name"]
        if account not in companies:
            companies[account] = src.execute("res.partner", "create", [[{
                "name": account, "is_company": True, "phone": row["Account: Phone"],
                "country_id": us, "category_id": [(4, tag)],
            }]])[0]  # fmt: skip
    src.execute("res.partner", "create", [[{
        "name": f"{r['Contact: First Name']} {r['Contact: Last Name']}",
        "email": r["Contact: Email"], "function": r["Contact: Title"],
        "parent_id": companies[r["Account: Account Name"]], "category_id": [(4, tag)],
    } for r in people]])  # fmt: skip
    monkeypatch.setenv("CRM_BRIDGE_SOURCE_SECRET", source_db.secret)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", {})
    src_cfg = config.source
    src_cfg.kind, src_cfg.url, src_cfg.database, src_cfg.login = (
        "odoo", source_db.url, source_db.database, source_db.login)  # fmt: skip
    src_cfg.secret = source_db.secret
    src_cfg.domain = f"[('category_id', 'in', [{tag}])]"
    first = run(config, admin_client)
    assert not first.rejects
    assert sum(first.counts["companies"][a] for a in ("created", "linked")) == 2
    assert sum(first.counts["contacts"][a] for a in ("created", "linked")) == 6
    amy_src = src.execute("res.partner", "search", [[("email", "=", "amy@demo.net")]])
    second = run(config, admin_client)
    for counts in second.counts.values():
        assert counts["created"] == counts["updated"] == counts["linked"] == 0
    time.sleep(1.1)  # write_date has whole seconds
    src.execute("res.partner", "write", [amy_src, {"function": "CTO"}])
    third = run(config, admin_client)
    assert third.counts["contacts"]["updated"] == 1
    fourth = run(config, admin_client)  # reads from Amy's write_date on
    assert fourth.counts["contacts"] == {**fourth.counts["contacts"], "unchanged": 1}
    assert sum(fourth.counts["contacts"].values()) == 1
    state = StateStore(tmp_path / "state.sqlite")
    amy_id = state.known(run_tag, "contacts")[str(amy_src[0])].odoo_id
    state.close()
    fields = {"fields": ["function", "parent_id"]}
    amy = admin_client.execute("res.partner", "read", [[amy_id]], fields)[0]
    assert amy["function"] == "CTO"
    assert amy["parent_id"][1] == "Alpha Dynamics"
