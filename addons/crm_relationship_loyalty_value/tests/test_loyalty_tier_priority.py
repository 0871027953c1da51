# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyTierPriority(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.relationship.priority.rule"].search([]).write({"active": False})
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Priority Tiers",
                "program_type": "loyalty",
                "rule_ids": [Command.create({"reward_point_amount": 1})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "per_order",
                            "required_points": 50,
                        }
                    )
                ],
            }
        )
        Tier = cls.env["crm.relationship.loyalty.tier"]
        cls.gold = Tier.create(
            {"program_id": cls.program.id, "name": "Gold", "threshold": 100}
        )
        cls.platinum = Tier.create(
            {"program_id": cls.program.id, "name": "Platinum", "threshold": 1000}
        )
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Plato Inc", "is_company": True})
        cls.buyer = Partner.create({"name": "Plato Buyer", "parent_id": cls.company.id})
        cls.other = Partner.create({"name": "Goldie"})
        Card = cls.env["loyalty.card"]
        for partner, points in ((cls.buyer, 1500), (cls.other, 150)):
            card = Card.create({"program_id": cls.program.id, "partner_id": partner.id})
            cls.env["loyalty.history"].create(
                {
                    "card_id": card.id,
                    "description": "orders",
                    "issued": points,
                    "qualifying_points": points,
                }
            )
            card.points = points

    def test_platinum_implies_key(self):
        rule = self.env["crm.relationship.priority.rule"].create(
            {
                "name": "Platinum members",
                "level": "key",
                "rule_type": "loyalty_tier",
                "loyalty_tier_ids": [Command.set(self.platinum.ids)],
            }
        )
        rule.action_apply()
        self.assertEqual(self.company.relationship_priority, "key")
        self.assertEqual(self.other.relationship_priority, "standard")
        self.assertEqual(self.buyer.loyalty_tier_id, self.platinum)

    def test_tiers_required(self):
        with self.assertRaises(ValidationError):
            self.env["crm.relationship.priority.rule"].create(
                {"name": "No tier", "level": "key", "rule_type": "loyalty_tier"}
            )

    def test_tiers_of_another_company_are_refused(self):
        """A rule of company A cannot name company B's tiers (whose members
        it would then rank)."""
        other = self.env["res.company"].create({"name": "Tier Co B"})
        foreign_program = self.program.copy({"name": "B Tiers", "company_id": other.id})
        foreign = self.env["crm.relationship.loyalty.tier"].create(
            {"program_id": foreign_program.id, "name": "B Gold", "threshold": 10}
        )
        self.program.company_id = self.env.company
        with self.assertRaises(UserError):
            self.env["crm.relationship.priority.rule"].create(
                {
                    "name": "Foreign tier",
                    "level": "key",
                    "rule_type": "loyalty_tier",
                    "company_id": self.env.company.id,
                    "loyalty_tier_ids": [Command.set(foreign.ids)],
                }
            )
