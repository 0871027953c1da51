"""The source plugin interface, in the style of Singer/Meltano streams."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

# The bridge's own field names; presets and mapping files map columns to these.
CANONICAL_FIELDS = (
    "name", "first_name", "last_name", "email", "phone", "mobile", "function",
    "company_name", "parent_ref", "street", "city", "state", "zip", "country",
    "vat", "website", "updated_at", "owner", "tags",
    "subject", "description", "contact_ref", "received_at",
    "activity_type", "body", "occurred_at",
)  # fmt: skip
ENTITIES = ("companies", "contacts", "tickets", "interactions")


@dataclass(frozen=True)
class EntitySpec:
    name: str
    primary_key: str  # source column that identifies a record
    cursor: str | None = None  # source column that orders changes (updated-at)


@dataclass
class SourceRow:
    entity: str
    pk: str
    fields: dict[str, str]  # canonical field -> raw text
    raw: dict[str, str]  # the original row, as read, for reject reports
    line: int
    cursor: str | None = None
    error: str | None = None  # set when the row could not even be parsed


class Source(Protocol):
    name: str

    def entities(self) -> list[EntitySpec]: ...

    def read(self, entity: str) -> Iterator[SourceRow]: ...
