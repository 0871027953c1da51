"""Sync against live Odoo: presets round trip, idempotence, resume after a crash."""

import gzip
import shutil
import sqlite3

import pytest
from bridge_helpers import hubspot_files, make_config, partner_by_key, run, tag_names

from bridge import samples
from bridge.applier import Applier
from bridge.state import StateStore
from bridge.sync import IMPLIED


def test_hubspot_round_trip_and_idempotence(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    files = hubspot_files(tmp_path)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files)
    first = run(config, admin_client)
    companies, contacts = first.counts["companies"], first.counts["contacts"]
    # 95 companies in the file; Maven's "Korea" is not an Odoo country name.
    assert companies["created"] + companies["linked"] == 94
    assert [r.reason for r in first.rejects] == ["unknown country 'Korea'"]
    assert first.rejects[0].raw["Company name"] == "Hottechi"
    assert contacts["created"] + contacts["linked"] == 26
    amy = partner_by_key(admin_client, f"{run_tag}_contacts_1000")
    assert amy["email"] == "amy@demo.net"
    assert amy["phone"] == "+14152568563"
    assert "customer" in tag_names(admin_client, amy)  # HubSpot lifecycle stage
    assert amy["parent_id"][1] == "Alpha Dynamics"
    olist = partner_by_key(admin_client, f"{run_tag}_contacts_5000")
    assert olist["country_id"][1] == "Brazil"
    assert olist["state_id"] and olist["city"]

    second = run(config, admin_client)
    for counts in second.counts.values():
        assert counts["created"] == counts["updated"] == counts["linked"] == 0
    assert second.counts["companies"]["unchanged"] == 94
    assert second.counts["contacts"]["unchanged"] == 26


def test_changed_rows_are_updated_in_grouped_writes(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    files = hubspot_files(tmp_path)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files)
    run(config, admin_client)
    rows = samples.hubspot_contact_rows(20)
    rows[0][4] = "+1 415 256 0000"  # Amy's new phone
    moved = sum(1 for row in rows[6:] if row[9] != "sao paulo")
    for row in rows[6:]:
        row[9] = "sao paulo"  # every Olist customer moves to the same city
    samples.write_csv(files["contacts"], samples.HUBSPOT_CONTACT_HEADER, rows)
    result = run(config, admin_client)
    assert moved > 10
    assert result.counts["contacts"]["updated"] == 1 + moved
    assert result.counts["contacts"]["unchanged"] == 26 - 1 - moved
    assert partner_by_key(admin_client, f"{run_tag}_contacts_1000")["phone"] == (
        "+14152560000"
    )
    assert (
        partner_by_key(admin_client, f"{run_tag}_contacts_5003")["city"] == "sao paulo"
    )


def test_zoho_preset_round_trip(tmp_path, admin_endpoint, admin_client, run_tag):
    path = samples.write_csv(
        tmp_path / "Contacts.csv",
        samples.ZOHO_CONTACT_HEADER,
        samples.zoho_contact_rows(10),
    )
    config = make_config(tmp_path, admin_endpoint, run_tag, "zoho", {"contacts": path})
    first = run(config, admin_client)
    assert not first.rejects
    # Zoho names companies only by "Account Name": they become company partners,
    # counted apart from the file's rows.
    implied = first.counts[IMPLIED]
    assert implied["created"] + implied["linked"] == 2
    contacts = first.counts["contacts"]
    assert contacts["created"] + contacts["linked"] == 16
    jennifer = partner_by_key(admin_client, f"{run_tag}_contacts_4876876000000000001")
    assert jennifer["email"] == "jennifer@demo.net"
    assert jennifer["parent_id"][1] == "Alpha Dynamics"
    second = run(config, admin_client)
    assert second.counts["contacts"]["unchanged"] == 16


