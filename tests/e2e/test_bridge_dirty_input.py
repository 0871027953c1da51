"""Dirty input: every bad row is rejected with its reason and original row,
and the good rows still land."""

import csv
import io
import json

from bridge_helpers import make_config, partner_by_key, run

from bridge import samples


def dirty_hubspot(tmp_path):
    rows = samples.hubspot_contact_rows(4)  # 6 Salesforce people + 4 Olist customers
    good = len(rows)
    amy, jennifer = rows[0], rows[1]
    bad = [
        ["900", "Amy", "Taylor", "amy@@demo.net", "", "", "", "", "", "", "", ""],
        ["901", "Jennifer", "Wu", "", "12", "", "", "", "", "", "", ""],
        ["902", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "Caroline", "Kingsley", "", "", "", "", "", "", "", "", ""],
        ["903", "Michael", "Jones", "", "", "", "", "", "", "", "Texas", "Atlantis"],
        ["904", *amy[1:12], "extra"],
        [jennifer[0], jennifer[1], "Wu-Changed", *jennifer[3:]],  # same id, new values
        list(amy),  # exact duplicate line: merged, not rejected
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(samples.HUBSPOT_CONTACT_HEADER)
    writer.writerows(rows + bad)
    data = buffer.getvalue().encode()
    # A Latin-1 line in a UTF-8 file: "São" written as S\xe3o.
    data += b"905,Jo\xe3o,Silva,,,,,,,sao paulo,SP,Brazil\n"
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    return path, good


def test_dirty_rows_rejected_with_reasons_rest_lands(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    path, good = dirty_hubspot(tmp_path)
    config = make_config(
        tmp_path, admin_endpoint, run_tag, "hubspot", {"contacts": path}
    )
    result = run(config, admin_client)
    assert result.status == "rejects"
    reasons = {r.pk: r.reason for r in result.rejects}
    assert reasons["900"] == "invalid email 'amy@@demo.net'"
    assert reasons["901"].startswith("invalid phone '12'")
    assert reasons["902"].startswith("no name")
    assert reasons[""].startswith("missing record id")
    assert reasons["903"] == "unknown country 'Atlantis'"
    assert reasons["904"] == "13 values but the header has 12 columns"
    assert "duplicate record id '1001' with different values" in reasons["1001"]
    assert reasons["905"].startswith("first_name: not valid UTF-8")
    assert len(result.rejects) == 8
    by_pk = {r.pk: r for r in result.rejects}
    assert by_pk["900"].raw["Email"] == "amy@@demo.net"
    assert by_pk["905"].line == 1 + good + 8 + 1  # header, good rows, bad rows
    contacts = result.counts["contacts"]
    assert contacts["created"] + contacts["linked"] == good
    assert contacts["rejected"] == 8
    assert (
        partner_by_key(admin_client, f"{run_tag}_contacts_1001")["name"]
        == "Jennifer Wu"
    )
    assert partner_by_key(admin_client, f"{run_tag}_contacts_900") is None


def test_missing_parent_rejected(tmp_path, admin_endpoint, admin_client, run_tag):
    tree = {"records": [
        {"attributes": {"type": "Account", "referenceId": "AccountRef1"},
         "Name": "Alpha Dynamics", "Phone": "3362227000"},
    ]}  # fmt: skip
    people = {"records": [
        {"attributes": {"type": "Contact", "referenceId": "ContactRef1"},
         "AccountId": "@AccountRef1", "FirstName": "Amy", "LastName": "Taylor",
         "Email": "amy@demo.net"},
        {"attributes": {"type": "Contact", "referenceId": "ContactRef2"},
         "AccountId": "@AccountRef9", "FirstName": "Jennifer", "LastName": "Wu",
         "Email": "jennifer@demo.net"},
    ]}  # fmt: skip
    (tmp_path / "Accounts.json").write_text(json.dumps(tree))
    (tmp_path / "Contacts.json").write_text(json.dumps(people))
    files = {
        "companies": tmp_path / "Accounts.json",
        "contacts": tmp_path / "Contacts.json",
    }
    config = make_config(tmp_path, admin_endpoint, run_tag, "salesforce", files)
    result = run(config, admin_client)
    assert [(r.pk, r.reason) for r in result.rejects] == [
        ("ContactRef2", "missing parent: company 'AccountRef9' is not in Odoo "
                        "(absent, rejected or in conflict)"),
    ]  # fmt: skip
    assert result.rejects[0].raw["LastName"] == "Wu"
    amy = partner_by_key(admin_client, f"{run_tag}_contacts_ContactRef1")
    assert amy["parent_id"][1] == "Alpha Dynamics"
