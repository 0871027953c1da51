# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestAccountingBlock(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.customer = cls.env["res.partner"].create(
            {"name": "Block Co", "is_company": True}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Block Buyer", "parent_id": cls.customer.id}
        )
        cls.invoicing = new_test_user(
            cls.env,
            login="crm_rel_invoicing",
            groups="account.group_account_invoice",
            company_id=cls.env.company.id,
            company_ids=[(6, 0, cls.env.company.ids)],
        )
        cls.salesman = new_test_user(
            cls.env, login="crm_rel_no_invoicing", groups="base.group_user"
        )

    def _invoice(self, partner, days_ago, amount):
        invoice = self.init_invoice(
            "out_invoice",
            partner=partner,
            invoice_date=self.today - timedelta(days=days_ago),
            amounts=[amount],
            taxes=self.env["account.tax"],
            post=True,
        )
        return invoice

    def _pay(self, invoice, days_ago):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"payment_date": self.today - timedelta(days=days_ago)}
        )._create_payments()

    def test_block_for_an_invoicing_user(self):
        # Paid in 20 and 40 days: 30 on average; one paid 400 days ago is out.
        paid_20 = self._invoice(self.customer, 100, 100.0)
        self._pay(paid_20, 80)
        paid_40 = self._invoice(self.buyer, 60, 100.0)
        self._pay(paid_40, 20)
        old = self._invoice(self.customer, 500, 100.0)
        self._pay(old, 400)
        # Overdue: due 30 days ago, not paid; a recent one is not due yet.
        overdue = self._invoice(self.customer, 60, 250.0)
        overdue.invoice_date_due = self.today - timedelta(days=30)
        overdue.line_ids.filtered(
            "date_maturity"
        ).date_maturity = overdue.invoice_date_due
        self._invoice(self.customer, 0, 70.0)
        self.customer.with_company(self.env.company).write(
            {"credit_limit": 1000.0, "use_partner_credit_limit": True}
        )
        self.customer.accounting_user_id = self.invoicing
        self.assertEqual(
            self.buyer.accounting_user_id, self.invoicing, "commercial field"
        )
        partner = self.customer.with_user(self.invoicing)
        self.assertAlmostEqual(partner.relationship_days_to_pay, 30.0)
        self.assertAlmostEqual(partner.relationship_overdue_amount, 250.0)
        self.assertAlmostEqual(partner.credit, 320.0)
        self.assertAlmostEqual(partner.relationship_credit_use, 32.0)
        self.assertAlmostEqual(
            self.buyer.with_user(self.invoicing).relationship_days_to_pay, 30.0
        )
        # The block is in the Relationship tab of the form, for invoicing
        # users only.
        both = new_test_user(
            self.env,
            login="crm_rel_invoicing_relationship",
            groups="account.group_account_invoice,crm_relationship.group_crm_relationship_user",
        )
        relationship_only = new_test_user(
            self.env,
            login="crm_rel_relationship_only",
            groups="crm_relationship.group_crm_relationship_user",
        )

        def form(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn("relationship_days_to_pay", form(both))
        self.assertNotIn("relationship_days_to_pay", form(relationship_only))

    def test_hidden_from_users_without_invoicing(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).read(["relationship_overdue_amount"])

    def test_invoicing_user_without_relationship_group(self):
        """The Relationship tab shows to every employee: an Invoicing user
        outside the Relationship group gets the Accounting block and its
        figures; a Relationship user outside Invoicing gets neither."""
        self.assertFalse(
            self.invoicing.has_group("crm_relationship.group_crm_relationship_user")
        )
        paid = self._invoice(self.customer, 50, 100.0)
        self._pay(paid, 38)
        self._invoice(self.customer, 0, 40.0)
        Partner = self.env["res.partner"].with_user(self.invoicing)
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        for name in (
            "crm_relationship_accounting",
            "accounting_user_id",
            "relationship_overdue_amount",
            "relationship_days_to_pay",
            "relationship_credit_use",
        ):
            self.assertIn(f'name="{name}"', arch)
        # read only: Invoicing alone does not edit contacts
        form = Form(Partner.browse(self.customer.id))
        self.assertAlmostEqual(form.relationship_days_to_pay, 12.0)
        self.assertAlmostEqual(form.credit, 40.0)
        # not due yet
        self.assertAlmostEqual(form.relationship_overdue_amount, 0.0)
        values = Partner.browse(self.buyer.id).read(
            ["relationship_days_to_pay", "relationship_overdue_amount", "credit"]
        )[0]
        self.assertAlmostEqual(values["relationship_days_to_pay"], 12.0)

        relationship_user = new_test_user(
            self.env,
            login="crm_rel_relationship_user_only",
            groups="crm_relationship.group_crm_relationship_user",
        )
        Partner = self.env["res.partner"].with_user(relationship_user)
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="crm_relationship"', arch, "the Relationship tab")
        self.assertNotIn("crm_relationship_accounting", arch)
        self.assertNotIn("relationship_days_to_pay", arch)
        for name in (
            "relationship_days_to_pay",
            "relationship_overdue_amount",
            "relationship_credit_use",
        ):
            with self.assertRaises(AccessError):
                Partner.browse(self.customer.id).read([name])
