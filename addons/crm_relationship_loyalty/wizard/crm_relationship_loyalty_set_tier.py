# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmRelationshipLoyaltySetTier(models.TransientModel):
    """A manager sets a card's tier by hand, with a reason and an end date."""

    _name = "crm.relationship.loyalty.set.tier"
    _description = "Set a Loyalty Tier by Hand"

    card_ids = fields.Many2many("loyalty.card", string="Cards")
    program_id = fields.Many2one("loyalty.program", compute="_compute_program_id")
    tier_id = fields.Many2one(
        "crm.relationship.loyalty.tier",
        domain="[('program_id', '=', program_id)]",
    )
    reason = fields.Char()
    date_to = fields.Date(
        string="Until",
        help="After this day the assessment sets the tier the member qualifies "
        "for. Empty: until a manager changes it.",
    )

    @api.depends("card_ids")
    def _compute_program_id(self):
        for wizard in self:
            wizard.program_id = wizard.card_ids.program_id[:1]

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group(
            "crm_relationship.group_crm_relationship_manager"
        ):
            raise AccessError(
                self.env._("Only Relationship managers set a tier by hand.")
            )
        if not self.card_ids:
            return {"type": "ir.actions.act_window_close"}
        self.card_ids.check_access("read")
        if not self.tier_id or not self.reason:
            raise UserError(self.env._("Choose the tier and give the reason."))
        if self.card_ids.program_id != self.tier_id.program_id:
            raise UserError(
                self.env._("The tier must belong to the program of the cards.")
            )
        if self.date_to and self.date_to < fields.Date.context_today(self):
            raise UserError(self.env._("The end date cannot be in the past."))
        cards = self.card_ids.sudo()
        cards.write(
            {
                "tier_manual": True,
                "tier_manual_reason": self.reason,
                "tier_manual_date_to": self.date_to,
            }
        )
        cards._set_tier(self.tier_id, "manual", reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
