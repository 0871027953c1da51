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
    crm_relationship_rfm_method = fields.Selection(
        related="company_id.crm_relationship_rfm_method",
        readonly=False,
    )
    crm_relationship_rfm_r5_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r5_days",
        readonly=False,
    )
    crm_relationship_rfm_r4_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r4_days",
        readonly=False,
    )
    crm_relationship_rfm_r3_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r3_days",
        readonly=False,
    )
    crm_relationship_rfm_r2_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r2_days",
        readonly=False,
    )
    crm_relationship_rfm_f2 = fields.Integer(
        related="company_id.crm_relationship_rfm_f2",
        readonly=False,
    )
    crm_relationship_rfm_f3 = fields.Integer(
        related="company_id.crm_relationship_rfm_f3",
        readonly=False,
    )
    crm_relationship_rfm_f4 = fields.Integer(
        related="company_id.crm_relationship_rfm_f4",
        readonly=False,
    )
    crm_relationship_rfm_f5 = fields.Integer(
        related="company_id.crm_relationship_rfm_f5",
        readonly=False,
    )
    crm_relationship_rfm_m2 = fields.Float(
        related="company_id.crm_relationship_rfm_m2",
        readonly=False,
    )
    crm_relationship_rfm_m3 = fields.Float(
        related="company_id.crm_relationship_rfm_m3",
        readonly=False,
    )
    crm_relationship_rfm_m4 = fields.Float(
        related="company_id.crm_relationship_rfm_m4",
        readonly=False,
    )
    crm_relationship_rfm_m5 = fields.Float(
        related="company_id.crm_relationship_rfm_m5",
        readonly=False,
    )

    def action_crm_relationship_recompute_values(self):
        self.env["crm.relationship.partner.metrics"].action_recompute_full()
