# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

TIER_CHANGE_CAUSES = [
    ("upgrade", "Upgrade"),
    ("downgrade", "Downgrade"),
    ("manual", "Manual"),
    ("manual_end", "End of manual tier"),
    ("program_change", "Program change"),
]


class CrmRelationshipLoyaltyTierHistory(models.Model):
    """One change of a card's tier: from, to, when, why and who."""

    _name = "crm.relationship.loyalty.tier.history"
    _description = "Loyalty Tier History"
    _order = "date desc, id desc"
    _rec_name = "card_id"

    card_id = fields.Many2one(
        "loyalty.card", required=True, ondelete="cascade", index=True, readonly=True
    )
    program_id = fields.Many2one(related="card_id.program_id", store=True, index=True)
    partner_id = fields.Many2one(related="card_id.partner_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    tier_from_id = fields.Many2one(
        "crm.relationship.loyalty.tier",
        string="From",
        readonly=True,
        ondelete="set null",
    )
    tier_to_id = fields.Many2one(
        "crm.relationship.loyalty.tier", string="To", readonly=True, ondelete="set null"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    cause = fields.Selection(TIER_CHANGE_CAUSES, required=True, readonly=True)
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
