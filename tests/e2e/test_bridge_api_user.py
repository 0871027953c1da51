"""The bridge runs as an API user without admin rights: it can do its job and
nothing more."""

import pytest
from bridge_helpers import hubspot_files, make_config, partner_by_key, run

from bridge.errors import FatalError
from bridge.odoo_client import Endpoint, RpcClient
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
