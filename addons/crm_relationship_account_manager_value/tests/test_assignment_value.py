# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_relationship_account_manager.tests.common import (
    AccountManagerCommon,
)


@tagged("post_install", "-at_install")
class TestAssignmentValue(AccountManagerCommon):
    @classmethod
    def _prioritise(cls, partners, level):
        partners.write(
            {
                "relationship_priority_manual": level,
                "relationship_priority_reason": "Test",
            }
        )

    def _run(self):
        changes, unplaced = self.Rule._propose("unassigned")
        self.Rule._apply_changes(changes, cause="rule")
        return changes, unplaced

    def test_priority_criterion_and_weighted_load(self):
        self.Rule.create(
            {
                "name": "Key retail to am4",
                "sequence": 1,
                "industry_ids": [Command.set(self.retail.ids)],
                "priority_level": "key",
                "target_type": "users",
                "user_ids": [Command.set(self.am4.ids)],
            }
        )
        self.Rule.create(
            {
                "name": "Retail to am1 and am3",
                "sequence": 2,
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set((self.am1 | self.am3).ids)],
            }
        )
        key = self._customers(2, industry_id=self.retail.id)
        self._prioritise(key, "key")
        priority = self._customers(2, industry_id=self.retail.id)
        self._prioritise(priority, "priority")
        standard = self._customers(4, industry_id=self.retail.id)
        self._run()
        self.assertEqual(key.user_id, self.am4)
        self.assertEqual(self._manager(self.am4).load, 6.0, "a Key customer counts 3")
        # am1 and am3 (same capacity) share 2 x 2 + 4 x 1 = 8 evenly.
        loads = {u: self._manager(u).load for u in (self.am1, self.am3)}
        self.assertEqual(loads, {self.am1: 4.0, self.am3: 4.0})
        self.assertEqual(len((priority | standard).user_id), 2)
        # All weights 1: the load is the number of accounts.
        self.company.write(
            {
                "account_manager_weight_key": 1,
                "account_manager_weight_priority": 1,
            }
        )
        self._manager(self.am4)._refresh_loads()
        self.assertEqual(self._manager(self.am4).load, 2.0)

    def test_segment_criterion(self):
        segment = self.env["crm.relationship.segment"].create(
            {"name": "Banking", "domain": repr([("industry_id", "=", self.banking.id)])}
        )
        bank = self._customers(1, industry_id=self.banking.id)
        segment.action_refresh()
        self.assertIn(segment, bank.relationship_segment_ids)
        self.Rule.create(
            {
                "name": "Banking segment",
                "segment_ids": [Command.set(segment.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am2.ids)],
            }
        )
        self._run()
        self.assertEqual(bank.user_id, self.am2)

    def test_handover_lists_quotations_and_first_order_assigns(self):
        self.Rule.create(
            {
                "name": "Retail",
                "industry_ids": [Command.set(self.retail.ids)],
                "target_type": "users",
                "user_ids": [Command.set(self.am1.ids)],
            }
        )
        customer = self._customers(1, industry_id=self.retail.id)
        product = self.env["product.product"].create(
            {"name": "AM Widget", "list_price": 50}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                ],
            }
        )
        self.assertFalse(customer.user_id)
        order.action_confirm()
        self.assertEqual(customer.user_id, self.am1, "first confirmed order")
        quotation = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )
        changes, _unplaced = self.Rule._propose_reassignment(customer, self.am2)
        self.Rule._apply_changes(changes, cause="bulk")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", customer.id),
                ("user_id", "=", self.am2.id),
            ]
        )
        self.assertIn(quotation.name, activity.note)
        self.assertNotIn(order.name + ":", activity.note)

    def test_handover_lists_overdue_invoices(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company.id)], limit=1
        )
        if not journal:
            self.skipTest("no sales journal: the company has no chart of accounts")
        customer = self._customers(1)
        customer.user_id = self.am1
        today = fields.Date.context_today(customer)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "journal_id": journal.id,
                "invoice_date": today - timedelta(days=60),
                "invoice_date_due": today - timedelta(days=30),
                "invoice_line_ids": [
                    Command.create({"name": "Service", "quantity": 1, "price_unit": 80})
                ],
            }
        )
        invoice.action_post()
        changes, _unplaced = self.Rule._propose_reassignment(customer, self.am2)
        self.Rule._apply_changes(changes, cause="bulk")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", customer.id),
                ("user_id", "=", self.am2.id),
            ]
        )
        self.assertIn(f"Overdue invoice {invoice.name}", activity.note)

    def test_portfolio_value_rules(self):
        own = self.env.ref(
            "crm_relationship_account_manager.group_account_manager_own_portfolio"
        )
        self.am1.groups_id |= own
        outsider = new_test_user(
            self.env,
            login="am_value_outsider",
            groups=f"base.group_user,{own.get_external_id()[own.id]}",
        )
        mine, teammate, other = self._customers(3)
        mine.user_id = self.am1
        teammate.user_id = self.am2
        other.user_id = outsider
        Metrics = self.env["crm.relationship.partner.metrics"]
        rows = Metrics.create(
            [
                {"partner_id": p.id, "company_id": self.company.id}
                for p in (mine, teammate, other)
            ]
        )
        self.assertEqual(rows[0].account_manager_id, self.am1)

        def visible(user):
            return Metrics.with_user(user).search([("id", "in", rows.ids)]).partner_id

        self.assertEqual(visible(self.am1), mine | teammate)
        self.assertEqual(visible(outsider), other)
        self.assertEqual(visible(self.manager), mine | teammate | other)
