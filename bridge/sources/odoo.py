"""Odoo-to-Odoo source: partners of another Odoo database, read over RPC,
incrementally by ``write_date``."""

from __future__ import annotations

from collections.abc import Iterator

from bridge.odoo_client import OdooClient
from bridge.sources.base import EntitySpec, SourceRow

PAGE = 1000
TEXT = {"name": "name", "email": "email", "phone": "phone", "mobile": "mobile",
        "function": "function", "street": "street", "city": "city", "zip": "zip",
        "vat": "vat", "website": "website"}  # fmt: skip
FIELDS = [*TEXT, "country_id", "state_id", "parent_id", "category_id", "write_date"]


class OdooSource:
    def __init__(
        self,
        name: str,
        client: OdooClient,
        domain: list | None = None,
        watermarks: dict | None = None,
    ):
        self.name = name
        self.client = client
        self.domain = domain or []
        self.watermarks = watermarks or {}
        self._tags: dict[int, str] | None = None

    def entities(self) -> list[EntitySpec]:
        return [EntitySpec(e, "id", "write_date") for e in ("companies", "contacts")]

    def read(self, entity: str) -> Iterator[SourceRow]:
        codes = self._codes()
        domain = [*self.domain, ("is_company", "=", entity == "companies")]
        since = self.watermarks.get(entity)
        if since:  # write_date reads back to the second: the last second again
            domain.append(("write_date", ">=", since))
        offset = 0
        while True:
            rows = self.client.execute("res.partner", "search_read", [domain], {
                "fields": FIELDS, "order": "write_date, id", "limit": PAGE,
                "offset": offset,
            })  # fmt: skip
            for row in rows:
                yield self._row(entity, row, codes)
            if len(rows) < PAGE:
                return
            offset += PAGE

    def _codes(self) -> dict[str, dict[int, str]]:
        """Country and state ids of the source database -> their codes."""
        out = {}
        for model in ("res.country", "res.country.state"):
            rows = self.client.execute(model, "search_read", [[]], {"fields": ["code"]})
            out[model] = {r["id"]: r["code"] for r in rows}
        return out

    def _row(self, entity: str, row: dict, codes: dict) -> SourceRow:
        fields = {target: row[name] for name, target in TEXT.items() if row[name]}
        if row["country_id"]:
            fields["country"] = codes["res.country"][row["country_id"][0]]
            if row["state_id"]:
                fields["state"] = codes["res.country.state"][row["state_id"][0]]
        if row["parent_id"] and entity == "contacts":
            fields["parent_ref"] = str(row["parent_id"][0])
        fields["updated_at"] = row["write_date"]
        if row["category_id"]:
            fields["tags"] = ",".join(self._tag_names(row["category_id"]))
        raw = {k: str(v) for k, v in row.items()}
        return SourceRow(
            entity, str(row["id"]), fields, raw, row["id"], row["write_date"]
        )

    def _tag_names(self, ids: list[int]) -> list[str]:
        if self._tags is None:
            rows = self.client.execute(
                "res.partner.category", "search_read", [[]], {"fields": ["name"]}
            )
            self._tags = {r["id"]: r["name"] for r in rows}
        return [self._tags[i] for i in ids if i in self._tags]
