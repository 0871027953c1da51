# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyTour(HttpCase):
    def test_card_and_program_forms(self):
        new_test_user(
            self.env,
            login="loy_tour",
            password="loy_tour",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager,"
            "base.group_partner_manager",
        )
        program = self.env["loyalty.program"].create(
            {
                "name": "Tour Tiered Program",
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
                "points_expiry": "months",
                "tier_ids": [
                    Command.create({"name": "Tour Bronze", "threshold": 0}),
                    Command.create({"name": "Tour Gold", "threshold": 500}),
                ],
            }
        )
        partner = self.env["res.partner"].create({"name": "Tour Tina"})
        card = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": partner.id}
        )
        self.env["loyalty.history"].create(
            {
                "card_id": card.id,
                "description": "Tour order",
                "issued": 120,
                "qualifying_points": 120,
            }
        )
        card.points = 120
        self.start_tour(
            "/odoo/action-crm_relationship_loyalty.loyalty_card_tier_action",
            "crm_relationship_loyalty_card_tour",
            login="loy_tour",
        )
        self.assertEqual(card.tier_id.name, "Tour Gold")
        self.assertEqual(card.tier_history_ids[:1].cause, "manual")
        self.start_tour(
            f"/odoo/action-loyalty.loyalty_program_discount_loyalty_action/{program.id}",
            "crm_relationship_loyalty_program_tour",
            login="loy_tour",
        )
        self.assertEqual(card.tier_id.name, "Tour Gold", "a manual tier stays")
