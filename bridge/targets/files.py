"""CSV and XLSX targets, in Odoo's layout or in the source CRM's own."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from bridge.errors import ConfigError
from bridge.sources.presets import Layout
from bridge.targets.base import CustomerView, ExportRow

SUFFIXES = (".csv", ".xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")


class FileTarget:
    """Odoo's layout: one file (CSV on stdout without a path), a line per
    customer with its entity.

    With the source's ``layout`` (a preset such as HubSpot's): one file per
    entity, keyed by that CRM's own id column, the values under
    ``Odoo <label>`` headers, so that the CRM's import updates its records.
    """

    def __init__(self, path: Path | None, layout: Layout | None = None):
        if path is not None and path.suffix.lower() not in SUFFIXES:
            raise ConfigError(f"export output must end in .csv or .xlsx: {path}")
        if path is not None and not path.parent.is_dir():
            raise ConfigError(f"export output: folder {path.parent} does not exist")
        self.path = path
        self.layout = layout

    def write(self, view: CustomerView) -> dict[str, int]:
        if self.layout is None:
            header = [
                "entity",
                "source_id",
                "odoo_id",
                *(c.field for c in view.columns),
            ]
            lines = [
                [r.entity, r.source_id, r.odoo_id, *_values(r, view)] for r in view.rows
            ]
            _write(self.path, header, lines)
            return {"written": len(lines)}
        counts = {}
        for entity in sorted({r.entity for r in view.rows}):
            key = self._key_column(entity)
            header = [key, "Odoo ID", *(f"Odoo {c.label}" for c in view.columns)]
            lines = [
                [r.source_id, r.odoo_id, *_values(r, view)]
                for r in view.rows
                if r.entity == entity
            ]
            _write(self.entity_path(entity), header, lines)
            counts[entity] = len(lines)
        return counts

    def entity_path(self, entity: str) -> Path:
        return self.path.with_name(f"{self.path.stem}-{entity}{self.path.suffix}")

    def _key_column(self, entity: str) -> str:
        spec = self.layout.entities.get(entity)
        if spec is None:
            raise ConfigError(f"the {self.layout.name} layout has no {entity}")
        return spec.primary_keys[0]


def _values(row: ExportRow, view: CustomerView) -> list[str]:
    return [row.values[c.field] for c in view.columns]


def neutralised(value):
    """A cell a spreadsheet would run as a formula (OWASP CSV injection:
    leading ``= + - @``, tab or carriage return) gets a leading quote; a
    plain number such as ``+14155550100`` or ``-12.5`` is left as it is."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not NUMBER_RE.match(value)
    ):
        return "'" + value
    return value


def _write(path: Path | None, header: list, lines: list[list]) -> None:
    header = [neutralised(v) for v in header]
    lines = [[neutralised(v) for v in line] for line in lines]
    if path is None:
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(lines)
        return
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, header, lines)
        return
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(lines)


def _write_xlsx(path: Path, header: list, lines: list[list]) -> None:
    """Text cells stay text: openpyxl would store a string starting with
    ``=`` as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for line in [header, *lines]:
        cells = []
        for value in line:
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
