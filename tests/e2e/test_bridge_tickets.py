"""Tickets (real CFPB complaints) become grievances; an orphan ticket is
rejected with a clear reason."""

from bridge_helpers import hubspot_files, make_config, run

from bridge import samples
from bridge.mapping import GRIEVANCE_MODEL
from bridge.odoo_client import model_exists


def test_tickets_to_grievances(tmp_path, admin_endpoint, admin_client, run_tag):
    files = hubspot_files(tmp_path, olist_limit=2)
    rows = samples.hubspot_ticket_rows(12)
    rows.append(["999999", "Orphan ticket", "", "424242", "2019-01-01"])
    files["tickets"] = samples.write_csv(
        tmp_path / "tickets.csv", samples.HUBSPOT_TICKET_HEADER, rows
    )
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files)
    result = run(config, admin_client)
    tickets = {r.pk: r for r in result.rejects if r.entity == "tickets"}
    # the family is installed on the e2e server: the tickets must land
    assert model_exists(admin_client, GRIEVANCE_MODEL)
    assert list(tickets) == ["999999"]
    assert tickets["999999"].reason.startswith("missing parent: contact '424242'")
    assert result.counts["tickets"]["created"] == 12
    ids = admin_client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_tickets_%")]],
        {"fields": ["res_id"]},
    )  # fmt: skip
    grievances = admin_client.execute(
        GRIEVANCE_MODEL, "read", [[row["res_id"] for row in ids]],
        {"fields": ["name", "partner_id", "date_received", "description"]},
    )  # fmt: skip
    assert len(grievances) == 12
    first = next(g for g in grievances if g["name"] == rows[0][1])
    assert first["partner_id"][1].endswith("Amy Taylor")
    assert first["date_received"].startswith(rows[0][4])
    again = run(config, admin_client)
    assert again.counts["tickets"]["unchanged"] == 12
