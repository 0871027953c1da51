"""Pure planning: diff mapped records against the state store and Odoo values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bridge.mapping import Record, Reject, external_name
from bridge.state import Known

IMPLICIT_PREFIX = "name:"  # pk of a company known only by a contact's company name


@dataclass
class Conflict:
    entity: str
    pk: str
    reason: str
    raw: dict


@dataclass
class EntityPlan:
    entity: str
    unchanged: list[Record] = field(default_factory=list)
    changed: list[tuple[Record, Known]] = field(default_factory=list)
    new: list[Record] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    repeated: list[Record] = field(default_factory=list)  # same pk, same values


def plan_entity(
    entity: str, records: list[Record], known: dict[str, Known]
) -> EntityPlan:
    """Split records into unchanged (same hash), changed and new. A second
    row of a pk is rejected when its values differ, else kept as repeated."""
    plan = EntityPlan(entity)
    seen: dict[str, Record] = {}
    for record in records:
        first = seen.get(record.pk)
        if first is not None:
            if first.digest != record.digest:
                plan.rejects.append(
                    Reject(entity, record.pk, record.line,
                           f"duplicate record id {record.pk!r} with different values "
                           f"(first seen on line {first.line}, which was kept)",
                           record.raw)
                )  # fmt: skip
            else:
                plan.repeated.append(record)
            continue
        seen[record.pk] = record
        state = known.get(record.pk)
        if state is None:
            plan.new.append(record)
        elif state.digest == record.digest:
            plan.unchanged.append(record)
        else:
            plan.changed.append((record, state))
    return plan


def implicit_companies(source: str, contacts: list[Record], companies: list[Record]):
    """Companies named by contacts but absent from the companies entity."""
    by_name = {c.match.get("name"): c for c in companies}
    out: dict[str, Record] = {}
    for contact in contacts:
        if not contact.parent or contact.parent[0] != "name":
            continue
        key = contact.parent[1]
        if key in by_name or key in out:
            continue
        pk = IMPLICIT_PREFIX + key
        name = _display_name(contact, key)
        out[key] = Record(
            "companies",
            pk,
            external_name(source, "companies", pk),
            {"name": name, "is_company": True},
            contact.line,
            {"company named by contact": contact.pk, "name": name},
            match={"name": key},
        )
    return list(out.values())


def _display_name(contact: Record, key: str) -> str:
    for value in contact.raw.values():
        if isinstance(value, str) and value.strip().casefold() == key:
            return " ".join(value.split())
    return key


def parent_key(record: Record, company_pk_by_name: dict[str, str]) -> str | None:
    """The companies pk a contact's parent points to."""
    if not record.parent:
        return None
    kind, value = record.parent
    if kind == "ref":
        return value
    return company_pk_by_name.get(value, IMPLICIT_PREFIX + value)


def odoo_value(value):
    """Many2one values come back as [id, name]; compare on the id."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0]
    return value


def diff(values: dict, current: dict) -> dict:
    """Fields whose value differs from Odoo's. An empty source value never
    clears Odoo's (Odoo fills a contact's address and VAT from its company)."""
    return {
        name: value
        for name, value in values.items()
        if value not in (None, False, "") and not _same(value, current.get(name))
    }


def _same(value, current) -> bool:
    if isinstance(value, list):  # x2many commands: (4, id) adds, never removes
        return {command[1] for command in value} <= set(current or [])
    return odoo_value(current) == value


def decide_update(
    record: Record,
    current: dict,
    synced_at: str | None,
    policy: str,
    owned: frozenset[str],
) -> dict | Conflict:
    """Values to write on an existing partner, or a conflict under the policy."""
    changes = {k: v for k, v in diff(record.values, current).items() if k not in owned}
    if not changes:
        return {}
    edited_in_odoo = bool(synced_at and (current.get("write_date") or "") > synced_at)
    if policy == "odoo_wins" and edited_in_odoo:
        return Conflict(record.entity, record.pk,
                        f"edited in Odoo since the last sync; policy odoo_wins keeps "
                        f"Odoo's {', '.join(sorted(changes))}", record.raw)  # fmt: skip
    odoo_date = current.get("write_date")
    if (
        policy == "newest_wins"
        and record.updated_at
        and odoo_date
        and _iso(odoo_date) > _iso(record.updated_at)
    ):
        return Conflict(record.entity, record.pk,
                        f"Odoo's copy is newer ({odoo_date}) than the source's "
                        f"({record.updated_at}); policy newest_wins",
                        record.raw)  # fmt: skip
    return changes


def _iso(text: str) -> str:
    return text.replace("T", " ")[:19]


def group_writes(writes: list[tuple[int, dict]]) -> list[tuple[list[int], dict]]:
    """One ``write`` per set of identical values."""
    groups: dict[str, tuple[list[int], dict]] = {}
    for odoo_id, values in writes:
        signature = repr(sorted(values.items()))
        groups.setdefault(signature, ([], values))[0].append(odoo_id)
    return list(groups.values())


def match_candidates(
    records: list[Record], found: list[dict], taken: set[int]
) -> tuple[dict[str, int], list[Conflict], list[Record]]:
    """Match new records to existing partners by email, phone, VAT (or name for
    companies known only by name). Returns (pk -> id links, conflicts, creates)."""
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for partner in found:
        for kind, value in (
            ("email", partner.get("email_normalized")),
            ("phone", partner.get("phone_sanitized")),
            ("vat", partner.get("vat")),
            ("name", (partner.get("name") or "").casefold()),
        ):
            if value:
                index[(kind, value)].add(partner["id"])
    links: dict[str, int] = {}
    conflicts: list[Conflict] = []
    creates: list[Record] = []
    claimed: dict[int, str] = {}
    planned: dict[tuple[str, str], str] = {}  # email/phone/VAT of a create -> pk
    for record in records:
        ids: set[int] = set()
        keys = [(k, record.match[k]) for k in ("email", "phone", "vat")
                if record.match.get(k)]  # fmt: skip
        for key in keys:
            ids |= index.get(key, set())
        if not ids and record.pk.startswith(IMPLICIT_PREFIX):
            ids = index.get(("name", record.match["name"]), set())
        twin = next((planned[k] for k in keys if k in planned), None)
        if not ids and twin is not None:  # the rule of a later run, in one run
            conflicts.append(Conflict(record.entity, record.pk,
                f"shares its email/phone/VAT with record {twin} of this run, "
                "which is created; not merged", record.raw))  # fmt: skip
        elif not ids:
            planned.update((k, record.pk) for k in keys)
            creates.append(record)
        elif len(ids) > 1:
            conflicts.append(Conflict(record.entity, record.pk,
                f"ambiguous match: partners {sorted(ids)} share its email/phone/VAT; "
                "not merged", record.raw))  # fmt: skip
        else:
            (odoo_id,) = ids
            if odoo_id in taken or odoo_id in claimed:
                other = claimed.get(odoo_id, "another record of this source")
                conflicts.append(Conflict(record.entity, record.pk,
                    f"matches partner {odoo_id}, already linked to {other}; "
                    "not merged", record.raw))  # fmt: skip
            else:
                claimed[odoo_id] = record.pk
                links[record.pk] = odoo_id
    return links, conflicts, creates