def test_salesforce_report_csv_and_sobject_tree(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    folder = samples.DATA_DIR / "salesforce_sample_lwc_recipes"
    for name in ("Accounts-Contacts.csv", "Accounts.json", "Contacts.json"):
        with (
            gzip.open(folder / f"{name}.gz", "rb") as src,
            open(tmp_path / name, "wb") as dst,
        ):
            shutil.copyfileobj(src, dst)
    report = tmp_path / "Accounts-Contacts.csv"
    config = make_config(tmp_path / "r", admin_endpoint, f"{run_tag}r", "salesforce",
                         {"companies": report, "contacts": report})  # fmt: skip
    result = run(config, admin_client)
    assert not result.rejects
    assert sum(result.counts["companies"][a] for a in ("created", "linked")) == 10
    assert sum(result.counts["contacts"][a] for a in ("created", "linked")) == 6

    config = make_config(tmp_path / "t", admin_endpoint, f"{run_tag}t", "salesforce",
                         {"companies": tmp_path / "Accounts.json",
                          "contacts": tmp_path / "Contacts.json"})  # fmt: skip
    tree = run(config, admin_client)
    assert not tree.rejects
    # The tree's people and accounts are the report's: matched, not duplicated.
    assert tree.counts["contacts"]["linked"] == 6
    amy = partner_by_key(admin_client, f"{run_tag}t_contacts_ContactRef1")
    assert amy["parent_id"][1] == "Alpha Dynamics"
    alpha = partner_by_key(admin_client, f"{run_tag}t_companies_AccountRef1")
    assert "Technology Partner" in tag_names(admin_client, alpha)  # Account Type


class Crash(Exception):
    pass


@pytest.mark.parametrize(
    ("crash_after", "method", "workers"),
    [(1, "load", 1), (3, "load", 2), (1, "create", 1), (3, "create", 2)],
)
def test_crash_between_batches_then_resume(
    tmp_path, admin_endpoint, admin_client, run_tag, crash_after, method, workers
):
    files = hubspot_files(tmp_path, olist_limit=40)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files,
                         batch_size=7, create_method=method,
                         workers=workers)  # fmt: skip

    def crash(entity, batch):
        if batch == crash_after:
            raise Crash(f"injected after batch {batch} of {entity}")

    with pytest.raises(Crash):
        run(config, admin_client, after_batch=crash)
    resumed = run(config, admin_client)
    assert resumed.status == "rejects"  # only the Korea company
    assert any("resuming after run" in note for note in resumed.notes)
    ids = admin_client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_%")]],
        {"fields": ["name", "res_id"]},
    )  # fmt: skip
    assert len(ids) == 94 + 46
    assert len({row["res_id"] for row in ids}) == len(ids)
    partners = admin_client.execute(
        "res.partner", "read", [[row["res_id"] for row in ids]], {"fields": ["email"]}
    )
    emails = [p["email"] for p in partners if p["email"]]
    assert len(emails) == len(set(emails)) == 6
    again = run(config, admin_client)
    for counts in again.counts.values():
        assert counts["created"] == counts["updated"] == 0


def test_crash_between_create_and_external_ids_then_resume(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    """The fast path records ids before creating external ids; a crash in
    between leaves partners the state knows but Odoo cannot name yet."""
    files = hubspot_files(tmp_path, olist_limit=10)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files,
                         create_method="create")  # fmt: skip
    run(config, admin_client)
    lost = [f"{run_tag}_contacts_{5000 + i}" for i in range(5)]
    ids = admin_client.execute(
        "ir.model.data",
        "search",
        [[("module", "=", "crm_bridge"), ("name", "in", lost)]],
    )
    admin_client.execute("ir.model.data", "unlink", [ids])
    state = StateStore(tmp_path / "state.sqlite")
    state.db.execute(
        "UPDATE records SET digest = NULL WHERE source = ? AND pk >= '5000'", (run_tag,)
    )
    before = {pk: k.odoo_id for pk, k in state.known(run_tag, "contacts").items()}
    state.close()
    resumed = run(config, admin_client)
    assert resumed.counts["contacts"]["created"] == 0
    for key in lost:
        assert partner_by_key(admin_client, key)["id"] == before[key.rsplit("_", 1)[1]]


