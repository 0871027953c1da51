# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGrievanceOrderTour(HttpCase):
    def test_salesperson_reports_grievance_from_order(self):
        salesperson = new_test_user(
            self.env,
            login="grv_tour_sales",
            password="grv_tour_sales",
            groups="sales_team.group_sale_salesman,"
            "crm_relationship.group_crm_relationship_user",
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Loja Verde", "is_company": True, "user_id": salesperson.id}
        )
        product = self.env["product.product"].create({"name": "Tour Mesa Verde"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": salesperson.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "crm_relationship_grievance_order_tour",
            login="grv_tour_sales",
        )
        grievance = self.env["crm.relationship.grievance"].search(
            [("name", "=", "Tour: table arrived scratched")]
        )
        self.assertRecordValues(
            grievance,
            [
                {
                    "sale_order_id": order.id,
                    "commercial_partner_id": customer.id,
                    "user_id": salesperson.id,
                    "priority": "3",
                }
            ],
        )
        self.assertEqual(grievance.product_ids, product)
        self.assertEqual(order.grievance_count, 1)
