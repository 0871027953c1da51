# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmRelationshipLoyaltyTier(models.Model):
    """A level of a loyalty program (Bronze, Silver, Gold...).

    Tiers are ordered by their threshold: a card belongs to the highest tier
    whose threshold its qualifying points (or spend) reach.
    """

    _name = "crm.relationship.loyalty.tier"
    _description = "Loyalty Tier"
    _order = "program_id, threshold, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    program_id = fields.Many2one(
        "loyalty.program",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('program_type', '=', 'loyalty')]",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    tier_basis = fields.Selection(related="program_id.tier_basis")
    threshold = fields.Float(
        required=True,
        default=0.0,
        help="Qualifying points (or qualifying spend, in the program's "
        "currency) to reach within the qualification window.",
    )
    earn_multiplier = fields.Float(
        string="Earning Multiplier",
        default=1.0,
        required=True,
        help="Points earned by the members of this tier are multiplied by "
        "this factor (1.5: Gold earns 150 points where Bronze earns 100).",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist given to the members' new sales orders.",
    )
    description = fields.Html(translate=True, help="Benefits shown to members.")
    card_ids = fields.One2many("loyalty.card", "tier_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        (
            "threshold_positive",
            "CHECK(threshold >= 0)",
            "A tier threshold cannot be negative.",
        ),
        (
            "multiplier_positive",
            "CHECK(earn_multiplier > 0)",
            "The earning multiplier must be positive.",
        ),
    ]

    @api.constrains("program_id")
    def _check_program_type(self):
        if self.filtered(lambda t: t.program_id.program_type != "loyalty"):
            raise ValidationError(self.env._("Tiers belong to loyalty programs only."))

    @api.constrains("program_id", "threshold", "active")
    def _check_unique_threshold(self):
        for tier in self.filtered("active"):
            same = tier.program_id.tier_ids.filtered(
                lambda t, tier=tier: t != tier and t.threshold == tier.threshold
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "Tiers %(a)s and %(b)s of %(program)s have the same threshold.",
                        a=tier.name,
                        b=same[0].name,
                        program=tier.program_id.name,
                    )
                )

    def _compute_member_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("tier_id", "in", self.ids)], ["tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship_loyalty.loyalty_card_tier_action"
        )
        action["domain"] = [("tier_id", "=", self.id)]
        action["context"] = {"default_program_id": self.program_id.id}
        return action
