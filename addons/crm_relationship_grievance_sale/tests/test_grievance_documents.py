# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.crm_relationship_grievance.tests.common import GrievanceCommon

REPORTER = "crm_relationship_grievance.group_crm_relationship_grievance_report"


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

    def test_sales_and_invoicing_users_report_grievances(self):
        """Sales and Invoicing users are Grievance Reporters: they report
        from their documents and read their own, not the others'."""
        salesperson = new_test_user(
            self.env, login="grv_doc_sales", groups="sales_team.group_sale_salesman"
        )
        accountant = new_test_user(
            self.env, login="grv_doc_invoicing", groups="account.group_account_invoice"
        )
        for user in (salesperson, accountant):
            self.assertTrue(user.has_group(REPORTER), user.login)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": salesperson.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        action = order.with_user(salesperson).action_new_grievance()
        with Form(
            self.env["crm.relationship.grievance"]
            .with_user(salesperson)
            .with_context(**action["context"])
        ) as form:
            form.name = "Wrong colour"
        grievance = form.record
        self.assertEqual(
            grievance.user_id, salesperson, "the order's salesperson comes first"
        )
        self.assertEqual(
            order.with_user(salesperson).grievance_count, 1, "counted for them"
        )
        others = self._grievance(name="Not theirs")
        Grievance = self.env["crm.relationship.grievance"]
        self.assertEqual(
            Grievance.with_user(accountant).search(
                [("id", "in", (grievance | others).ids)]
            ),
            Grievance,
        )
        self.assertEqual(
            Grievance.with_user(salesperson).search(
                [("id", "in", (grievance | others).ids)]
            ),
            grievance,
        )
        with self.assertRaises(AccessError):
            grievance.with_user(salesperson).write({"sla_status": "on_track"})

    def test_reporter_links_only_documents_they_read(self):
        """A salesperson who reads their own orders only cannot put another
        salesperson's order (or an invoice they cannot read) on a grievance
        by its id."""
        mine, theirs = (
            new_test_user(
                self.env, login=login, groups="sales_team.group_sale_salesman"
            )
            for login in ("grv_doc_own", "grv_doc_other")
        )
        their_order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": theirs.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        my_order = their_order.copy({"user_id": mine.id})
        Grievance = self.env["crm.relationship.grievance"].with_user(mine)
        before = Grievance.sudo().search_count([])
        with self.assertRaises(AccessError):
            Grievance.create(
                {
                    "name": "Borrowed order",
                    "partner_id": self.customer.id,
                    "sale_order_id": their_order.id,
                }
            )
        self.assertEqual(Grievance.sudo().search_count([]), before)
        grievance = Grievance.create(
            {
                "name": "My order",
                "partner_id": self.customer.id,
                "sale_order_id": my_order.id,
            }
        )
        self.assertEqual(grievance.user_id, mine)
        with self.assertRaises(AccessError):
            grievance.write({"sale_order_id": their_order.id})
        invoice = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        with self.assertRaises(AccessError):
            grievance.write({"invoice_id": invoice.id})
        self.assertEqual(grievance.sale_order_id, my_order)
        self.assertFalse(grievance.invoice_id)
