# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.crm_relationship_grievance.tests.common import GrievanceCommon


@tagged("post_install", "-at_install")
class TestGrievanceDocuments(GrievanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Cadeira Azul", "list_price": 100.0}
        )

    def test_quick_create_and_counts_on_documents(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        action = order.action_new_grievance()
        form = Form(
            self.env["crm.relationship.grievance"]
            .with_user(self.user)
            .with_context(**action["context"])
        )
        form.name = "Chair arrived broken"
        grievance = form.save()
        self.assertEqual(grievance.sale_order_id, order)
        self.assertEqual(grievance.product_ids, self.product)
        self.assertEqual(order.grievance_count, 1)
        self.assertEqual(
            order.action_view_grievances()["domain"], [("sale_order_id", "=", order.id)]
        )

        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 100})
                ],
            }
        )
        action = invoice.action_new_grievance()
        grievance_inv = (
            self.env["crm.relationship.grievance"]
            .with_context(**action["context"])
            .create({"name": "Charged twice"})
        )
        self.assertEqual(grievance_inv.invoice_id, invoice)
        self.assertEqual(invoice.grievance_count, 1)

        self.assertEqual(self.contact.grievance_count, 2, "counted on the company")
        self.assertEqual(self.customer.grievance_count, 2)
        self.assertEqual(self.customer.grievance_sla_status, "on_track")
        grievance.sudo().sla_breach_date = "2026-01-01 00:00:00"  # as escalation
        self.customer.invalidate_recordset(["grievance_sla_status"])
        self.assertEqual(self.customer.grievance_sla_status, "breached")
        action = self.customer.action_new_grievance()
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
