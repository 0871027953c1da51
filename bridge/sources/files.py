"""Export-file source: CSV, XLSX and Salesforce sObject-tree JSON."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from bridge.errors import ConfigError
from bridge.sources.base import EntitySpec, SourceRow
from bridge.sources.presets import EntityLayout, Layout


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def read_csv(
    path: Path, encoding: str = "utf-8"
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """(line, row, error); undecodable bytes become U+FFFD and are rejected
    later. The delimiter is the header's commonest of , ; tab |."""
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"  # a byte-order mark is no part of the header
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = max(DELIMITERS, key=first.count)
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if not header:
            return
        header = [h.strip() for h in header]
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            # Short lines (trailing empty cells left out, as Salesforce
            # reports do) are padded; long lines cannot be trusted.
            row = dict(zip(header, [*values, *[""] * len(header)], strict=False))
            error = None
            if len(values) > len(header):
                error = f"{len(values)} values but the header has {len(header)} columns"
                row["_values"] = "|".join(values)
            yield reader.line_num, row, error


def read_xlsx(
    path: Path, _encoding: str = ""
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [cell(h).strip() for h in next(rows, ())]
        for line, values in enumerate(rows, start=2):
            cells = [cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield line, dict(zip(header, cells, strict=False)), None
    finally:
        book.close()


def read_sobject_tree(
    path: Path, encoding: str = "utf-8"
) -> Iterator[tuple[int, dict[str, str], str | None]]:
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"
    data = json.loads(Path(path).read_text(encoding=encoding))
    for index, record in enumerate(data.get("records", []), start=1):
        attributes = record.get("attributes", {})
        row = {k: cell(v) for k, v in record.items() if k != "attributes"}
        row["referenceId"] = attributes.get("referenceId", "")
        yield index, row, None


READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".json": read_sobject_tree}
DELIMITERS = (",", ";", "\t", "|")


class ExportFileSource:
    """One file per entity, read with a preset or mapping-file layout."""

    def __init__(
        self, name: str, files: dict[str, Path], layout: Layout, encoding="utf-8"
    ):
        self.name = name
        self.files = files
        self.layout = layout
        self.encoding = encoding
        for entity, path in files.items():
            if entity not in layout.entities:
                raise ConfigError(
                    f"source.files.{entity}: the {layout.name} layout has no "
                    f"{entity} (it has {', '.join(layout.entities)})"
                )
            suffix = "".join(Path(path).suffixes[-1:]).lower()
            if suffix not in READERS:
                raise ConfigError(
                    f"source.files.{entity}: {path}: use .csv, .xlsx or .json"
                )

    def entities(self) -> list[EntitySpec]:
        return [
            EntitySpec(e, "/".join(self.layout.entities[e].primary_keys),
                       self.layout.entities[e].cursor)
            for e in self.files
        ]  # fmt: skip

    def read(self, entity: str) -> Iterator[SourceRow]:
        path = Path(self.files[entity])
        if not path.is_file():
            raise ConfigError(f"source.files.{entity}: {path} not found")
        spec = self.layout.entities[entity]
        reader = READERS[path.suffix.lower()]
        key = None
        for line, row, error in reader(path, self.encoding):
            if key is None:
                key = key_column(spec, row, entity, path)
            if _no_record(spec, key, row):
                continue
            yield to_row(entity, spec, key, line, row, error)


def _no_record(spec: EntityLayout, key: str, row: dict) -> bool:
    """A line that holds no record of the entity (a Salesforce report's
    account without contacts): both its key and ``skip_if_empty`` empty. A
    line with a key is a record, counted even when rejected."""
    if spec.skip_if_empty not in row:
        return False
    return not row[spec.skip_if_empty].strip() and not (row.get(key) or "").strip()


def key_column(spec: EntityLayout, row: dict, entity: str, path: Path) -> str:
    for column in spec.primary_keys:
        if column in row:
            return column
    columns = ", ".join(list(row)[:4])
    raise ConfigError(
        f"{path}: no primary key column for {entity} "
        f"(expected one of {', '.join(spec.primary_keys)}; read the columns "
        f"{columns}...: check the file's delimiter and layout)"
    )


def to_row(entity, spec: EntityLayout, key: str, line, row, error) -> SourceRow:
    values: dict[str, str] = {}
    for column, target in spec.columns.items():
        text = row.get(column)
        if text is not None and text.strip() and target not in values:
            values[target] = text
    for ref in ("parent_ref", "contact_ref"):
        value = values.get(ref)
        if value and spec.parent_prefix and value.startswith(spec.parent_prefix):
            values[ref] = value[len(spec.parent_prefix) :]
    pk = (row.get(key) or "").strip()
    cursor = row.get(spec.cursor) if spec.cursor else None
    return SourceRow(entity, pk, values, row, line, cursor, error)
