# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

REPORTER = "crm_relationship_grievance.group_crm_relationship_grievance_report"


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


@tagged("post_install", "-at_install")
class TestGrievanceRoleTours(HttpCase):
    """One tour per role without the Relationship group, on the demo data:
    the customer's priority comes with the glue add-on
    crm_relationship_grievance_value (installed with the application)."""

    def setUp(self):
        super().setUp()
        if "customer_priority" not in self.env["crm.relationship.grievance"]._fields:
            self.skipTest(
                "the customer priority needs crm_relationship_grievance_value"
            )
        self.key_order = self.env["sale.order"].search(
            [("state", "=", "sale"), ("partner_id.relationship_priority", "=", "key")],
            order="id",
            limit=1,
        )
        if not self.key_order:
            self.skipTest("no confirmed order of a Key customer in the demo data")

    def test_salesperson_reports_from_a_key_customers_order(self):
        salesperson = new_test_user(
            self.env,
            login="grv_tour_sara",
            password="grv_tour_sara",
            groups="sales_team.group_sale_salesman",
            name="Tour Sara Salesperson",
        )
        self.assertTrue(salesperson.has_group(REPORTER))
        self.assertFalse(
            salesperson.has_group("crm_relationship.group_crm_relationship_user")
        )
        self.key_order.user_id = salesperson  # own documents only
        self.start_tour(
            f"/odoo/action-sale.action_orders/{self.key_order.id}",
            "crm_relationship_grievance_salesperson_tour",
            login="grv_tour_sara",
        )
        grievance = self.env["crm.relationship.grievance"].search(
            [("name", "=", "Tour: chair legs uneven")]
        )
        self.assertRecordValues(
            grievance,
            [
                {
                    "sale_order_id": self.key_order.id,
                    "user_id": salesperson.id,
                    "create_uid": salesperson.id,
                }
            ],
        )

    def test_accountant_reports_from_a_key_customers_invoice(self):
        accountant = new_test_user(
            self.env,
            login="grv_tour_ines",
            password="grv_tour_ines",
            groups="account.group_account_invoice",
            name="Tour Ines Accountant",
        )
        self.assertTrue(accountant.has_group(REPORTER))
        customer = self.key_order.partner_id
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_user_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.key_order.order_line[:1].product_id.id,
                            "quantity": 1,
                            "price_unit": 40.0,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self.start_tour(
            f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
            "crm_relationship_grievance_accountant_tour",
            login="grv_tour_ines",
        )
        grievance = self.env["crm.relationship.grievance"].search(
            [("name", "=", "Tour: invoiced twice")]
        )
        self.assertEqual(grievance.invoice_id, invoice)
        self.assertEqual(grievance.customer_priority, "key")
        self.assertTrue(grievance.user_id)
