"""Write the "Customer Relationship" spreadsheet dashboard (Odoo's Dashboards
app) of the add-on ``crm_relationship_spreadsheet_dashboard``.

    .venv/bin/python scripts/build_dashboard.py

The JSON is Odoo 18's spreadsheet format (version 21), as in Odoo's own
``spreadsheet_dashboard_sale/data/files/sales_dashboard.json``: a "Dashboard"
sheet with scorecards and Odoo charts (each reads one model through
``read_group``), a table of value by RFM segment from a pivot, and a "Data"
sheet with the pivots' figures the scorecards point at. Written from here
rather than by hand so that a field renamed in the add-ons is renamed once;
the add-on's test checks every model, measure and group-by against the
registry.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = (
    REPO
    / "addons/crm_relationship_spreadsheet_dashboard/data/files"
    / "crm_relationship_dashboard.json"
)

METRICS = "crm.relationship.partner.metrics"
GRIEVANCE = "crm.relationship.grievance"
PARTNER = "res.partner"
BUYERS = [["order_count", ">", 0]]
CUSTOMERS = [["sale_order_ids", "!=", False], ["parent_id", "=", False]]
SEGMENTS = 11  # Odoo-style RFM segments shipped by crm_relationship_value


def pivot(pid, name, model, measures, rows=(), domain=()):
    return {
        "type": "ODOO",
        "fieldMatching": {},
        "context": {},
        "domain": list(domain),
        "id": str(pid),
        "formulaId": str(pid),
        "measures": [{"id": m, "fieldName": m} for m in measures],
        "model": model,
        "name": name,
        "columns": [],
        "rows": [{"fieldName": r} for r in rows],
    }


PIVOTS = {
    "1": pivot(
        1,
        "Customer value by RFM segment",
        METRICS,
        ["__count", "revenue", "margin"],
        ["rfm_segment_id"],
        BUYERS,
    ),
    "2": pivot(3, "Grievances by SLA status", GRIEVANCE, ["__count"], ["sla_status"]),
    "3": pivot(3, "Customers with value", METRICS, ["__count", "revenue"], [], BUYERS),
    "4": pivot(
        4, "Open grievances", GRIEVANCE, ["__count"], [], [["is_closed", "=", False]]
    ),
}
# ids are the keys
for key, value in PIVOTS.items():
    value["id"] = value["formulaId"] = key


def odoo_chart(fid, x, y, title, kind, model, measure, group_by, domain=(), **extra):
    data = {
        "title": {"text": title, "bold": True, "color": "#434343"},
        "background": "#FFFFFF",
        "legendPosition": "top" if kind == "pie" else "none",
        "metaData": {
            "groupBy": list(group_by),
            "measure": measure,
            "order": None,
            "resModel": model,
            "mode": kind,
        },
        "searchParams": {
            "comparison": None,
            "context": {},
            "domain": list(domain),
            "groupBy": list(group_by),
            "orderBy": [],
        },
        "type": f"odoo_{kind}",
    }
    if kind != "pie":
        data.update(verticalAxisPosition="left", stacked=False)
    if kind == "line":
        data["fillArea"] = True
    data.update(extra)
    return {
        "id": fid,
        "x": x,
        "y": y,
        "width": 530,
        "height": 340,
        "tag": "chart",
        "data": data,
    }


def scorecard(fid, x, title, cell):
    return {
        "id": fid,
        "x": x,
        "y": 45,
        "width": 255,
        "height": 100,
        "tag": "chart",
        "data": {
            "title": {"text": title, "bold": True, "color": "#434343"},
            "type": "scorecard",
            "background": "#EFF6FF",
            "baselineColorDown": "#DC6965",
            "baselineColorUp": "#00A04A",
            "baselineMode": "text",
            "keyValue": cell,
            "humanize": False,
        },
    }


LEFT, RIGHT = 0, 555
ROWS = [165, 525, 885, 1245]
FIGURES = [
    scorecard("crm_rel_kpi_customers", 0, "Customers with value", "Data!B2"),
    scorecard("crm_rel_kpi_revenue", 270, "Revenue", "Data!B3"),
    scorecard("crm_rel_kpi_open", 540, "Open grievances", "Data!B4"),
    scorecard("crm_rel_kpi_sla", 810, "SLA compliance", "Data!B5"),
    odoo_chart(
        "crm_rel_revenue_by_segment", LEFT, ROWS[0], "Revenue by RFM segment",
        "bar", METRICS, "revenue", ["rfm_segment_id"], BUYERS,
    ),
    odoo_chart(
        "crm_rel_customers_by_priority", RIGHT, ROWS[0], "Customers by priority",
        "pie", PARTNER, "__count", ["relationship_priority"], CUSTOMERS,
    ),
    odoo_chart(
        "crm_rel_customers_by_quadrant", LEFT, ROWS[1],
        "Customers by loyalty x profitability", "pie", METRICS, "__count",
        ["quadrant"], BUYERS,
    ),
    odoo_chart(
        "crm_rel_sla_status", RIGHT, ROWS[1], "Grievances by SLA status",
        "pie", GRIEVANCE, "__count", ["sla_status"],
    ),
    odoo_chart(
        "crm_rel_grievances_opened", LEFT, ROWS[2], "Grievances received per week",
        "line", GRIEVANCE, "__count", ["date_received:week"],
    ),
    odoo_chart(
        "crm_rel_grievances_closed", RIGHT, ROWS[2], "Grievances closed per week",
        "line", GRIEVANCE, "__count", ["date_closed:week"],
        [["date_closed", "!=", False]],
    ),
    odoo_chart(
        "crm_rel_breaches_by_category", LEFT, ROWS[3], "SLA breaches by category",
        "bar", GRIEVANCE, "__count", ["category_id"],
        [["sla_status", "=", "breached"]],
    ),
    odoo_chart(
        "crm_rel_open_by_stage", RIGHT, ROWS[3], "Open grievances by stage",
        "bar", GRIEVANCE, "__count", ["stage_id"], [["is_closed", "=", False]],
    ),
]  # fmt: skip

TABLE_ROW = 70  # below the charts (rows of 23 px)


def dashboard_sheet():
    cells = {
        "A1": {"content": "Customer Relationship"},
        f"A{TABLE_ROW}": {"content": "Value by RFM segment"},
        f"A{TABLE_ROW + 1}": {"content": '=_t("Segment")'},
        f"B{TABLE_ROW + 1}": {"content": '=_t("Customers")'},
        f"C{TABLE_ROW + 1}": {"content": '=_t("Revenue")'},
        f"D{TABLE_ROW + 1}": {"content": '=_t("Margin")'},
    }
    for n in range(1, SEGMENTS + 1):
        row = TABLE_ROW + 1 + n
        cells[f"A{row}"] = {"content": f'=PIVOT.HEADER(1,"#rfm_segment_id",{n})'}
        for col, measure in zip("BCD", ["__count", "revenue", "margin"], strict=True):
            cells[f"{col}{row}"] = {
                "content": f'=PIVOT.VALUE(1,"{measure}","#rfm_segment_id",{n})'
            }
    last = TABLE_ROW + 1 + SEGMENTS
    return {
        "id": "crm_relationship_dashboard",
        "name": "Dashboard",
        "colNumber": 8,
        "rowNumber": last + 5,
        "rows": {},
        "cols": {"0": {"size": 260}, "1": {"size": 120}, "2": {"size": 150}},
        "merges": [],
        "cells": cells,
        "styles": {
            "A1": 1,
            f"A{TABLE_ROW}": 2,
            f"A{TABLE_ROW + 1}:D{TABLE_ROW + 1}": 3,
        },
        "formats": {f"C{TABLE_ROW + 2}:D{last}": 2},
        "borders": {f"A{TABLE_ROW + 1}:D{TABLE_ROW + 1}": 1},
        "conditionalFormats": [],
        "figures": FIGURES,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }


def data_sheet():
    cells = {
        "A1": {"content": '=_t("KPI")'},
        "B1": {"content": '=_t("Value")'},
        "A2": {"content": '=_t("Customers with value")'},
        "B2": {"content": '=PIVOT.VALUE(3,"__count")'},
        "A3": {"content": '=_t("Revenue")'},
        "B3": {"content": '=FORMAT.LARGE.NUMBER(PIVOT.VALUE(3,"revenue"))'},
        "A4": {"content": '=_t("Open grievances")'},
        "B4": {"content": '=PIVOT.VALUE(4,"__count")'},
        "A5": {"content": '=_t("SLA compliance")'},
        "B5": {
            "content": '=IFERROR(1-PIVOT.VALUE(2,"__count","sla_status","breached")'
            '/PIVOT.VALUE(2,"__count"),"")'
        },
    }
    return {
        "id": "crm_relationship_dashboard_data",
        "name": "Data",
        "colNumber": 4,
        "rowNumber": 10,
        "rows": {},
        "cols": {"0": {"size": 200}, "1": {"size": 120}},
        "merges": [],
        "cells": cells,
        "styles": {"A1:B1": 3},
        "formats": {"B5": 1},
        "borders": {},
        "conditionalFormats": [],
        "figures": [],
        "tables": [],
        "areGridLinesVisible": True,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }


def spreadsheet():
    return {
        "version": 21,
        "sheets": [dashboard_sheet(), data_sheet()],
        "styles": {
            "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
            "2": {"bold": True, "fontSize": 11, "textColor": "#434343"},
            "3": {"bold": True, "textColor": "#434343"},
        },
        "formats": {"1": "0.0%", "2": "#,##0.00"},
        "borders": {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "pivots": PIVOTS,
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {},
    }


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(spreadsheet(), indent=1, ensure_ascii=False) + "\n")
    print(f"{TARGET.relative_to(REPO)}: {TARGET.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
