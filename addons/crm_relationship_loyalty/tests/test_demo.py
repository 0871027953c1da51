# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import SkipTest

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """With demo data, the demo program has members in every tier whose
    ledgers, replayed from their orders, agree with their balances."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search(
            [("name", "=", "crm_relationship_loyalty")]
        )
        if not module.demo:
            raise SkipTest("installed without demo data")
        cls.program = cls.env.ref("crm_relationship_loyalty.demo_program")

    def test_members_in_every_tier(self):
        cards = self.env["loyalty.card"].search([("program_id", "=", self.program.id)])
        self.assertGreaterEqual(len(cards), 200)
        self.assertEqual(cards.tier_id, self.program.tier_ids)
        self.assertTrue(
            cards.tier_history_ids.filtered(lambda h: h.cause == "downgrade")
        )

    def test_ledger_agrees_with_balances(self):
        self.assertEqual(self.env["loyalty.card"]._cron_check_balances(), 0)
        lines = self.env["loyalty.history"].search(
            [("program_id", "=", self.program.id)]
        )
        self.assertEqual(
            set(lines.mapped("movement_type")), {"award", "redemption", "expiry"}
        )
        today = fields.Date.context_today(self.env.user)
        soon = lines.filtered(
            lambda h: (
                h.available_issued_points > 0
                and today <= h.expiration_date <= today + relativedelta(days=30)
            )
        )
        self.assertTrue(soon, "points expiring within the reminder period")
