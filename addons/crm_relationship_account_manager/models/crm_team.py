# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    def write(self, vals):
        res = super().write(vals)
        if "user_id" in vals or "active" in vals:
            # A new team leader sees the team's portfolio.
            self.env["res.users"]._account_manager_portfolio_changed()
        return res
