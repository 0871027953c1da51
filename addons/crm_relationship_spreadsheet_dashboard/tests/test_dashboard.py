# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import file_open

DASHBOARD = (
    "crm_relationship_spreadsheet_dashboard/data/files/crm_relationship_dashboard.json"
)


@tagged("post_install", "-at_install")
class TestDashboard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open(DASHBOARD) as f:
            cls.spreadsheet = json.load(f)

    def _check_field(self, model, spec, what, grouped=True):
        """``spec``: a field name, ``__count``, or ``field:granularity``."""
        self.assertIn(model, self.env, f"{what}: no model {model}")
        if spec == "__count":
            return
        name = spec.split(":")[0]
        field = self.env[model]._fields.get(name)
        self.assertTrue(field, f"{what}: no field {model}.{name}")
        if grouped:
            self.assertTrue(
                field.store and field.column_type,
                f"{what}: {model}.{name} is not a stored column: no read_group",
            )

    def _check_domain(self, model, domain, what):
        for leaf in domain:
            if isinstance(leaf, list):
                self._check_field(
                    model, leaf[0].split(".")[0], f"{what} (domain)", grouped=False
                )
        self.env[model].search_count(domain)  # a valid domain

    def test_pivots_read_existing_fields(self):
        pivots = self.spreadsheet["pivots"]
        self.assertTrue(pivots)
        for pivot_id, pivot in pivots.items():
            what = f"pivot {pivot_id} ({pivot['name']})"
            model = pivot["model"]
            for measure in pivot["measures"]:
                self._check_field(model, measure["fieldName"], what)
            for group in pivot["rows"] + pivot["columns"]:
                self._check_field(model, group["fieldName"], what)
            self._check_domain(model, pivot["domain"], what)
            # the pivot's figures, as the spreadsheet asks for them
            groupby = [g["fieldName"] for g in pivot["rows"]]
            self.env[model].read_group(
                pivot["domain"],
                [
                    m["fieldName"]
                    for m in pivot["measures"]
                    if m["fieldName"] != "__count"
                ],
                groupby,
                lazy=False,
            )

    def test_charts_read_existing_fields(self):
        charts = [
            figure["data"]
            for sheet in self.spreadsheet["sheets"]
            for figure in sheet["figures"]
            if figure["data"]["type"].startswith("odoo_")
        ]
        self.assertGreaterEqual(len(charts), 6)
        for chart in charts:
            meta = chart["metaData"]
            what = f"chart {chart['title']['text']!r}"
            self._check_field(meta["resModel"], meta["measure"], what)
            for group in meta["groupBy"]:
                self._check_field(meta["resModel"], group, what)
            self._check_domain(meta["resModel"], chart["searchParams"]["domain"], what)

    def test_formulas_name_defined_pivots(self):
        pivots = self.spreadsheet["pivots"]
        for sheet in self.spreadsheet["sheets"]:
            for ref, cell in sheet["cells"].items():
                for match in re.finditer(
                    r'PIVOT\.(?:VALUE|HEADER)\((\d+),"([^"]+)"(?:,"#?([^"]+)")?',
                    cell.get("content", ""),
                ):
                    pivot_id, first, group = match.groups()
                    self.assertIn(pivot_id, pivots, f"{sheet['name']}!{ref}")
                    pivot = pivots[pivot_id]
                    names = [m["fieldName"] for m in pivot["measures"]]
                    names += [g["fieldName"] for g in pivot["rows"]]
                    self.assertIn(first.lstrip("#"), names, f"{sheet['name']}!{ref}")
                    if group:
                        self.assertIn(
                            group,
                            [g["fieldName"] for g in pivot["rows"]],
                            f"{sheet['name']}!{ref}",
                        )
        for figure in self.spreadsheet["sheets"][0]["figures"]:
            key = figure["data"].get("keyValue")
            if key:
                sheet_name, ref = key.split("!")
                sheet = next(
                    s for s in self.spreadsheet["sheets"] if s["name"] == sheet_name
                )
                self.assertIn(ref, sheet["cells"], f"scorecard {key}")

    def test_dashboard_in_its_group(self):
        dashboard = self.env.ref(
            "crm_relationship_spreadsheet_dashboard.spreadsheet_dashboard_crm_relationship"
        )
        group = self.env.ref(
            "crm_relationship_spreadsheet_dashboard.spreadsheet_dashboard_group_crm_relationship"
        )
        self.assertEqual(dashboard.dashboard_group_id, group)
        self.assertIn(dashboard, group.dashboard_ids)
        self.assertTrue(dashboard.is_published)
        self.assertIn(
            self.env.ref("crm_relationship.group_crm_relationship_user"),
            dashboard.group_ids,
        )
        # what the Dashboards app loads
        data = dashboard.get_readonly_dashboard()
        self.assertEqual(
            data["snapshot"]["pivots"].keys(), self.spreadsheet["pivots"].keys()
        )


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_dashboard_opens_in_the_dashboards_app(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "crm_relationship_dashboard_tour",
            login="admin",
        )
