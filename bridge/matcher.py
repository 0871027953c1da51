"""Batched lookups in Odoo: the bridge's external ids, then email/phone/VAT."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from bridge.errors import FatalError
from bridge.mapping import ACTIVITY_TYPE_NAMES, MODULE, Record, References
from bridge.odoo_client import OdooClient
from bridge.planner import diff

CHUNK = 1000
ORPHAN_SLACK = dt.timedelta(seconds=60)  # clock difference bridge host / Odoo
# the field that narrows the search for a model's orphans ("name" otherwise)
LABEL_FIELDS = {"mail.message": "body", "mail.activity": "summary"}
MATCH_FIELDS = ["id", "name", "email_normalized", "phone_sanitized", "vat"]


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_references(client: OdooClient) -> References:
    countries: dict[str, tuple[int, str]] = {}
    for row in client.execute(
        "res.country", "search_read", [[]], {"fields": ["name", "code"]}
    ):
        entry = (row["id"], row["code"])
        countries[row["code"].upper()] = entry
        countries[row["name"].lower()] = entry
    states: dict[tuple[int, str], int] = {}
    for row in client.execute(
        "res.country.state",
        "search_read",
        [[]],
        {"fields": ["name", "code", "country_id"]},
    ):
        country_id = row["country_id"][0]
        states[(country_id, row["code"].upper())] = row["id"]
        states[(country_id, row["name"].lower())] = row["id"]
    return References(countries, states)


def find_external_ids(
    client: OdooClient, names: list[str], model: str = "res.partner"
) -> dict[str, int]:
    """External id name -> record id, for names that exist in Odoo."""
    found: dict[str, int] = {}
    for part in chunks(names):
        domain = [
            ("module", "=", MODULE),
            ("model", "=", model),
            ("name", "in", part),
        ]
        for row in client.execute(
            "ir.model.data", "search_read", [domain], {"fields": ["name", "res_id"]}
        ):
            found[row["name"]] = row["res_id"]
    return found


def linked_ids(
    client: OdooClient, ids: list[int], prefix: str, model: str = "res.partner"
) -> set[int]:
    """Records that already carry an external id starting with ``prefix``."""
    linked: set[int] = set()
    for part in chunks(ids):
        domain = [
            ("module", "=", MODULE),
            ("model", "=", model),
            ("name", "=like", f"{prefix}%"),
            ("res_id", "in", part),
        ]
        rows = client.execute(
            "ir.model.data", "search_read", [domain], {"fields": ["res_id"]}
        )
        linked.update(row["res_id"] for row in rows)
    return linked


def find_partners(client: OdooClient, records: list[Record]) -> list[dict]:
    """Existing partners sharing an email, phone or VAT with ``records`` (and
    companies sharing the name of a company known only by name)."""
    found: dict[int, dict] = {}
    for part in chunks(records):
        terms = []
        for kind, field in (("email", "email_normalized"), ("phone", "phone_sanitized"),
                            ("vat", "vat")):  # fmt: skip
            values = sorted({r.match[kind] for r in part if r.match.get(kind)})
            if values:
                terms.append([(field, "in", values)])
        names = sorted({r.values["name"] for r in part if r.pk.startswith("name:")})
        if names:
            terms.append([("is_company", "=", True), ("name", "in", names)])
        if not terms:
            continue
        domain = ["|"] * (len(terms) - 1) + [t for term in terms for t in _and(term)]
        for row in client.execute(
            "res.partner", "search_read", [domain], {"fields": MATCH_FIELDS}
        ):
            found[row["id"]] = row
    return list(found.values())


def _and(term: list) -> list:
    return ["&"] * (len(term) - 1) + term


def read_current(
    client: OdooClient, ids: list[int], fields: list[str], model: str = "res.partner"
) -> dict[int, dict]:
    current: dict[int, dict] = {}
    for part in chunks(ids):
        for row in client.execute(
            model,
            "search_read",
            [[("id", "in", part)]],
            {"fields": [*fields, "write_date"], "context": {"active_test": False}},
        ):
            current[row["id"]] = row
    return current


def find_orphans(
    client: OdooClient,
    records: list[Record],
    since: str,
    exclude: set[int],
    model: str = "res.partner",
) -> dict[str, int]:
    """Records an interrupted run created (by this user, since ``since``,
    with exactly the record's values) but never linked: pk -> Odoo id."""
    label = LABEL_FIELDS.get(model, "name")
    start = dt.datetime.fromisoformat(since) - ORPHAN_SLACK
    fields = sorted({name for r in records for name in r.values})
    candidates: dict[str, list[dict]] = {}
    for part in chunks(records):
        domain = [
            ("create_uid", "=", client.uid),
            ("create_date", ">=", start.strftime("%Y-%m-%d %H:%M:%S")),
            (label, "in", sorted({r.values[label] for r in part})),
        ]
        for row in client.execute(model, "search_read", [domain], {"fields": fields}):
            if row["id"] not in exclude:
                candidates.setdefault(row[label], []).append(row)
    ids = [row["id"] for rows in candidates.values() for row in rows]
    linked = linked_ids(client, ids, "", model)
    found: dict[str, int] = {}
    for record in records:
        same = [
            row["id"]
            for row in candidates.get(record.values[label], [])
            if row["id"] not in linked and not diff(record.values, row)
        ]
        if len(same) == 1 and same[0] not in found.values():
            found[record.pk] = same[0]
    return found


def category_ids(client: OdooClient, names: set[str], create: bool) -> dict[str, int]:
    """Partner tag name -> id; missing tags are created (in one call) if asked."""
    if not names:
        return {}
    rows = client.execute(
        "res.partner.category", "search_read", [[("name", "in", sorted(names))]],
        {"fields": ["name"]},
    )  # fmt: skip
    found = {row["name"]: row["id"] for row in rows}
    missing = sorted(names - set(found))
    if missing and create:
        ids = client.execute(
            "res.partner.category", "create", [[{"name": n} for n in missing]]
        )
        found.update(zip(missing, ids, strict=True))
    return found


def activity_type_ids(client: OdooClient) -> dict[str, int]:
    """Kind of interaction -> id of Odoo's activity type, found by its English
    name (ir.model.data is closed to API users); a renamed or archived type
    falls back to the first general type."""
    rows = client.execute(
        "mail.activity.type", "search_read",
        [[("res_model", "=", False)]],
        {"fields": ["name"], "order": "sequence, id", "context": {"lang": "en_US"}},
    )  # fmt: skip
    if not rows:
        raise FatalError("Odoo has no general activity type to plan interactions")
    by_name = {row["name"]: row["id"] for row in rows}
    return {
        kind: by_name.get(name, rows[0]["id"])
        for kind, name in ACTIVITY_TYPE_NAMES.items()
    }
