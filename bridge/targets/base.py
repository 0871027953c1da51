"""Odoo's view of each synced customer, read in batches over RPC."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bridge.odoo_client import OdooClient

PARTNER_FIELDS = ("name", "email", "phone", "preferred_channel", "contact_lang")
ADDON_PREFIXES = ("relationship_", "grievance_")  # the add-on's customer view
BATCH = 1000


@dataclass(frozen=True)
class Column:
    field: str  # Odoo's technical name
    label: str  # Odoo's label, for people and other CRMs


@dataclass(frozen=True)
class ExportRow:
    entity: str
    source_id: str
    odoo_id: int
    values: dict[str, str]  # field -> plain text


@dataclass
class CustomerView:
    source: str
    columns: list[Column]
    rows: list[ExportRow] = field(default_factory=list)


class Target(Protocol):
    def write(self, view: CustomerView) -> dict[str, int]:
        """Write the view; return counts per action (created, updated...)."""


def read_customer_view(
    client: OdooClient, source: str, known: Mapping[str, Mapping[str, int]]
) -> CustomerView:
    """``known``: entity -> source id -> partner id, as the state store has it."""
    available = client.execute(
        "res.partner", "fields_get", [], {"attributes": ["type", "relation", "string"]}
    )
    names = [f for f in PARTNER_FIELDS if f in available]
    names += sorted(
        name
        for name, spec in available.items()
        if name.startswith(ADDON_PREFIXES)
        and spec["type"] not in ("one2many", "binary")
    )
    view = CustomerView(source, [Column(n, available[n]["string"]) for n in names])
    owner = {oid: (e, pk) for e, rows in known.items() for pk, oid in rows.items()}
    ids = sorted(owner)
    for start in range(0, len(ids), BATCH):
        rows = client.execute(
            "res.partner", "read", [ids[start : start + BATCH]], {"fields": names}
        )
        labels = _many2many_names(client, rows, {n: available[n] for n in names})
        for row in rows:
            entity, pk = owner[row["id"]]
            values = {n: plain(row[n], labels.get(n)) for n in names}
            view.rows.append(ExportRow(entity, pk, row["id"], values))
    return view


def _many2many_names(client, rows, specs) -> dict[str, dict[int, str]]:
    labels = {}
    for name, spec in specs.items():
        if spec["type"] == "many2many":
            ids = sorted({i for row in rows for i in row[name]})
            read = client.execute(
                spec["relation"], "read", [ids], {"fields": ["display_name"]}
            )
            labels[name] = {r["id"]: r["display_name"] for r in read}
    return labels


def plain(value, names: dict[int, str] | None = None) -> str:
    """One RPC value as text: many2many as names joined by ';'."""
    if value is False or value is None:
        return ""
    if names is not None:
        return ";".join(names[i] for i in value)
    if isinstance(value, list | tuple):  # many2one [id, name]
        return str(value[1])
    return str(value)
