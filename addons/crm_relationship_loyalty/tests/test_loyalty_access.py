# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import LoyaltyTierCommon


@tagged("post_install", "-at_install")
class TestLoyaltyAccess(LoyaltyTierCommon):
    """Each role calls the models as the web client would (RPC = the
    methods below with the user's rights)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(
            cls.env, login="loy_internal", groups="base.group_user"
        )
        cls._earn(cls.card, 150, "2026-03-01")
        cls._redeem(cls.card, 50, "2026-03-02")

    def test_internal_user_reads_no_card_nor_ledger(self):
        """An employee without the Relationship group (nor Sales) reads no
        card, no tier history (customer, reason) and no point ledger."""
        self.assertTrue(self.card.tier_history_ids)
        for model in (
            "loyalty.card",
            "loyalty.history",
            "crm.relationship.loyalty.tier.history",
            "loyalty.point.track",
            "crm.relationship.loyalty.membership.report",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.internal).search_read([], ["id"])

    def test_relationship_user_reads_but_changes_nothing(self):
        card = self.card.with_user(self.user)
        self.assertEqual(card.tier_id, self.silver)
        self.assertTrue(card.tier_history_ids)
        self.assertTrue(
            self.env["loyalty.point.track"]
            .with_user(self.user)
            .search([("card_id", "=", self.card.id)])
        )
        with self.assertRaises(AccessError):
            card.write({"points": 5000})
        with self.assertRaises(AccessError):
            card.write({"tier_id": self.gold.id})
        with self.assertRaises(AccessError):
            card.tier_history_ids[:1].write({"reason": "rewritten"})
        with self.assertRaises(AccessError):
            self.env["loyalty.history"].with_user(self.user).create(
                {"card_id": self.card.id, "description": "gift", "issued": 500}
            )
        with self.assertRaises(AccessError):
            self.env["loyalty.point.track"].with_user(self.user).create(
                {"card_id": self.card.id, "points": -100}
            )
        with self.assertRaises(AccessError):
            self.env["crm.relationship.loyalty.set.tier"].with_user(self.user).create(
                {"card_ids": self.card.ids, "tier_id": self.gold.id, "reason": "x"}
            )
        # the assessment is for those who configure the program
        for user in (self.user, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.program.with_user(user).action_assess_tiers()
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertEqual(self.card.points, 100)

    def _card_clerk(self):
        """A user who may write cards and their history, as Sales users may
        with sale_loyalty (which this add-on does not need)."""
        group = self.env["res.groups"].create({"name": "Card clerks"})
        self.env["ir.model.access"].create(
            [
                {
                    "name": f"clerk {model}",
                    "model_id": self.env["ir.model"]._get_id(model),
                    "group_id": group.id,
                    "perm_read": True,
                    "perm_write": True,
                    "perm_create": True,
                }
                for model in (
                    "loyalty.card",
                    "loyalty.history",
                    "loyalty.program",
                    "loyalty.rule",
                    "loyalty.reward",
                    "loyalty.mail",
                )
            ]
        )
        clerk = new_test_user(self.env, login="loy_clerk", groups="base.group_user")
        clerk.groups_id = [Command.link(group.id)]
        return clerk

    def test_tier_fields_only_through_assessment(self):
        """A user who may write cards sets no tier by a write: only the
        assessment and the managers' Set Tier dialog do."""
        clerk = self._card_clerk()
        card = self.card.with_user(clerk)
        for vals in (
            {"tier_id": self.gold.id},
            {"tier_manual": True, "tier_manual_reason": "mine"},
            {"tier_downgrade_date": "2026-04-01", "tier_downgrade_to_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                card.write(vals)
        Card = self.env["loyalty.card"].with_user(clerk)
        with self.assertRaises(AccessError):
            Card.create(
                {
                    "program_id": self.program.id,
                    "partner_id": self.partner.id,
                    "tier_id": self.gold.id,
                }
            )
        with self.assertRaises(AccessError):
            Card.with_context(default_tier_id=self.gold.id).create(
                {"program_id": self.program.id, "partner_id": self.partner.id}
            )
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertFalse(self.card.tier_manual)
        # the card's other fields stay the clerk's to change
        card.write({"points": 100})

    def test_ledger_fields_only_through_ledger(self):
        """A user who may write the history books points with Issued and
        Used: the ledger fields (qualifying points, expiry...) are the
        application's, and so is skipping the ledger."""
        clerk = self._card_clerk()
        History = self.env["loyalty.history"].with_user(clerk)
        base = {"card_id": self.card.id, "description": "clerk"}
        for vals in (
            {"qualifying_points": 1000},
            {"qualifying_amount": 100000},
            {"available_issued_points": 1000},
            {"movement_type": "award"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                History.create(dict(base, **vals))
        with self.assertRaises(AccessError):
            History.with_context(default_qualifying_points=1000).create(
                dict(base, issued=1)
            )
        with self.assertRaises(AccessError):
            History.with_context(crm_loyalty_no_ledger=True).create(dict(base, used=80))
        award = self.card.history_ids.filtered("available_issued_points")[:1]
        for vals in (
            {"available_issued_points": 1000},
            {"expiration_date": "2099-12-31"},
            {"date": "2025-01-01"},
            {"qualifying_points": 1000},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                award.with_user(clerk).write(vals)
        self.assertEqual(self.card.tier_id, self.silver)
        # booking points the ordinary way keeps the ledger balanced
        History.create(dict(base, issued=30))
        self.card.with_user(clerk).points += 30
        self.assertBalanced()

    def test_set_tier_bad_input(self):
        other_program = self.program.copy({"name": "Other Program"})
        foreign_tier = self.env["crm.relationship.loyalty.tier"].create(
            {"program_id": other_program.id, "name": "Elsewhere", "threshold": 5}
        )
        Wizard = self.env["crm.relationship.loyalty.set.tier"].with_user(self.manager)
        with self.assertRaises(UserError):
            Wizard.create(
                {"card_ids": self.card.ids, "tier_id": foreign_tier.id, "reason": "x"}
            ).action_apply()
        with self.assertRaises(UserError):
            Wizard.create(
                {"card_ids": self.card.ids, "tier_id": self.gold.id}
            ).action_apply()
        with freeze_time("2026-03-10"), self.assertRaises(UserError):
            Wizard.create(
                {
                    "card_ids": self.card.ids,
                    "tier_id": self.gold.id,
                    "reason": "x",
                    "date_to": "2026-03-01",
                }
            ).action_apply()
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertFalse(self.card.tier_manual)

    def test_tier_bad_input(self):
        Tier = self.env["crm.relationship.loyalty.tier"].with_user(self.manager)
        coupons = self.env["loyalty.program"].create(
            {"name": "Coupons", "program_type": "coupons"}
        )
        with self.assertRaises(ValidationError):
            Tier.create(
                {"program_id": coupons.id, "name": "Coupon tier", "threshold": 1}
            )
        with self.assertRaises(ValidationError):
            Tier.create(
                {"program_id": self.program.id, "name": "Twin", "threshold": 100}
            )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Tier.create({"program_id": self.program.id, "name": "Neg", "threshold": -1})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Tier.create(
                {
                    "program_id": self.program.id,
                    "name": "Zero",
                    "threshold": 50,
                    "earn_multiplier": 0,
                }
            )

    def test_program_settings_out_of_range(self):
        for vals in (
            {"qualification_reset_month": 13},
            {"qualification_reset_month": 2, "qualification_reset_day": 30},
            {"qualification_months": 0},
            {"expire_after_months": -1},
            {"tier_grace_days": -5},
            {"tier_downgrade_steps": 0},
            {"expiry_reminder_days": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.program.write(vals)


@tagged("post_install", "-at_install")
class TestLoyaltyCompanyIsolation(LoyaltyTierCommon):
    def test_other_company_manager_sees_nothing(self):
        self.program.company_id = self.env.company
        self._earn(self.card, 150, "2026-03-01")
        self._redeem(self.card, 20, "2026-03-02")
        other = self.env["res.company"].create({"name": "Other Loyalty Co B"})
        outsider = new_test_user(
            self.env,
            login="loy_outsider_b",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        for model, field in (
            ("loyalty.card", "id"),
            ("loyalty.history", "card_id"),
            ("loyalty.point.track", "card_id"),
            ("crm.relationship.loyalty.tier.history", "card_id"),
        ):
            with self.subTest(model=model):
                self.assertTrue(
                    self.env[model]
                    .with_user(self.manager)
                    .search([(field, "=", self.card.id)])
                )
                self.assertFalse(
                    self.env[model]
                    .with_user(outsider)
                    .search([(field, "=", self.card.id)])
                )
        self.assertFalse(
            self.env["crm.relationship.loyalty.membership.report"]
            .with_user(outsider)
            .search([("program_id", "=", self.program.id)])
        )
        with self.assertRaises(AccessError):
            self.card.with_user(outsider).read(["tier_id"])
        # nor through the Set Tier dialog with the card's id: refused, or
        # the card is not even seen
        with contextlib.suppress(AccessError, UserError):
            self.env["crm.relationship.loyalty.set.tier"].with_user(outsider).create(
                {"card_ids": self.card.ids, "tier_id": self.gold.id, "reason": "x"}
            ).action_apply()
        self.assertEqual(self.card.tier_id, self.silver)
        self.assertFalse(self.card.tier_manual)