def test_killed_while_odoo_creates_a_batch_then_resume(
    tmp_path, admin_endpoint, admin_client, run_tag, monkeypatch
):
    """Odoo commits a batch but the bridge dies before it hears back: the
    next run finds those partners (by the journal of pending creates) instead
    of creating them twice, even for rows with no email, phone or VAT."""
    files = hubspot_files(tmp_path, olist_limit=30)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files,
                         batch_size=10, workers=1, create_method="create")  # fmt: skip
    original = Applier._create
    calls = []

    def dies_after_odoo_commits(self, batch, token):
        result = original(self, batch, token)
        calls.append(token)
        if len(calls) == 12:  # 10 batches of companies, then contacts
            raise Crash("killed while Odoo created contacts 11-20")
        return result

    monkeypatch.setattr(Applier, "_create", dies_after_odoo_commits)
    with pytest.raises(Crash):
        run(config, admin_client)
    monkeypatch.setattr(Applier, "_create", original)
    resumed = run(config, admin_client)
    assert any(
        "found 10 contacts created by an interrupted run" in n for n in resumed.notes
    )
    ids = admin_client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_contacts_%")]],
        {"fields": ["res_id"]},
    )  # fmt: skip
    assert len(ids) == len({row["res_id"] for row in ids}) == 36


def test_sql_source_incremental(tmp_path, admin_endpoint, admin_client, run_tag):
    db = sqlite3.connect(tmp_path / "crm.sqlite")
    db.execute("CREATE TABLE people (id INTEGER, name TEXT, email TEXT, "
               "updated_at TIMESTAMP)")  # fmt: skip
    people = [r for r in samples.salesforce_rows() if r["Contact: Last Name"]]
    db.executemany("INSERT INTO people VALUES (?,?,?,?)", [
        (i, f"{p['Contact: First Name']} {p['Contact: Last Name']}",
         p["Contact: Email"], f"2024-01-0{i + 1} 09:00:00")
        for i, p in enumerate(people)
    ])  # fmt: skip
    db.commit()
    (tmp_path / "map.toml").write_text(
        '[contacts]\nprimary_key = "id"\ncursor = "updated_at"\n'
        '[contacts.columns]\nname = "name"\nemail = "email"\n'
    )
    config = make_config(tmp_path, admin_endpoint, run_tag, "mapping", {})
    config.source.kind = "sql"
    config.source.mapping_file = "map.toml"
    config.source.url = f"sqlite:///{tmp_path / 'crm.sqlite'}"
    config.source.tables = {"contacts": "people"}
    first = run(config, admin_client)
    assert sum(first.counts["contacts"][a] for a in ("created", "linked")) == 6
    db.execute("UPDATE people SET name = 'Amy Taylor-Smith', "
               "updated_at = '2024-02-01 00:00:00' WHERE id = 0")  # fmt: skip
    db.commit()
    second = run(config, admin_client)
    assert second.counts["contacts"]["updated"] == 1
    assert sum(second.counts["contacts"].values()) == 1  # only the changed row read
    amy = partner_by_key(admin_client, f"{run_tag}_contacts_0")
    assert amy["name"] == "Amy Taylor-Smith"


def test_state_in_postgresql_crash_then_resume(
    tmp_path, admin_endpoint, admin_client, run_tag, pg_url
):
    files = hubspot_files(tmp_path, olist_limit=40)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files,
                         batch_size=7, workers=2)  # fmt: skip
    config.state.url = pg_url

    def crash(entity, batch):
        if batch == 5:
            raise Crash(f"injected after batch {batch} of {entity}")

    with pytest.raises(Crash):
        run(config, admin_client, after_batch=crash)
    resumed = run(config, admin_client)
    assert any("resuming after run" in note for note in resumed.notes)
    ids = admin_client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{run_tag}_%")]],
        {"fields": ["res_id"]},
    )  # fmt: skip
    assert len(ids) == len({row["res_id"] for row in ids}) == 94 + 46
    again = run(config, admin_client)
    assert again.counts["contacts"]["unchanged"] == 46
    assert not (tmp_path / "state.sqlite").exists()
