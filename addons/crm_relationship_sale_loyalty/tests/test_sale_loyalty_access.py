# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .test_sale_loyalty_tiers import TestSaleLoyaltyTiers


@tagged("post_install", "-at_install")
class TestSaleLoyaltyAccess(TestSaleLoyaltyTiers):
    """A Sales user (who may write cards and their history with
    sale_loyalty) earns points for customers through orders, and cannot buy
    a tier nor bend the ledger with a write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="loy_salesman",
            groups="sales_team.group_sale_salesman",
        )

    # the inherited tests run once, in their own class
    test_earning_on_confirmation_and_upgrade = None
    test_multiplier = None
    test_redemption_consumes_oldest_expiring = None
    test_return_lowers_qualifying_points = None
    test_tier_only_reward_and_pricelist = None

    def _salesman_order(self, qty, when):
        with freeze_time(when):
            order = (
                self.env["sale.order"]
                .with_user(self.salesman)
                .create(
                    {
                        "partner_id": self.partner.id,
                        "order_line": [
                            Command.create(
                                {"product_id": self.product.id, "product_uom_qty": qty}
                            )
                        ],
                    }
                )
            )
            order._update_programs_and_rewards()
            order.action_confirm()
        return order

    def test_salesman_earns_through_orders(self):
        self._salesman_order(2, "2026-03-01")
        card = self.card
        self.assertEqual(card.points, 200)
        self.assertEqual(card.tier_id, self.silver)
        self.assertEqual(card.history_ids.qualifying_points, 200)
        # the card form with its tier history opens for the salesman
        form = Form(card.with_user(self.salesman))
        self.assertEqual(form.tier_id, self.silver)
        self.assertTrue(card.with_user(self.salesman).tier_history_ids)
        self.assertBalanced()

    def test_salesman_cannot_buy_a_tier(self):
        self._order(qty=1)
        card = self.card.with_user(self.salesman)
        self.assertEqual(card.tier_id, self.bronze)
        with self.assertRaises(AccessError):
            card.write({"tier_id": self.gold.id})
        with self.assertRaises(AccessError):
            card.write({"tier_manual": True, "tier_manual_reason": "friend"})
        History = self.env["loyalty.history"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            History.create(
                {"card_id": card.id, "description": "x", "qualifying_points": 5000}
            )
        with self.assertRaises(AccessError):
            History.create(
                {"card_id": card.id, "description": "x", "qualifying_amount": 5000}
            )
        award = card.history_ids[:1]
        with self.assertRaises(AccessError):
            award.write({"qualifying_points": 5000})
        with self.assertRaises(AccessError):
            award.write({"expiration_date": "2099-12-31"})
        with self.assertRaises(AccessError):
            award.write({"available_issued_points": 5000})
        self.env["loyalty.program"]._cron_assess_tiers()
        self.assertEqual(self.card.tier_id, self.bronze)
        self.assertBalanced()

    def test_direct_points_write_is_flagged(self):
        """Sales users may change a card's balance by hand (Odoo's right);
        the nightly balance check reports the card the ledger does not
        explain."""
        self._order(qty=1)
        self.card.with_user(self.salesman).points = 900
        self.assertEqual(
            [row[0] for row in self.env["loyalty.card"]._balance_mismatches()],
            self.card.ids,
        )
        with self.assertLogs(
            "odoo.addons.crm_relationship_loyalty.models.loyalty_card", "WARNING"
        ) as logs:
            self.assertEqual(self.env["loyalty.card"]._cron_check_balances(), 1)
        self.assertIn("balance 900.0", logs.output[0])
