# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import LoyaltyTierCommon


@tagged("post_install", "-at_install")
class TestLoyaltyTiers(LoyaltyTierCommon):
    def test_upgrade_at_threshold(self):
        self._earn(self.card, 90, "2026-03-01")
        self.assertEqual(self.card.tier_id, self.bronze)
        self._earn(self.card, 9, "2026-03-02")
        self.assertEqual(self.card.tier_id, self.bronze)
        self._earn(self.card, 1, "2026-03-03")
        self.assertEqual(self.card.tier_id, self.silver)
        history = self.card.tier_history_ids.sorted("id")
        self.assertEqual(history.mapped("cause"), ["upgrade", "upgrade"])
        self.assertEqual(history[-1].tier_from_id, self.bronze)
        self.assertEqual(str(history[-1].date), "2026-03-03")
        self.assertIn("Silver", self.card.message_ids[0].body)
        self.assertIn("Silver", self.partner.message_ids[0].body)
        self.assertEqual(self.partner.loyalty_tier_id, self.silver)
        self.assertEqual(
            self.env["res.partner"].search([("loyalty_tier_id", "=", self.silver.id)]),
            self.partner,
        )
        members = dict(
            self.env["crm.relationship.loyalty.membership.report"]._read_group(
                [("program_id", "=", self.program.id)], ["tier_id"], ["members:sum"]
            )
        )
        self.assertEqual(members, {self.bronze: 0, self.silver: 1})
        self.assertBalanced()

    def test_redemption_never_lowers_qualifying(self):
        self._earn(self.card, 150, "2026-03-01")
        self._redeem(self.card, 120, "2026-03-05")
        with freeze_time("2026-03-06"):
            self.card.invalidate_recordset()
            self.assertEqual(self.card.qualifying_points, 150)
            self.assertEqual(self.card.points, 30)
            self.assertIn("150 ", self.card.tier_progress_text)
            self.assertIn("Gold", self.card.tier_progress_text)
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertBalanced()

    def test_calendar_window_downgrade_steps(self):
        self._earn(self.card, 350, "2025-06-01")
        self.assertEqual(self.card.tier_id, self.gold)
        with freeze_time("2025-12-31"):
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.gold)
        with freeze_time("2026-01-01"):
            # a new calendar year: nothing qualifies yet; one step down
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.silver)
        last = self.card.tier_history_ids.sorted("id")[-1]
        self.assertEqual(last.cause, "downgrade")
        self.assertEqual(str(last.date), "2026-01-01")

    def test_window_with_only_redemptions(self):
        """A member whose window holds a redemption but no award counts 0
        towards the tiers: the assessment downgrades them, no error."""
        self._earn(self.card, 150, "2025-06-01")
        self._redeem(self.card, 50, "2026-02-01")
        with freeze_time("2026-03-01"):
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.bronze)
        self.assertBalanced()

    def test_calendar_window_reset_date(self):
        self.program.write({"qualification_reset_month": 4})
        self._earn(self.card, 120, "2025-03-31")
        self._earn(self.card, 50, "2025-04-01")
        with freeze_time("2025-06-01"):
            self.card.invalidate_recordset()
            self.assertEqual(self.card.qualifying_points, 50)

    def test_rolling_window_and_grace(self):
        self.program.write(
            {
                "qualification_window": "rolling",
                "qualification_months": 12,
                "tier_grace_days": 30,
            }
        )
        self._earn(self.card, 120, "2025-01-15")
        self.assertEqual(self.card.tier_id, self.silver)
        with freeze_time("2025-12-01"):
            self.program._assess_tiers()
        self.assertFalse(self.card.tier_downgrade_date)
        with freeze_time("2026-02-01"):
            # the award left the 12-month window: downgrade planned
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertEqual(str(self.card.tier_downgrade_date), "2026-03-03")
        self.assertEqual(self.card.tier_downgrade_to_id, self.bronze)
        with freeze_time("2026-03-02"):
            self.env["loyalty.program"]._cron_assess_tiers()
        self.assertEqual(self.card.tier_id, self.silver)
        with freeze_time("2026-03-03"):
            self.env["loyalty.program"]._cron_assess_tiers()
        self.assertEqual(self.card.tier_id, self.bronze)

    def test_requalify_during_grace(self):
        self.program.write({"qualification_window": "rolling", "tier_grace_days": 30})
        self._earn(self.card, 120, "2025-01-15")
        with freeze_time("2026-02-01"):
            self.program._assess_tiers()
        self.assertTrue(self.card.tier_downgrade_date)
        self._earn(self.card, 100, "2026-02-10")
        self.assertFalse(self.card.tier_downgrade_date)
        with freeze_time("2026-03-05"):
            self.env["loyalty.program"]._cron_assess_tiers()
        self.assertEqual(self.card.tier_id, self.silver)

    def test_manual_tier(self):
        self._earn(self.card, 20, "2026-03-01")
        with self.assertRaises(AccessError):
            self.card.with_user(self.user).action_set_tier()
        action = self.card.with_user(self.manager).action_set_tier()
        with freeze_time("2026-03-02"):
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.manager)
                .with_context(**action["context"])
            )
            wizard.tier_id = self.gold
            wizard.reason = "Press partner"
            wizard.date_to = "2026-06-30"
            wizard.save().action_apply()
        self.assertEqual(self.card.tier_id, self.gold)
        last = self.card.tier_history_ids.sorted("id")[-1]
        self.assertEqual(
            (last.cause, last.reason, last.user_id),
            ("manual", "Press partner", self.manager),
        )
        with freeze_time("2026-05-01"):
            self.program._assess_tiers()
        self.assertEqual(self.card.tier_id, self.gold)
        with freeze_time("2026-07-01"):
            self.env["loyalty.program"]._cron_assess_tiers()
        self.assertEqual(self.card.tier_id, self.bronze)
        self.assertFalse(self.card.tier_manual)
        with self.assertRaises(UserError), freeze_time("2026-07-02"):
            self.env["crm.relationship.loyalty.set.tier"].with_user(
                self.manager
            ).create(
                {
                    "card_ids": self.card.ids,
                    "tier_id": self.gold.id,
                    "reason": "late",
                    "date_to": "2026-07-01",
                }
            ).action_apply()

    def test_program_change_reassesses(self):
        self._earn(self.card, 120, "2026-03-01", qualifying=120)
        self.History.create(
            {
                "card_id": self.card.id,
                "description": "spend",
                "qualifying_amount": 400,
            }
        )
        self.program.write({"tier_basis": "spend"})
        self.assertEqual(self.card.tier_id, self.gold)
        self.assertEqual(
            self.card.tier_history_ids.sorted("id")[-1].cause, "program_change"
        )

    def test_reward_restricted_to_tiers(self):
        reward = self.program.reward_ids
        reward.tier_ids = self.gold
        self.assertFalse(reward._crm_allowed_for_card(self.card))
        self._earn(self.card, 400, "2026-03-01")
        self.assertEqual(reward._crm_allowed_for_card(self.card), reward)

    def test_tier_access(self):
        Tier = self.env["crm.relationship.loyalty.tier"]
        self.assertTrue(Tier.with_user(self.user).search([("id", "=", self.gold.id)]))
        with self.assertRaises(AccessError):
            self.gold.with_user(self.user).threshold = 10
        self.gold.with_user(self.manager).threshold = 310


@tagged("post_install", "-at_install")
class TestLoyaltyTierCompany(LoyaltyTierCommon):
    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Loyalty Co"})
        self.program.company_id = self.env.company
        self._earn(self.card, 150, "2026-03-01")
        outsider = new_test_user(
            self.env,
            login="loy_outsider",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Tier = self.env["crm.relationship.loyalty.tier"].with_user(outsider)
        self.assertFalse(Tier.search([("program_id", "=", self.program.id)]))
        self.assertFalse(
            self.env["crm.relationship.loyalty.tier.history"]
            .with_user(outsider)
            .search([("card_id", "=", self.card.id)])
        )
        self.assertFalse(
            self.env["loyalty.card"]
            .with_user(outsider)
            .search([("id", "=", self.card.id)])
        )
        insider = self.manager
        self.assertEqual(
            self.env["crm.relationship.loyalty.tier.history"]
            .with_user(insider)
            .search([("card_id", "=", self.card.id)])
            .tier_to_id,
            self.silver,
        )
