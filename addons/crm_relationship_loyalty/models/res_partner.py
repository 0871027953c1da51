# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    loyalty_tier_id = fields.Many2one(
        "crm.relationship.loyalty.tier",
        compute="_compute_loyalty_tier",
        search="_search_loyalty_tier",
        help="Highest tier of the customer's loyalty cards in the current company.",
    )
    loyalty_tier_color = fields.Integer(compute="_compute_loyalty_tier")

    @api.depends_context("company")
    def _compute_loyalty_tier(self):
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("tier_id", "!=", False),
                    ("company_id", "in", [self.env.company.id, False]),
                ]
            )
        )
        best = {}
        for card in cards:
            current = best.get(card.partner_id.id)
            if not current or card.tier_id.threshold > current.threshold:
                best[card.partner_id.id] = card.tier_id
        for partner in self:
            tier = best.get(partner.id, self.env["crm.relationship.loyalty.tier"])
            partner.loyalty_tier_id = tier
            partner.loyalty_tier_color = tier.color

    def _search_loyalty_tier(self, operator, value):
        cards = self.env["loyalty.card"]._search([("tier_id", operator, value)])
        return [("id", "in", cards.subselect("partner_id"))]
