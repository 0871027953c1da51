# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestDaysToPay(AccountTestInvoicingCommon):
    """The average days to pay as a value figure: recomputed with the other
    figures, on the contact, in priority rules and segment rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.env.user.groups_id |= cls.env.ref(
            "crm_relationship.group_crm_relationship_manager"
        )
        cls.company.crm_relationship_value_source = "invoice"
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        Partner = cls.env["res.partner"]
        cls.fast, cls.slow, cls.unpaid = Partner.create(
            [
                {"name": f"DTP {name}", "is_company": True}
                for name in ("Fast", "Slow", "Unpaid")
            ]
        )
        cls.fast_buyer = Partner.create(
            {"name": "DTP Fast Buyer", "parent_id": cls.fast.id}
        )
        cls.user = new_test_user(
            cls.env,
            login="crm_rel_dtp_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.salesman = new_test_user(
            cls.env,
            login="crm_rel_dtp_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        # Fast: paid in 10 and 20 days (15 on average, one invoice to a
        # contact); Slow: in 50 days; one paid 400 days ago is out of the
        # window; Unpaid: nothing paid.
        cls._pay(cls._invoice(cls.fast, 100), 90)
        cls._pay(cls._invoice(cls.fast_buyer, 40), 20)
        cls._pay(cls._invoice(cls.slow, 80), 30)
        cls._pay(cls._invoice(cls.fast, 500), 400)
        cls._invoice(cls.unpaid, 10)
        cls.env["crm.relationship.partner.metrics"]._recompute(cls.company)

    @classmethod
    def _invoice(cls, partner, days_ago):
        return cls.init_invoice(
            "out_invoice",
            partner=partner,
            invoice_date=cls.today - timedelta(days=days_ago),
            amounts=[100.0],
            taxes=cls.env["account.tax"],
            post=True,
        )

    @classmethod
    def _pay(cls, invoice, days_ago):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"payment_date": cls.today - timedelta(days=days_ago)}
        )._create_payments()

    def _metrics(self, partner):
        return self.env["crm.relationship.partner.metrics"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def test_metrics_and_contact(self):
        self.assertAlmostEqual(self._metrics(self.fast).days_to_pay, 15.0)
        self.assertAlmostEqual(self._metrics(self.slow).days_to_pay, 50.0)
        self.assertTrue(self._metrics(self.unpaid), "a customer with an invoice")
        self.assertFalse(self._metrics(self.unpaid).days_to_pay)
        # The same figure as the Accounting block's, from the same query.
        self.assertEqual(
            self.env["res.partner"]._relationship_days_to_pay(
                self.fast | self.slow, self.company
            ),
            {self.fast.id: 15.0, self.slow.id: 50.0},
        )
        Partner = self.env["res.partner"].with_user(self.user)
        self.assertAlmostEqual(
            Partner.browse(self.fast_buyer.id).relationship_payment_days, 15.0
        )
        customers = [("id", "in", (self.fast | self.slow | self.unpaid).ids)]
        # In Odoo's domains an empty figure is 0: "<= 30" takes the customers
        # without any paid invoice too, "> 0" leaves them out.
        self.assertEqual(
            Partner.search([("relationship_payment_days", "<=", 30), *customers]),
            self.fast | self.unpaid,
        )
        self.assertEqual(
            Partner.search(
                [
                    ("relationship_payment_days", "<=", 30),
                    ("relationship_payment_days", ">", 0),
                    *customers,
                ]
            ),
            self.fast,
        )
        # A value figure: not for users outside the Relationship group.
        with self.assertRaises(AccessError):
            self.fast.with_user(self.salesman).read(["relationship_payment_days"])
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.salesman).search(
                [("relationship_payment_days", "<=", 30)]
            )

    def test_priority_rule(self):
        rule = self.env["crm.relationship.priority.rule"].create(
            {
                "name": "Pays within 30 days",
                "company_id": self.company.id,
                "level": "priority",
                "rule_type": "days_to_pay",
                "days_to_pay_max": 30,
            }
        )
        self.assertEqual(rule._matching_partner_ids(), [self.fast.id])
        rule.action_apply()
        self.assertEqual(self.fast.relationship_priority, "priority")
        self.assertEqual(self.fast_buyer.relationship_priority, "priority")
        self.assertEqual(self.slow.relationship_priority, "standard")
        self.assertEqual(self.unpaid.relationship_priority, "standard")

    def test_segment_rule(self):
        segment = self.env["crm.relationship.segment"].create(
            {
                "name": "Slow payers",
                "company_id": self.company.id,
                "domain": "[('relationship_payment_days', '>', 30)]",
            }
        )
        segment._refresh_members()
        self.assertEqual(segment.partner_ids, self.slow)
