# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class CrmRelationshipPriorityRule(models.Model):
    _inherit = "crm.relationship.priority.rule"

    rule_type = fields.Selection(
        selection_add=[("loyalty_tier", "Loyalty tier")],
        ondelete={"loyalty_tier": "cascade"},
    )
    loyalty_tier_ids = fields.Many2many(
        "crm.relationship.loyalty.tier",
        "crm_relationship_priority_rule_loyalty_tier_rel",
        "rule_id",
        "tier_id",
        string="Loyalty Tiers",
        check_company=True,
        help="Customers holding a loyalty card in any of these tiers match "
        "(e.g. Platinum: Key).",
    )

    @api.constrains("rule_type", "loyalty_tier_ids")
    def _check_loyalty_tiers(self):
        for rule in self:
            if rule.rule_type == "loyalty_tier" and not rule.loyalty_tier_ids:
                raise ValidationError(self.env._("Choose at least one loyalty tier."))

    def _matching_partner_ids(self):
        if self.rule_type != "loyalty_tier":
            return super()._matching_partner_ids()
        self.ensure_one()
        self.env["loyalty.card"].flush_model(["partner_id", "tier_id", "company_id"])
        # the customers of the rule's company and shared ones, with a card of
        # the rule's company or of no company
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT p.commercial_partner_id
                     FROM loyalty_card c
                     JOIN res_partner p ON p.id = c.partner_id
                    WHERE c.active
                      AND c.tier_id = ANY(%(tiers)s)
                      AND (c.company_id IS NULL OR c.company_id = %(company)s)
                      AND (p.company_id IS NULL OR p.company_id = %(company)s)""",
                tiers=self.loyalty_tier_ids.ids,
                company=self.company_id.id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
