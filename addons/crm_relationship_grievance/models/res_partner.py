# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    grievance_count = fields.Integer(
        compute="_compute_grievance_stats",
        groups="crm_relationship_grievance.group_crm_relationship_grievance_report",
        help="Grievances of this customer (its company and contacts).",
    )
    grievance_sla_status = fields.Selection(
        [("on_track", "On Track"), ("at_risk", "At Risk"), ("breached", "Breached")],
        string="Grievance SLA",
        compute="_compute_grievance_stats",
        groups="crm_relationship_grievance.group_crm_relationship_grievance_report",
        help="Worst SLA status among the customer's open grievances.",
    )

    def _compute_grievance_stats(self):
        commercial = self.commercial_partner_id
        rows = self.env["crm.relationship.grievance"]._read_group(
            [("commercial_partner_id", "in", commercial.ids)],
            ["commercial_partner_id", "is_closed", "sla_status"],
            ["__count"],
        )
        counts, worst = {}, {}
        rank = {"on_track": 1, "at_risk": 2, "breached": 3}
        for partner, is_closed, status, count in rows:
            counts[partner] = counts.get(partner, 0) + count
            if not is_closed and rank.get(status, 0) > rank.get(worst.get(partner), 0):
                worst[partner] = status
        for partner in self:
            partner.grievance_count = counts.get(partner.commercial_partner_id, 0)
            partner.grievance_sla_status = worst.get(
                partner.commercial_partner_id, False
            )

    def action_view_grievances(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_for(
            [("commercial_partner_id", "=", self.commercial_partner_id.id)],
            {"default_partner_id": self.id},
        )

    def action_new_grievance(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_new(
            {"default_partner_id": self.id}
        )
