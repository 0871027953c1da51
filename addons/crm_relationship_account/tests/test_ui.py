# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAccountingTour(HttpCase):
    def test_invoicing_user_reads_the_accounting_block(self):
        """Deco Addict of the demo data, with its posted invoices (and the
        demo's unreconciled payments, which leave its receivable at 0) and
        one more, invoiced 30 days ago and paid 10 days ago."""
        customer = self.env.ref("base.res_partner_2")
        today = fields.Date.context_today(customer)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": today - timedelta(days=30),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Tour service", "price_unit": 500.0, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": today - timedelta(days=10)})._create_payments()
        self.assertEqual(invoice.payment_state, "paid")
        new_test_user(
            self.env,
            login="crm_rel_tour_invoicing",
            password="crm_rel_tour_invoicing",
            groups="account.group_account_invoice",
            name="Tour Invoicing Ivy",
        )
        self.start_tour(
            f"/odoo/action-account.res_partner_action_customer/{customer.id}",
            "crm_relationship_account_tour",
            login="crm_rel_tour_invoicing",
        )
