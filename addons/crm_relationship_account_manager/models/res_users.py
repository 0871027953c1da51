# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    account_manager_portfolio_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_account_manager_portfolio_user_ids",
        compute_sudo=True,
        string="Portfolio Of",
        help="The user and the members and leaders of the sales teams the user "
        "belongs to or leads: whose customers an account manager with the "
        "'own portfolio' access sees.",
    )

    def _compute_account_manager_portfolio_user_ids(self):
        Team = self.env["crm.team"].sudo().with_context(active_test=False)
        for user in self:
            teams = user.crm_team_ids | Team.search([("user_id", "=", user.id)])
            user.account_manager_portfolio_user_ids = (
                user | teams.member_ids | teams.user_id
            )

    @api.model
    def _account_manager_portfolio_changed(self):
        """Team memberships changed: forget the portfolios and the cached
        record rules that use them."""
        self.invalidate_model(["account_manager_portfolio_user_ids"])
        self.env.registry.clear_cache()
