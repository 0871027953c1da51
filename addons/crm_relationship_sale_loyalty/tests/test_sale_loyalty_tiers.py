# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSaleLoyaltyTiers(TransactionCase):
    """Earning and redeeming through Odoo's sale flow: one point per unit of
    currency, Bronze from 0, Silver from 150 (x1.5), Gold from 1000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tiered Lamp",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Sale Tiers",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "per_order",
                            "required_points": 120,
                        }
                    )
                ],
                "points_expiry": "months",
                "expire_after_months": 12,
            }
        )
        Tier = cls.env["crm.relationship.loyalty.tier"]
        cls.bronze = Tier.create(
            {"program_id": cls.program.id, "name": "Bronze", "threshold": 0}
        )
        cls.silver = Tier.create(
            {
                "program_id": cls.program.id,
                "name": "Silver",
                "threshold": 150,
                "earn_multiplier": 1.5,
            }
        )
        cls.gold = Tier.create(
            {"program_id": cls.program.id, "name": "Gold", "threshold": 1000}
        )
        cls.partner = cls.env["res.partner"].create({"name": "Sally Sales"})

    def _order(self, qty=1, when="2026-03-01", confirm=True):
        with freeze_time(when):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": qty}
                        )
                    ],
                }
            )
            order._update_programs_and_rewards()
            if confirm:
                order.action_confirm()
        return order

    @property
    def card(self):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.partner.id), ("program_id", "=", self.program.id)]
        )

    def assertBalanced(self):
        self.assertEqual(self.env["loyalty.card"]._balance_mismatches(), [])

    def test_earning_on_confirmation_and_upgrade(self):
        order = self._order(qty=1)
        card = self.card
        self.assertEqual(card.points, 100)
        award = card.history_ids
        self.assertEqual(award.movement_type, "award")
        self.assertEqual(award.available_issued_points, 100)
        self.assertEqual(award.qualifying_points, 100)
        self.assertEqual(award.qualifying_amount, order.amount_untaxed)
        self.assertEqual(str(award.expiration_date), "2027-02-28")
        self.assertEqual(card.tier_id, self.bronze)
        # an unconfirmed quotation gives nothing
        self._order(qty=1, confirm=False)
        self.assertEqual(card.tier_id, self.bronze)
        self._order(qty=1, when="2026-03-02")
        self.assertEqual(card.tier_id, self.silver)
        self.assertEqual(card.tier_history_ids[:1].cause, "upgrade")
        self.assertBalanced()

    def test_multiplier(self):
        self._order(qty=2)
        self.assertEqual(self.card.tier_id, self.silver)
        order = self._order(qty=1, when="2026-03-05")
        self.assertEqual(order.coupon_point_ids.points, 150)
        self.assertEqual(self.card.points, 350)
        self.assertEqual(self.card.history_ids.sorted("id")[-1].qualifying_points, 150)
        self.assertBalanced()

    def test_redemption_consumes_oldest_expiring(self):
        first = self._order(qty=1, when="2025-01-10")
        self._order(qty=1, when="2025-02-10")
        with freeze_time("2025-03-01"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 1}
                        )
                    ],
                }
            )
            order._update_programs_and_rewards()
            status = order._apply_program_reward(self.program.reward_ids, self.card)
            self.assertFalse(status.get("error"))
            order.action_confirm()
        awards = self.card.history_ids.filtered(lambda h: h.movement_type == "award")
        by_order = {h.order_id: h for h in awards}
        # Silver since the second order: it earns x1.5 (on 90 after discount)
        self.assertEqual(by_order[first.id].available_issued_points, 0)
        second = awards.filtered(lambda h: h.order_id not in (first.id, order.id))
        self.assertEqual(second.available_issued_points, 80)
        self.assertEqual(by_order[order.id].used, 120)
        self.assertEqual(
            by_order[order.id].qualifying_points, by_order[order.id].issued
        )
        self.assertBalanced()
        # cancelling the order gives the redeemed points back
        order._action_cancel()
        self.assertEqual(by_order[first.id].available_issued_points, 100)
        self.assertBalanced()

    def test_return_lowers_qualifying_points(self):
        order = self._order(qty=2)
        self.assertEqual(self.card.tier_id, self.silver)
        invoice = order._create_invoices()
        invoice.action_post()
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "broken"})
        )
        refund = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        with freeze_time("2026-03-10"):
            self.card.invalidate_recordset()
            self.assertEqual(self.card.qualifying_points, 100)
            self.assertEqual(self.card.qualifying_amount, 100)
        ret = self.card.history_ids.filtered(lambda h: h.movement_type == "return")
        self.assertEqual(ret.qualifying_points, -100)
        self.assertEqual(self.card.points, 200, "points already earned stay")
        self.assertBalanced()
        # and the next assessment plans the downgrade
        with freeze_time("2026-03-10"):
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.bronze)

    def test_tier_only_reward_and_pricelist(self):
        gold_reward = self.env["loyalty.reward"].create(
            {
                "program_id": self.program.id,
                "reward_type": "discount",
                "discount": 50,
                "discount_mode": "percent",
                "discount_applicability": "order",
                "required_points": 10,
                "tier_ids": [Command.set(self.gold.ids)],
            }
        )
        standard = self.env["product.pricelist"].create({"name": "Standard"})
        self.partner.property_product_pricelist = standard
        pricelist = self.env["product.pricelist"].create({"name": "Silver prices"})
        self.silver.pricelist_id = pricelist
        order = self._order(qty=1, when="2026-03-01")
        quote = self._order(qty=1, when="2026-03-02", confirm=False)
        rewards = quote._get_claimable_rewards()[self.card]
        self.assertNotIn(gold_reward, rewards)
        self.assertIn(
            "Gold", quote._apply_program_reward(gold_reward, self.card)["error"]
        )
        self.assertEqual(order.pricelist_id, standard)
        quote.action_confirm()
        self.assertEqual(self.card.tier_id, self.silver)
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.partner
            self.assertEqual(form.pricelist_id, pricelist)
