"""Export targets on hand-built customer views: files and SQL tables."""

import csv

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from bridge.errors import ConfigError
from bridge.sources.presets import HUBSPOT
from bridge.targets.base import Column, CustomerView, ExportRow, plain
from bridge.targets.files import FileTarget
from bridge.targets.sql import SqlTarget

COLUMNS = [
    Column("name", "Name"),
    Column("relationship_priority", "Customer Priority"),
    Column("relationship_segment_ids", "Segments"),
]


def view(priority: str = "key") -> CustomerView:
    return CustomerView(
        "hub",
        COLUMNS,
        [
            ExportRow("companies", "C1", 7, {"name": "Loja Azul",
                      "relationship_priority": priority,
                      "relationship_segment_ids": "Champions;Sao Paulo"}),
            ExportRow("contacts", "P1", 8, {"name": "Rita Azul",
                      "relationship_priority": "standard",
                      "relationship_segment_ids": ""}),
        ],
    )  # fmt: skip


def test_plain_values_from_rpc():
    assert plain(False) == ""
    assert plain([3, "Champions"]) == "Champions"
    assert plain([2, 1], {1: "Loyal", 2: "New"}) == "New;Loyal"
    assert plain(12.5) == "12.5"


def test_odoo_layout_is_one_csv(tmp_path):
    out = tmp_path / "view.csv"
    assert FileTarget(out).write(view()) == {"written": 2}
    rows = list(csv.DictReader(out.open()))
    assert rows[0] == {
        "entity": "companies", "source_id": "C1", "odoo_id": "7",
        "name": "Loja Azul", "relationship_priority": "key",
        "relationship_segment_ids": "Champions;Sao Paulo",
    }  # fmt: skip


def test_source_layout_is_one_file_per_entity_keyed_by_the_crm_id(tmp_path):
    target = FileTarget(tmp_path / "hubspot.xlsx", HUBSPOT)
    assert target.write(view()) == {"companies": 1, "contacts": 1}
    sheet = load_workbook(tmp_path / "hubspot-companies.xlsx").active
    header, first = list(sheet.values)
    assert header == ("Record ID", "Odoo ID", "Odoo Name", "Odoo Customer Priority",
                      "Odoo Segments")  # fmt: skip
    assert first == ("C1", 7, "Loja Azul", "key", "Champions;Sao Paulo")
    contacts = list(load_workbook(tmp_path / "hubspot-contacts.xlsx").active.values)
    assert contacts[1] == ("P1", 8, "Rita Azul", "standard", None)


def test_file_target_refuses_other_suffixes(tmp_path):
    with pytest.raises(ConfigError, match=r"\.csv or \.xlsx"):
        FileTarget(tmp_path / "view.json")


def _counts_over_three_exports(url: str) -> list[dict]:
    target = SqlTarget(url, "customers")
    counts = [target.write(view()), target.write(view())]
    counts.append(target.write(view(priority="priority")))
    return counts


def _table(url: str) -> list[dict]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM customers ORDER BY source_id"))
        return [dict(r._mapping) for r in rows]


def test_sql_upsert_is_idempotent_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'target.db'}"
    assert _counts_over_three_exports(url) == [
        {"created": 2, "updated": 0, "unchanged": 0},
        {"created": 0, "updated": 0, "unchanged": 2},
        {"created": 0, "updated": 1, "unchanged": 1},
    ]
    rows = _table(url)
    assert [(r["source_id"], r["relationship_priority"]) for r in rows] == [
        ("C1", "priority"), ("P1", "standard"),
    ]  # fmt: skip


def test_sql_adds_columns_the_addon_gained(tmp_path):
    url = f"sqlite:///{tmp_path / 'target.db'}"
    SqlTarget(url, "customers").write(view())
    grown = view()
    grown.columns = [*COLUMNS, Column("relationship_tier", "Tier")]
    for row in grown.rows:
        row.values["relationship_tier"] = "Gold"
    assert SqlTarget(url, "customers").write(grown)["updated"] == 2
    assert {r["relationship_tier"] for r in _table(url)} == {"Gold"}


def test_sql_dry_run_writes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'target.db'}"
    counts = SqlTarget(url, "customers", dry_run=True).write(view())
    assert counts["created"] == 2
    assert not sa.inspect(sa.create_engine(url)).has_table("customers")


def test_sql_target_refuses_bad_names_and_dialects(tmp_path):
    with pytest.raises(ConfigError, match="plain SQL name"):
        SqlTarget(f"sqlite:///{tmp_path / 't.db'}", "customers; drop table x")
    with pytest.raises(ConfigError, match="export --sql"):
        SqlTarget("nosuchdb://x/y", "customers")


def test_sql_upsert_is_idempotent_on_postgresql(pg_url):
    url = pg_url.replace("postgresql://", "postgresql+psycopg://")
    assert _counts_over_three_exports(url) == [
        {"created": 2, "updated": 0, "unchanged": 0},
        {"created": 0, "updated": 0, "unchanged": 2},
        {"created": 0, "updated": 1, "unchanged": 1},
    ]
    assert len(_table(url)) == 2


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd", "-2+3", "\tTAB", "\rCR"]  # fmt: skip


def formula_view() -> CustomerView:
    numbers = {"relationship_priority": "+14155550100",
               "relationship_segment_ids": "-12.5"}  # fmt: skip
    rows = [ExportRow("contacts", f"P{i}", i, {"name": text, **numbers})
            for i, text in enumerate(FORMULAS)]  # fmt: skip
    return CustomerView("hub", COLUMNS, rows)


def test_csv_export_neutralises_formulas(tmp_path):
    out = tmp_path / "view.csv"
    FileTarget(out).write(formula_view())
    rows = list(csv.DictReader(out.open(newline="")))
    assert [r["name"] for r in rows] == ["'" + text for text in FORMULAS]
    assert {r["relationship_priority"] for r in rows} == {"+14155550100"}
    assert {r["relationship_segment_ids"] for r in rows} == {"-12.5"}


def test_xlsx_export_holds_no_formula(tmp_path):
    out = tmp_path / "view.xlsx"
    FileTarget(out).write(formula_view())
    sheet = load_workbook(out).active
    cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    # XML reads a carriage return back as a line feed
    assert [c.value for c in cells] == [
        "'" + text.replace("\r", "\n") for text in FORMULAS
    ]
    assert {c.data_type for row in sheet.iter_rows() for c in row} <= {"s", "n"}


def test_export_to_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        FileTarget(tmp_path / "no" / "such" / "view.csv").write(view())
