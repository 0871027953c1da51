# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    account_manager_weight_standard = fields.Float(
        related="company_id.account_manager_weight_standard", readonly=False
    )
    account_manager_weight_priority = fields.Float(
        related="company_id.account_manager_weight_priority", readonly=False
    )
    account_manager_weight_key = fields.Float(
        related="company_id.account_manager_weight_key", readonly=False
    )
