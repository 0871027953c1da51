# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class CrmRelationshipLoyaltyMembershipReport(models.Model):
    """Members per tier over time, from the tier history: every change
    counts +1 in the tier entered and -1 in the tier left on its date, so the
    cumulative sum by date is the membership of each tier."""

    _name = "crm.relationship.loyalty.membership.report"
    _description = "Loyalty Members per Tier over Time"
    _auto = False
    _order = "date"
    _depends = {
        "crm.relationship.loyalty.tier.history": [
            "date",
            "tier_from_id",
            "tier_to_id",
            "program_id",
            "company_id",
        ],
    }

    date = fields.Date(readonly=True)
    tier_id = fields.Many2one("crm.relationship.loyalty.tier", readonly=True)
    program_id = fields.Many2one("loyalty.program", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    members = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""CREATE OR REPLACE VIEW {self._table} AS (
                SELECT h.id * 2 AS id, h.date, h.tier_to_id AS tier_id,
                       h.program_id, h.company_id, 1 AS members
                  FROM crm_relationship_loyalty_tier_history h
                 WHERE h.tier_to_id IS NOT NULL
                UNION ALL
                SELECT h.id * 2 + 1, h.date, h.tier_from_id, h.program_id,
                       h.company_id, -1
                  FROM crm_relationship_loyalty_tier_history h
                 WHERE h.tier_from_id IS NOT NULL
            )"""
        )
