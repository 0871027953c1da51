"""Source rows -> Odoo ``res.partner`` values, or a reject with its reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field

from bridge.countries import country_code
from bridge.normalize import (
    clean_text,
    name_key,
    normalize_email,
    normalize_phone,
    normalize_vat,
    phone_key,
)
from bridge.sources.base import SourceRow

MODULE = "crm_bridge"  # ir.model.data namespace of the bridge's external ids
GRIEVANCE_MODEL = "crm.relationship.grievance"
MODELS = {
    "companies": "res.partner",
    "contacts": "res.partner",
    "tickets": GRIEVANCE_MODEL,
    "interactions": "mail.message",
    "activities": "mail.activity",  # interactions planned in the future
}
# Odoo's activity type (English name) of each kind of planned interaction
ACTIVITY_TYPE_NAMES = {
    "call": "Call",
    "email": "Email",
    "meeting": "Meeting",
    "note": "To-Do",
    "task": "To-Do",
}
ACTIVITY_TYPES = {
    "call": "Call",
    "email": "Email",
    "meeting": "Meeting",
    "note": "Note",
    "task": "Note",
}
SAFE_RE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
TEXT_FIELDS = ("function", "street", "city", "zip", "website")
ADDRESS_FIELDS = ("street", "city", "zip", "state_id", "country_id")
# Odoo copies a company's address onto its children of type "contact", on
# create and whenever the company's address changes (res.partner._fields_sync,
# _children_sync); a contact with an address of its own is written as an
# "Other Address" child, whose address Odoo leaves alone.
OWN_ADDRESS_TYPE = "other"


@dataclass
class Reject:
    entity: str
    pk: str
    line: int
    reason: str
    raw: dict


@dataclass
class Record:
    """A mapped record ready for planning."""

    entity: str
    pk: str
    key: str  # external id name, unique per source/entity/pk
    values: dict  # res.partner values, parent excluded
    line: int
    raw: dict
    parent: tuple[str, str] | None = None  # ("ref", pk) or ("name", name key)
    match: dict = field(default_factory=dict)  # email / phone / vat / name
    updated_at: str | None = None
    tags: tuple[str, ...] = ()  # category names, added to the partner's
    digest: str = ""

    def __post_init__(self):
        if not self.digest:
            payload = json.dumps(
                [self.values, self.parent, self.tags], sort_keys=True, default=str
            )
            self.digest = hashlib.sha256(payload.encode()).hexdigest()[:32]


def external_name(source: str, entity: str, pk: str) -> str:
    """``<source>_<entity>_<pk>``; unsafe keys get a readable slug plus a hash."""
    if SAFE_RE.match(pk):
        return f"{source}_{entity}_{pk}"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", pk).strip("-")[:30]
    digest = hashlib.sha1(pk.encode()).hexdigest()[:12]
    return f"{source}_{entity}_{slug}_{digest}"


@dataclass
class References:
    """Lookup tables read once from Odoo (countries and states)."""

    countries: dict[str, tuple[int, str]]  # code or lower-case name -> (id, code)
    states: dict[tuple[int, str], int]  # (country id, code or lower name) -> id

    def country(self, text: str) -> tuple[int, str]:
        found = self.countries.get(text.lower()) or self.countries.get(text.upper())
        if not found and (code := country_code(text)):
            found = self.countries.get(code)
        if not found:
            raise ValueError(f"unknown country {text!r}")
        return found

    def state(self, country_id: int, text: str) -> int:
        found = self.states.get((country_id, text.upper())) or self.states.get(
            (country_id, text.lower())
        )
        if not found:
            raise ValueError(f"unknown state {text!r} for this country")
        return found


def map_row(
    source: str, row: SourceRow, refs: References, default_region: str
) -> Record | Reject:
    def reject(reason: str) -> Reject:
        return Reject(row.entity, row.pk, row.line, reason, row.raw)

    if row.error:
        return reject(row.error)
    if not row.pk:
        return reject("missing record id (primary key column is empty)")
    try:
        text = {k: clean_text(v) for k, v in row.fields.items()}
    except ValueError as exc:
        bad = next(k for k, v in row.fields.items() if _bad(v))
        return reject(f"{bad}: {exc}")
    try:
        values, match, region = _address(text, refs, default_region)
        values["name"] = _name(row.entity, text)
        for target in ("phone", "mobile"):
            if text.get(target):
                values[target] = normalize_phone(text[target], region)
        email = normalize_email(text.get("email"))
        vat = normalize_vat(text.get("vat"))
    except ValueError as exc:
        return reject(str(exc))
    values["email"] = email or False
    values["vat"] = vat or False
    values["is_company"] = row.entity == "companies"
    for target in TEXT_FIELDS:
        values[target] = text.get(target) or False
    if values["website"] and "://" not in values["website"]:
        values["website"] = f"http://{values['website']}"  # as Odoo stores it
    phone = phone_key(values.get("phone")) or phone_key(values.get("mobile"))
    match.update(email=email, phone=phone, vat=vat)
    parent = None
    if row.entity == "contacts":
        if text.get("parent_ref"):
            parent = ("ref", text["parent_ref"])
        elif text.get("company_name"):
            parent = ("name", name_key(text["company_name"]))
        if parent and any(values[f] for f in ADDRESS_FIELDS):
            values["type"] = OWN_ADDRESS_TYPE
    else:
        match["name"] = name_key(values["name"])
    return Record(
        row.entity,
        row.pk,
        external_name(source, row.entity, row.pk),
        values,
        row.line,
        row.raw,
        parent=parent,
        match=match,
        updated_at=text.get("updated_at"),
        tags=split_tags(text.get("tags")),
    )


def split_tags(text: str | None) -> tuple[str, ...]:
    """``"customer; VIP,customer"`` -> ``("VIP", "customer")``."""
    if not text:
        return ()
    return tuple(sorted({t.strip() for t in re.split(r"[;,]", text) if t.strip()}))


def _bad(value: str | None) -> bool:
    try:
        clean_text(value)
    except ValueError:
        return True
    return False


def _name(entity: str, text: dict) -> str:
    name = text.get("name")
    if not name:
        name = " ".join(p for p in (text.get("first_name"), text.get("last_name")) if p)
    if not name:
        kind = "company" if entity == "companies" else "contact"
        raise ValueError(f"no name: a {kind} needs a name or first/last name")
    return name


def _address(text: dict, refs: References, default_region: str):
    values: dict = {"country_id": False, "state_id": False}
    region = default_region
    if text.get("country"):
        country_id, region = refs.country(text["country"])
        values["country_id"] = country_id
        if text.get("state"):
            values["state_id"] = refs.state(country_id, text["state"])
    elif text.get("state"):
        raise ValueError(f"state {text['state']!r} given without a country")
    return values, {}, region


def map_ticket(source: str, row: SourceRow) -> Record | Reject:
    """A ticket or complaint -> grievance values; its contact is resolved later."""

    def reject(reason: str) -> Reject:
        return Reject(row.entity, row.pk, row.line, reason, row.raw)

    if row.error:
        return reject(row.error)
    if not row.pk:
        return reject("missing record id (primary key column is empty)")
    try:
        subject = clean_text(row.fields.get("subject"))
        description = _paragraphs(row.fields.get("description"))
        email = normalize_email(row.fields.get("email"))
        received = _utc(row.fields.get("received_at"))
        contact = clean_text(row.fields.get("contact_ref"))
    except ValueError as exc:
        return reject(str(exc))
    if not subject:
        return reject("no subject: a ticket needs a subject")
    values = {
        "name": subject,
        "description": description or False,
        "email_from": email or False,
        "date_received": received or False,
    }
    parent = ("ref", contact) if contact else None
    key = external_name(source, row.entity, row.pk)
    return Record(row.entity, row.pk, key, values, row.line, row.raw, parent=parent)


def _paragraphs(text: str | None) -> str | None:
    """Plain text -> the HTML Odoo stores in an Html field."""
    if text is None or not text.strip():
        return None
    clean_text(text)  # raises on bad encoding or control characters
    parts = [html.escape(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts)


def _utc(text: str | None) -> str | None:
    """An ISO date or date-time -> Odoo's UTC ``YYYY-MM-DD HH:MM:SS``."""
    text = clean_text(text)
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"invalid date {text!r} (use ISO 8601)") from None
    if moment.tzinfo:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def map_interaction(
    source: str, row: SourceRow, now: str | None = None
) -> Record | Reject:
    """A call, email, meeting or note -> a note in the contact's chatter, or,
    when dated after ``now`` (UTC, Odoo's format), an activity planned on the
    contact for that day."""

    def reject(reason: str) -> Reject:
        return Reject(row.entity, row.pk, row.line, reason, row.raw)

    if row.error:
        return reject(row.error)
    if not row.pk:
        return reject("missing record id (primary key column is empty)")
    try:
        body = _paragraphs(row.fields.get("body"))
        kind = (clean_text(row.fields.get("activity_type")) or "note").lower()
        when = _utc(row.fields.get("occurred_at"))
        contact = clean_text(row.fields.get("contact_ref"))
    except ValueError as exc:
        return reject(str(exc))
    if kind not in ACTIVITY_TYPES:
        return reject(
            f"unknown interaction type {kind!r} ({', '.join(ACTIVITY_TYPES)})"
        )
    if not body:
        return reject("no body: an interaction needs some text")
    if not contact:
        return reject("no contact: an interaction belongs to a contact")
    now = now or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if when and when > now:
        values = {
            "activity_type_id": kind,  # an Odoo id once the sync has read them
            "summary": ACTIVITY_TYPES[kind],
            "note": body,
            "date_deadline": when[:10],
        }
        key = external_name(source, "activities", row.pk)
        return Record("activities", row.pk, key, values, row.line, row.raw,
                      parent=("ref", contact))  # fmt: skip
    values = {
        "model": "res.partner",
        "message_type": "comment",
        "body": f"<p><b>{ACTIVITY_TYPES[kind]}</b></p>{body}",
        "date": when or False,
    }
    key = external_name(source, row.entity, row.pk)
    return Record(row.entity, row.pk, key, values, row.line, row.raw,
                  parent=("ref", contact))  # fmt: skip
