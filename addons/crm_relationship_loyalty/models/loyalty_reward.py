# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    tier_ids = fields.Many2many(
        "crm.relationship.loyalty.tier",
        string="Tiers",
        domain="[('program_id', '=', program_id)]",
        help="Only members of these tiers may claim the reward; empty: every member.",
    )

    def _crm_allowed_for_card(self, card):
        """Rewards of ``self`` that ``card``'s tier may claim."""
        return self.filtered(
            lambda r: not r.tier_ids or (card and card.tier_id in r.tier_ids)
        )
