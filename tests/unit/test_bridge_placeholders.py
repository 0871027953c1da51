"""A company known first only by its contacts' company name, against the
in-memory Odoo: once its own row is fixed, it takes over that partner."""

from fake_odoo import FakeOdoo
from sync_helpers import config, contacts_csv, linked, sync

COMPANY_HEADER = ["Record ID", "Company name", "Phone Number"]
CONTACT_HEADER = ["Record ID", "First Name", "Last Name", "Company Name"]


def test_a_fixed_company_takes_over_its_placeholder(tmp_path):
    companies = tmp_path / "companies.csv"
    ann_row = ["P1", "Ann", "Lee", "Acme Inc"]
    contacts = contacts_csv(tmp_path / "contacts.csv", [ann_row], CONTACT_HEADER)
    cfg = config(tmp_path, {"companies": companies, "contacts": contacts})
    odoo = FakeOdoo()
    contacts_csv(companies, [["C1", "Acme Inc", "12"]], COMPANY_HEADER)  # bad phone
    first = sync(cfg, odoo)
    assert [r.pk for r in first.rejects] == ["C1"]
    (placeholder,) = [p for p in odoo.partners() if p["is_company"]]
    contacts_csv(companies, [["C1", "Acme Inc", "+1 415 256 8563"]], COMPANY_HEADER)
    fixed = sync(cfg, odoo)
    assert [p["id"] for p in odoo.partners() if p["is_company"]] == [placeholder["id"]]
    assert linked(odoo)["hs_companies_C1"] == placeholder["id"]
    assert odoo.table("res.partner")[placeholder["id"]]["phone"] == "+14152568563"
    (ann,) = [p for p in odoo.partners() if not p["is_company"]]
    assert ann["parent_id"] == placeholder["id"]
    assert fixed.counts["companies"]["updated"] == 1
    again = sync(cfg, odoo)
    assert again.counts["companies"]["unchanged"] == 1
    assert len(odoo.partners()) == 2
