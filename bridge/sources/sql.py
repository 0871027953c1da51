"""SQL source: one table (or view) per entity, read through SQLAlchemy and,
when the entity has a cursor column, only the rows changed since the last run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from bridge.errors import ConfigError, ConnectionFailed
from bridge.sources.base import EntitySpec, SourceRow
from bridge.sources.files import cell, key_column, to_row
from bridge.sources.presets import Layout


class SqlSource:
    def __init__(
        self,
        name: str,
        url: str,
        tables: dict[str, str],
        layout: Layout,
        watermarks: dict[str, str | None] | None = None,
    ):
        import sqlalchemy

        self.name = name
        self.tables = tables
        self.layout = layout
        self.watermarks = watermarks or {}
        for entity in tables:
            if entity not in layout.entities:
                raise ConfigError(
                    f"source.tables.{entity}: the mapping file has no [{entity}]"
                )
        try:
            self.engine = sqlalchemy.create_engine(url)
        except Exception as exc:  # bad URL or missing driver
            raise ConfigError(f"source.url: {exc}") from None

    def entities(self) -> list[EntitySpec]:
        return [
            EntitySpec(e, self.layout.entities[e].primary_keys[0],
                       self.layout.entities[e].cursor)
            for e in self.tables
        ]  # fmt: skip

    def read(self, entity: str) -> Iterator[SourceRow]:
        import sqlalchemy

        spec = self.layout.entities[entity]
        try:
            table = sqlalchemy.Table(
                self.tables[entity], sqlalchemy.MetaData(), autoload_with=self.engine
            )
        except sqlalchemy.exc.NoSuchTableError:
            raise ConfigError(
                f"source.tables.{entity}: no table {self.tables[entity]!r}"
            ) from None
        except sqlalchemy.exc.OperationalError as exc:
            raise ConnectionFailed(f"source database: {exc.orig}") from None
        query = sqlalchemy.select(table)
        since = self.watermarks.get(entity)
        if spec.cursor:
            if spec.cursor not in table.c:
                raise ConfigError(f"{entity}.cursor: no column {spec.cursor!r}")
            column = table.c[spec.cursor]
            if since:
                query = query.where(column > _typed(since, column))
            query = query.order_by(column)
        with self.engine.connect() as conn:
            key = None
            for line, row in enumerate(conn.execute(query).mappings(), start=1):
                raw = {k: cell(v) for k, v in row.items()}
                if key is None:
                    key = key_column(spec, raw, entity, self.tables[entity])
                yield to_row(entity, spec, key, line, raw, None)


def _typed(text: str, column):
    """The watermark as the cursor column's Python type."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return text
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(text)
    if kind is dt.date:
        return dt.date.fromisoformat(text)
    if kind is int:
        return int(text)
    return text
