"""Source rows -> Odoo ``res.partner`` values, or a reject with its reason."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from bridge.normalize import (
    clean_text,
    name_key,
    normalize_email,
    normalize_phone,
    normalize_vat,
)
from bridge.sources.base import SourceRow

MODULE = "crm_bridge"  # ir.model.data namespace of the bridge's external ids
SAFE_RE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
TEXT_FIELDS = ("function", "street", "city", "zip", "website")


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
    digest: str = ""

    def __post_init__(self):
        if not self.digest:
            payload = json.dumps(
                [self.values, self.parent], sort_keys=True, default=str
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
    match.update(
        email=email, phone=values.get("phone") or values.get("mobile"), vat=vat
    )
    parent = None
    if row.entity == "contacts":
        if text.get("parent_ref"):
            parent = ("ref", text["parent_ref"])
        elif text.get("company_name"):
            parent = ("name", name_key(text["company_name"]))
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
    )


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
        raise ValueError(f"no name: a {entity[:-1]} needs a name or first/last name")
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
