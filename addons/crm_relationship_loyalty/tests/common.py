# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class LoyaltyTierCommon(TransactionCase):
    """A loyalty program with Bronze (0), Silver (100) and Gold (300, x1.5),
    calendar-year qualification reset on 1 January, points expiring 12
    months after their award."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Tiered Rewards",
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
                            "required_points": 50,
                        }
                    )
                ],
                "points_expiry": "months",
                "expire_after_months": 12,
                "expiry_reminder_days": 30,
                "qualification_window": "calendar",
            }
        )
        Tier = cls.env["crm.relationship.loyalty.tier"]
        cls.bronze = Tier.create(
            {"program_id": cls.program.id, "name": "Bronze", "threshold": 0}
        )
        cls.silver = Tier.create(
            {"program_id": cls.program.id, "name": "Silver", "threshold": 100}
        )
        cls.gold = Tier.create(
            {
                "program_id": cls.program.id,
                "name": "Gold",
                "threshold": 300,
                "earn_multiplier": 1.5,
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Loyal Lou", "email": "lou@loyalty.example.com"}
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.partner.id, "points": 0}
        )
        cls.manager = new_test_user(
            cls.env,
            login="loy_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.user = new_test_user(
            cls.env,
            login="loy_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.History = cls.env["loyalty.history"]

    @classmethod
    def _earn(cls, card, points, when, qualifying=None):
        """Points earned on a confirmed order, as a sales channel books them:
        a history line, then the card balance."""
        with freeze_time(when):
            line = cls.History.create(
                {
                    "card_id": card.id,
                    "description": "Order",
                    "issued": points,
                    "qualifying_points": points if qualifying is None else qualifying,
                }
            )
            card.points += points
        return line

    @classmethod
    def _redeem(cls, card, points, when):
        with freeze_time(when):
            line = cls.History.create(
                {"card_id": card.id, "description": "Reward", "used": points}
            )
            card.points -= points
        return line

    def assertBalanced(self):
        self.assertEqual(self.env["loyalty.card"]._balance_mismatches(), [])
