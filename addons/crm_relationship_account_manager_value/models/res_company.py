# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    account_manager_weight_standard = fields.Float(
        string="Standard Customer Weight", default=1.0
    )
    account_manager_weight_priority = fields.Float(
        string="Priority Customer Weight", default=2.0
    )
    account_manager_weight_key = fields.Float(string="Key Customer Weight", default=3.0)

    def _account_manager_weights(self):
        self.ensure_one()
        return {
            "standard": self.account_manager_weight_standard,
            "priority": self.account_manager_weight_priority,
            "key": self.account_manager_weight_key,
        }
