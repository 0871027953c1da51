"""Addresses against a live Odoo, which copies a company's address onto its
children of type "contact": a contact's own address survives its company's,
a later title edit, and a change of the company's address."""

from bridge_helpers import make_config, partner_by_key, run

from bridge import samples

COMPANIES = ["Record ID", "Company name", "City", "Country/Region"]
CONTACTS = ["Record ID", "First Name", "Last Name", "Job Title", "Company Name",
            "City", "Country/Region"]  # fmt: skip


def test_a_contacts_own_address_survives(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    company = f"Alpha {run_tag}"
    alpha = [["C1", company, "Boston", "United States"]]
    companies = samples.write_csv(tmp_path / "companies.csv", COMPANIES, alpha)
    people = [["P1", "Amy", "Own", "CTO", company, "Austin", "United States"],
              ["P2", "Jen", "Shared", "CEO", company, "", ""]]  # fmt: skip
    contacts = samples.write_csv(tmp_path / "contacts.csv", CONTACTS, people)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot",
                         {"companies": companies, "contacts": contacts})  # fmt: skip

    def city(pk: str) -> str:
        return partner_by_key(admin_client, f"{run_tag}_contacts_{pk}")["city"]

    assert run(config, admin_client).status == "ok"
    assert city("P1") == "Austin"
    assert city("P2") == "Boston", "no address of its own: Odoo gives it its company's"

    people[0][3] = "CIO"  # a title-only edit
    samples.write_csv(contacts, CONTACTS, people)
    edit = run(config, admin_client)
    assert edit.counts["contacts"]["updated"] == 1
    assert city("P1") == "Austin"

    samples.write_csv(
        companies, COMPANIES, [["C1", company, "Chicago", "United States"]]
    )
    moved = run(config, admin_client)
    assert moved.counts["companies"]["updated"] == 1
    assert city("P1") == "Austin"
    assert city("P2") == "Chicago"
