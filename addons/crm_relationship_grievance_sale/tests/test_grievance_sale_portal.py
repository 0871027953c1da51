# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.http import Request
from odoo.tests import tagged
from odoo.tools import format_amount, format_date

from odoo.addons.crm_relationship_grievance.tests.common import GrievancePortalCommon


@tagged("post_install", "-at_install")
class TestGrievanceSalePortal(GrievancePortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Mesa"})
        cls.order_a, cls.order_b = cls.env["sale.order"].create(
            [
                {
                    "partner_id": company.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                }
                for company in (cls.company_a, cls.company_b)
            ]
        )
        (cls.order_a | cls.order_b).action_confirm()

    def _submit(self, order):
        return self.url_open(
            "/my/grievances/new",
            data={
                "name": "About my order",
                "description": "The table wobbles",
                "sale_order_id": str(order.id),
                "csrf_token": Request.csrf_token(self),
            },
        )

    def test_only_own_orders_are_offered_and_accepted(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        form = self.url_open("/my/grievances/new")
        self.assertIn(self.order_a.name, form.text)
        self.assertNotIn(self.order_b.name, form.text, "B's orders are not offered")
        label = " - ".join(
            [
                self.order_a.name,
                format_date(self.env, self.order_a.date_order),
                format_amount(
                    self.env, self.order_a.amount_total, self.order_a.currency_id
                ),
            ]
        )
        self.assertIn(label, form.text.replace("&nbsp;", "\xa0"), "date and amount")
        self.assertIn("Mesa", form.text, "the products the customer bought")
        Grievance = self.env["crm.relationship.grievance"]
        before = Grievance.search_count([])
        response = self._submit(self.order_b)
        self.assertIn("Unknown order", response.text)
        self.assertEqual(Grievance.search_count([]), before)

        self._submit(self.order_a)
        created = Grievance.search([("name", "=", "About my order")])
        self.assertRecordValues(
            created,
            [
                {
                    "sale_order_id": self.order_a.id,
                    "partner_id": self.portal_a.partner_id.id,
                }
            ],
        )
        self.assertEqual(created.product_ids, self.product)
