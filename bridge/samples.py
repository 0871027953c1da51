"""Export files in HubSpot, Zoho and Salesforce layouts built from the real rows
of the shared data folder (Salesforce sample contacts, Maven accounts, Olist
customers). Used by the end-to-end tests and the sync benchmark."""

from __future__ import annotations

import csv
import gzip
import os
from pathlib import Path

DATA_DIR = Path(
    os.environ.get(
        "CRM_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data"
    )
)
HUBSPOT_CONTACT_HEADER = [
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner",
    "Lifecycle Stage", "Create Date", "Company Name", "City", "State/Region",
    "Country/Region",
]  # fmt: skip
HUBSPOT_COMPANY_HEADER = ["Record ID", "Company name", "Phone Number", "Country/Region"]
ZOHO_CONTACT_HEADER = [
    "Record Id", "First Name", "Last Name", "Email", "Phone", "Mobile", "Account Name",
    "Mailing City", "Mailing State", "Mailing Country", "Modified Time",
]  # fmt: skip
COUNTRY_FIXES = {"Philipines": "Philippines"}  # a typo of the Maven data set


def read_gz(relative: str) -> list[dict[str, str]]:
    with gzip.open(DATA_DIR / relative, "rt", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def salesforce_rows() -> list[dict[str, str]]:
    return read_gz("salesforce_sample_lwc_recipes/Accounts-Contacts.csv.gz")


def maven_accounts() -> list[dict[str, str]]:
    return read_gz("crm_sales_opportunities_maven/accounts.csv.gz")


def sales_agents() -> list[str]:
    return [
        r["sales_agent"]
        for r in read_gz("crm_sales_opportunities_maven/sales_teams.csv.gz")
    ]


def olist_customers(limit: int | None = None) -> list[dict[str, str]]:
    """Distinct Olist customers (by customer_unique_id)."""
    seen, out = set(), []
    for row in read_gz("olist_sample/olist_customers_dataset.csv.gz"):
        if row["customer_unique_id"] not in seen:
            seen.add(row["customer_unique_id"])
            out.append(row)
    return out[:limit] if limit else out


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def hubspot_contact_rows(olist_limit: int = 50) -> list[list[str]]:
    """Salesforce sample people with their account, then Olist customers
    (who have no name in the data: they are named by their customer id)."""
    agents = sales_agents()
    rows = []
    people = [r for r in salesforce_rows() if r["Contact: Last Name"]]
    for i, r in enumerate(people):
        rows.append([
            str(1000 + i), r["Contact: First Name"], r["Contact: Last Name"],
            r["Contact: Email"], r["Contact: Phone"], agents[i % len(agents)],
            "customer", f"2024-01-0{1 + i % 9} 09:00", r["Account: Account Name"],
            "", "", "United States",
        ])  # fmt: skip
    for i, c in enumerate(olist_customers(olist_limit)):
        rows.append([
            str(5000 + i), "Olist customer", c["customer_unique_id"][:12], "", "",
            agents[i % len(agents)], "lead", "2018-01-01 00:00", "",
            c["customer_city"], c["customer_state"], "Brazil",
        ])  # fmt: skip
    return rows


def hubspot_company_rows() -> list[list[str]]:
    rows, seen = [], set()
    for r in salesforce_rows():
        if r["Account: Account Name"] not in seen:
            seen.add(r["Account: Account Name"])
            rows.append([str(100 + len(rows)), r["Account: Account Name"],
                         r["Account: Phone"], "United States"])  # fmt: skip
    for r in maven_accounts():
        country = COUNTRY_FIXES.get(r["office_location"], r["office_location"])
        rows.append([str(100 + len(rows)), r["account"], "", country])
    return rows


def zoho_contact_rows(olist_limit: int = 50) -> list[list[str]]:
    rows = []
    for i, h in enumerate(hubspot_contact_rows(olist_limit)):
        rows.append([
            f"4876876000000{i:06d}", h[1], h[2], h[3], h[4], "", h[8], h[9], h[10],
            h[11], "2024-02-01T10:00:00+00:00",
        ])  # fmt: skip
    return rows


HUBSPOT_TICKET_HEADER = ["Ticket ID", "Ticket name", "Ticket description",
                         "Associated Contact ID", "Create date"]  # fmt: skip


def hubspot_ticket_rows(limit: int = 12) -> list[list[str]]:
    """CFPB complaints (issue, narrative, date) as tickets of the Salesforce
    sample people (HubSpot Record IDs 1000-1005 of ``hubspot_contact_rows``)."""
    rows = []
    complaints = read_gz("cfpb_complaints_sample/cfpb_complaints_sample.csv.gz")
    with_text = [c for c in complaints if c["Consumer complaint narrative"]]
    for i, c in enumerate(with_text[:limit]):
        rows.append([c["Complaint ID"], c["Issue"], c["Consumer complaint narrative"],
                     str(1000 + i % 6), c["Date received"]])  # fmt: skip
    return rows


HUBSPOT_ACTIVITY_HEADER = ["Activity ID", "Activity type", "Body", "Activity date",
                           "Associated Contact ID"]  # fmt: skip


def hubspot_activity_rows(olist_limit: int) -> list[list[str]]:
    """Olist review comments as notes on the Olist customers of
    ``hubspot_contact_rows(olist_limit)`` (Record IDs from 5000)."""
    record_ids = {
        c["customer_id"]: str(5000 + i)
        for i, c in enumerate(olist_customers(olist_limit))
    }
    customer_of = {
        o["order_id"]: record_ids[o["customer_id"]]
        for o in read_gz("olist_sample/olist_orders_dataset.csv.gz")
        if o["customer_id"] in record_ids
    }
    return [
        [r["review_id"], "note", r["review_comment_message"], r["review_creation_date"],
         customer_of[r["order_id"]]]
        for r in read_gz("olist_sample/olist_order_reviews_dataset.csv.gz")
        if r["order_id"] in customer_of and r["review_comment_message"]
    ]  # fmt: skip
