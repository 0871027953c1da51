# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    # The portfolio record rules read the team memberships: a change of
    # membership must reach the cached rule domains.

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["res.users"]._account_manager_portfolio_changed()
        return members

    def write(self, vals):
        res = super().write(vals)
        self.env["res.users"]._account_manager_portfolio_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.users"]._account_manager_portfolio_changed()
        return res
