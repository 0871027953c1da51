"""SQL target: Odoo's view of the customers upserted into one table.

The table is keyed by (source, entity, source_id), one text column per
exported field; columns the add-on gains later are added. Only rows whose
values changed are written, so an export repeated is a no-op.
"""

from __future__ import annotations

import datetime as dt
import re

from bridge.errors import ConfigError, ConnectionFailed
from bridge.targets.base import CustomerView

DIALECTS = ("sqlite", "postgresql")
KEY = ("source", "entity", "source_id")
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
CHUNK = 1000


class SqlTarget:
    def __init__(self, url: str, table: str, dry_run: bool = False):
        import sqlalchemy

        if not IDENTIFIER.match(table):
            raise ConfigError(f"export table must be a plain SQL name: {table!r}")
        try:
            self.engine = sqlalchemy.create_engine(url)
        except Exception as exc:  # bad URL or missing driver
            raise ConfigError(f"export --sql: {exc}") from None
        if self.engine.dialect.name not in DIALECTS:
            raise ConfigError(
                f"export --sql: {self.engine.dialect.name} is not supported "
                f"(use one of {', '.join(DIALECTS)})"
            )
        self.table_name = table
        self.dry_run = dry_run

    def write(self, view: CustomerView) -> dict[str, int]:
        import sqlalchemy as sa

        fields = [c.field for c in view.columns]
        table = self._table(fields)
        try:
            with self.engine.begin() as conn:
                exists = sa.inspect(conn).has_table(self.table_name)
                if exists:
                    self._add_missing_columns(conn, table)
                elif not self.dry_run:
                    table.create(conn)
                old = self._existing(conn, table, view.source) if exists else {}
                counts, changed = _diff(view, fields, old)
                if changed and not self.dry_run:
                    self._upsert(conn, table, changed)
        except sa.exc.DBAPIError as exc:
            raise ConnectionFailed(f"export database: {exc.orig}") from None
        return counts

    def _table(self, fields: list[str]):
        import sqlalchemy as sa

        return sa.Table(
            self.table_name,
            sa.MetaData(),
            *(sa.Column(k, sa.String(255), primary_key=True) for k in KEY),
            sa.Column("odoo_id", sa.Integer, nullable=False),
            *(sa.Column(f, sa.Text) for f in fields),
            sa.Column("exported_at", sa.DateTime),
        )

    def _add_missing_columns(self, conn, table) -> None:
        import sqlalchemy as sa

        present = {c["name"] for c in sa.inspect(conn).get_columns(self.table_name)}
        quote = conn.dialect.identifier_preparer.quote
        for column in table.columns:
            if column.name not in present:
                conn.execute(sa.text(
                    f"ALTER TABLE {quote(self.table_name)} "
                    f"ADD COLUMN {quote(column.name)} TEXT"
                ))  # fmt: skip

    @staticmethod
    def _existing(conn, table, source: str) -> dict[tuple, dict]:
        import sqlalchemy as sa

        rows = conn.execute(sa.select(table).where(table.c.source == source))
        return {(r.entity, r.source_id): dict(r._mapping) for r in rows}

    def _upsert(self, conn, table, records: list[dict]) -> None:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        for start in range(0, len(records), CHUNK):
            stmt = insert(table).values(records[start : start + CHUNK])
            stmt = stmt.on_conflict_do_update(
                index_elements=list(KEY),
                set_={c: stmt.excluded[c] for c in records[0] if c not in KEY},
            )
            conn.execute(stmt)


def _diff(view: CustomerView, fields: list[str], old: dict) -> tuple[dict, list]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    changed = []
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for row in view.rows:
        record = {"source": view.source, "entity": row.entity,
                  "source_id": row.source_id, "odoo_id": row.odoo_id,
                  **{f: row.values[f] for f in fields}}  # fmt: skip
        before = old.get((row.entity, row.source_id))
        if before is None:
            counts["created"] += 1
        elif all(before.get(k) == v for k, v in record.items()):
            counts["unchanged"] += 1
            continue
        else:
            counts["updated"] += 1
        changed.append({**record, "exported_at": stamp})
    return counts, changed
