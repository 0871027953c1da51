# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_relationship_value_source = fields.Selection(
        related="company_id.crm_relationship_value_source",
        readonly=False,
    )
    crm_relationship_loyal_frequency = fields.Float(
        related="company_id.crm_relationship_loyal_frequency",
        readonly=False,
    )
    crm_relationship_loyal_tenure_days = fields.Integer(
        related="company_id.crm_relationship_loyal_tenure_days",
        readonly=False,
    )
    crm_relationship_profitable_margin = fields.Float(
        related="company_id.crm_relationship_profitable_margin",
        readonly=False,
    )

    def action_crm_relationship_recompute_values(self):
        self.env["crm.relationship.partner.metrics"].action_recompute_full()
