"""Column layouts of known CRM exports, and the mapping-file loader for others."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bridge.errors import ConfigError
from bridge.sources.base import CANONICAL_FIELDS, ENTITIES


@dataclass(frozen=True)
class EntityLayout:
    primary_keys: tuple[str, ...]  # first column present in the file is the key
    columns: dict[str, str]  # source column -> canonical field
    cursor: str | None = None
    skip_if_empty: str | None = None  # lines without this column hold no record
    parent_prefix: str = ""  # stripped from parent references ("@" in sObject trees)


@dataclass(frozen=True)
class Layout:
    name: str
    entities: dict[str, EntityLayout] = field(default_factory=dict)


HUBSPOT = Layout(
    "hubspot",
    {
        "contacts": EntityLayout(
            ("Record ID",),
            {
                "First Name": "first_name",
                "Last Name": "last_name",
                "Email": "email",
                "Phone Number": "phone",
                "Mobile Phone Number": "mobile",
                "Job Title": "function",
                "Contact owner": "owner",
                "Lifecycle Stage": "tags",
                "Company Name": "company_name",
                "Street Address": "street",
                "City": "city",
                "State/Region": "state",
                "Postal Code": "zip",
                "Country/Region": "country",
                "Last Modified Date": "updated_at",
            },
            cursor="Last Modified Date",
        ),
        "companies": EntityLayout(
            ("Record ID",),
            {
                "Company name": "name",
                "Company Domain Name": "website",
                "Type": "tags",
                "Phone Number": "phone",
                "Street Address": "street",
                "City": "city",
                "State/Region": "state",
                "Postal Code": "zip",
                "Country/Region": "country",
                "Last Modified Date": "updated_at",
            },
            cursor="Last Modified Date",
        ),
        "tickets": EntityLayout(
            ("Ticket ID",),
            {
                "Ticket name": "subject",
                "Ticket description": "description",
                "Associated Contact ID": "contact_ref",
                "Create date": "received_at",
                "Last modified date": "updated_at",
            },
            cursor="Last modified date",
        ),
        "interactions": EntityLayout(
            ("Activity ID",),
            {
                "Activity type": "activity_type",
                "Body": "body",
                "Activity date": "occurred_at",
                "Associated Contact ID": "contact_ref",
            },
        ),
    },
)

SALESFORCE = Layout(
    "salesforce",
    {
        # Report CSV ("Object: Label" headers) or sObject-tree JSON records.
        "companies": EntityLayout(
            ("referenceId", "Account: Account ID", "Account: Account Name"),
            {
                "Account: Account Name": "name",
                "Account: Type": "tags",
                "Account: Phone": "phone",
                "Account: Website": "website",
                "Account: Billing City": "city",
                "Account: Billing Country": "country",
                "Name": "name",
                "Type": "tags",
                "Phone": "phone",
                "Website": "website",
                "BillingCity": "city",
                "BillingCountry": "country",
            },
        ),
        "contacts": EntityLayout(
            ("referenceId", "Contact: Contact ID", "Contact: Email"),
            {
                "Account: Account Name": "company_name",
                "Contact: First Name": "first_name",
                "Contact: Last Name": "last_name",
                "Contact: Title": "function",
                "Contact: Phone": "phone",
                "Contact: Email": "email",
                "AccountId": "parent_ref",
                "FirstName": "first_name",
                "LastName": "last_name",
                "Title": "function",
                "Phone": "phone",
                "Email": "email",
            },
            skip_if_empty="Contact: Last Name",
            parent_prefix="@",
        ),
        # Cases, as sObject-tree JSON (ContactId "@ContactRef1") or report CSV.
        "tickets": EntityLayout(
            ("referenceId", "Case: Case Number"),
            {
                "Subject": "subject",
                "Description": "description",
                "ContactId": "contact_ref",
                "SuppliedEmail": "email",
                "CreatedDate": "received_at",
                "Case: Subject": "subject",
                "Case: Description": "description",
                "Contact: Email": "email",
                "Case: Date/Time Opened": "received_at",
            },
            parent_prefix="@",
        ),
        # Tasks (calls, emails) as sObject-tree JSON.
        "interactions": EntityLayout(
            ("referenceId",),
            {
                "TaskSubtype": "activity_type",
                "Description": "body",
                "ActivityDate": "occurred_at",
                "WhoId": "contact_ref",
            },
            parent_prefix="@",
        ),
    },
)

ZOHO = Layout(
    "zoho",
    {
        "contacts": EntityLayout(
            ("Record Id",),
            {
                "First Name": "first_name",
                "Last Name": "last_name",
                "Email": "email",
                "Phone": "phone",
                "Mobile": "mobile",
                "Tag": "tags",
                "Title": "function",
                "Account Name": "company_name",
                "Mailing Street": "street",
                "Mailing City": "city",
                "Mailing State": "state",
                "Mailing Zip": "zip",
                "Mailing Country": "country",
                "Modified Time": "updated_at",
            },
            cursor="Modified Time",
        ),
        "companies": EntityLayout(
            ("Record Id",),
            {
                "Account Name": "name",
                "Tag": "tags",
                "Phone": "phone",
                "Website": "website",
                "Billing Street": "street",
                "Billing City": "city",
                "Billing State": "state",
                "Billing Code": "zip",
                "Billing Country": "country",
                "Modified Time": "updated_at",
            },
            cursor="Modified Time",
        ),
    },
)

PRESETS = {layout.name: layout for layout in (HUBSPOT, SALESFORCE, ZOHO)}


def load_mapping(path: Path) -> Layout:
    """A layout from a TOML mapping file::

    [contacts]
    primary_key = "customer_unique_id"
    cursor = "updated"            # optional
    [contacts.columns]
    customer_city = "city"        # source column = canonical field
    """
    where = str(path)
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"source.mapping_file: cannot read {where}: {exc}") from None
    entities = {}
    for entity, spec in raw.items():
        if entity not in ENTITIES:
            raise ConfigError(f"{where}: [{entity}] is not an entity ({ENTITIES})")
        if not isinstance(spec, dict) or not spec.get("primary_key"):
            raise ConfigError(f"{where}: {entity}.primary_key: required")
        columns = spec.get("columns", {})
        bad = [v for v in columns.values() if v not in CANONICAL_FIELDS]
        if bad:
            raise ConfigError(
                f"{where}: {entity}.columns: unknown field {bad[0]!r} "
                f"(known: {', '.join(CANONICAL_FIELDS)})"
            )
        extra = set(spec) - {"primary_key", "cursor", "columns", "skip_if_empty"}
        if extra:
            raise ConfigError(f"{where}: {entity}.{sorted(extra)[0]}: unknown key")
        entities[entity] = EntityLayout(
            (spec["primary_key"],),
            dict(columns),
            cursor=spec.get("cursor"),
            skip_if_empty=spec.get("skip_if_empty"),
        )
    return Layout("mapping", entities)
