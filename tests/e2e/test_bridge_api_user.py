"""The bridge runs as an API user without admin rights: it can do its job and
nothing more."""

import pytest
from bridge_helpers import hubspot_files, make_config, partner_by_key, run

from bridge import cli, samples
from bridge.errors import FatalError
from bridge.mapping import GRIEVANCE_MODEL
from bridge.odoo_client import Endpoint, RpcClient, model_exists
from bridge.state import StateStore

GROUPS = ("base.group_partner_manager", "crm_relationship.group_crm_relationship_user")


@pytest.fixture
def api_endpoint(admin_client, admin_endpoint, run_tag) -> Endpoint:
    group_ids = []
    for xmlid in GROUPS:
        module, name = xmlid.split(".")
        rows = admin_client.execute(
            "ir.model.data", "search_read",
            [[("module", "=", module), ("name", "=", name)]], {"fields": ["res_id"]},
        )  # fmt: skip
        group_ids.append(rows[0]["res_id"])
    login = f"bridge-{run_tag}"
    admin_client.execute("res.users", "create", [{
        "name": f"CRM bridge {run_tag}", "login": login, "password": f"pw-{run_tag}",
        "groups_id": [(6, 0, group_ids)],
    }])  # fmt: skip
    return Endpoint(admin_endpoint.url, admin_endpoint.database, login, f"pw-{run_tag}")


def test_api_user_syncs_without_admin_rights(
    tmp_path, api_endpoint, admin_client, run_tag
):
    client = RpcClient(api_endpoint)
    files = hubspot_files(tmp_path, olist_limit=10)
    config = make_config(tmp_path, api_endpoint, run_tag, "hubspot", files)
    first = run(config, client)
    assert first.counts["contacts"]["rejected"] == 0, [r.reason for r in first.rejects]
    amy_id = known_ids(tmp_path, run_tag)["contacts"]["1000"]
    amy = admin_client.execute(
        "res.partner", "read", [[amy_id]], {"fields": ["parent_id"]}
    )
    assert amy[0]["parent_id"][1] == "Alpha Dynamics"
    assert sum(first.counts["contacts"][a] for a in ("created", "linked")) == 16
    # Partners it created carry the bridge's external id (Olist customers have
    # no email or phone, so nothing else can match them).
    olist = partner_by_key(admin_client, f"{run_tag}_contacts_5000")
    assert olist and olist["country_id"][1] == "Brazil"
    second = run(config, client)
    assert second.counts["contacts"]["unchanged"] == 16
    before = count_ids(admin_client, run_tag), known_ids(tmp_path, run_tag)

    # A new machine (empty state) finds its records again: no duplicates.
    (tmp_path / "state.sqlite").unlink()
    third = run(config, client)
    assert (
        third.counts["contacts"]["conflicts"]
        == third.counts["contacts"]["rejected"]
        == 0
    )
    assert (count_ids(admin_client, run_tag), known_ids(tmp_path, run_tag)) == before


def known_ids(tmp_path, source) -> dict:
    state = StateStore(tmp_path / "state.sqlite")
    try:
        return {e: {pk: k.odoo_id for pk, k in state.known(source, e).items()}
                for e in ("companies", "contacts")}  # fmt: skip
    finally:
        state.close()


def count_ids(admin_client, run_tag) -> int:
    return admin_client.execute(
        "ir.model.data", "search_count",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_%")]],
    )  # fmt: skip


def test_api_user_can_do_nothing_more(api_endpoint):
    client = RpcClient(api_endpoint)
    for model, method, args in [
        ("res.users", "create", [{"name": "x", "login": "x-intruder"}]),
        ("ir.config_parameter", "search_read", [[]]),
        ("ir.model.data", "create", [{"module": "crm_bridge", "name": "x",
                                      "model": "res.partner", "res_id": 1}]),
    ]:  # fmt: skip
        with pytest.raises(FatalError):
            client.execute(model, method, args)


def test_check_passes_for_the_api_user(tmp_path, api_endpoint, monkeypatch, capsys):
    path = tmp_path / "crm-bridge.toml"
    cli.main(["-c", str(path), "init"])
    ep = api_endpoint
    env = {"URL": ep.url, "DB": ep.database, "LOGIN": ep.login, "SECRET": ep.secret}
    for name, value in env.items():
        monkeypatch.setenv(f"CRM_BRIDGE_ODOO_{name}", value)
    assert cli.main(["-c", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "res.partner create: yes" in out
    assert "kept in the state store only" in out


def test_api_user_syncs_tickets_and_interactions(
    tmp_path, api_endpoint, admin_client, run_tag
):
    client = RpcClient(api_endpoint)
    files = hubspot_files(tmp_path, olist_limit=30)
    files["tickets"] = samples.write_csv(tmp_path / "tickets.csv",
        samples.HUBSPOT_TICKET_HEADER, samples.hubspot_ticket_rows(6))  # fmt: skip
    planned = ["plan-1", "call", "Call back about the refund", "2099-01-05", "5000"]
    files["interactions"] = samples.write_csv(tmp_path / "activities.csv",
        samples.HUBSPOT_ACTIVITY_HEADER,
        [*samples.hubspot_activity_rows(30), planned])  # fmt: skip
    config = make_config(tmp_path, api_endpoint, run_tag, "hubspot", files)
    result = run(config, client)
    tickets = result.counts["tickets"]
    assert model_exists(client, GRIEVANCE_MODEL)
    assert tickets["created"] == 6 and tickets["rejected"] == 0
    ids = admin_client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_tickets_%")]],
        {"fields": ["res_id"]},
    )  # fmt: skip
    grievances = admin_client.execute(
        GRIEVANCE_MODEL, "search_count", [[("id", "in", [r["res_id"] for r in ids])]]
    )
    assert grievances == 6
    assert result.counts["interactions"]["created"] == len(
        samples.hubspot_activity_rows(30)
    )
    assert result.counts["activities"]["created"] == 1
