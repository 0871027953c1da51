# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        res = super().action_confirm()
        # A customer's first confirmed order makes it a customer: give it its
        # account manager by the rules if it has none.
        customers = self.partner_id.commercial_partner_id.filtered(
            lambda p: not p.user_id
        )
        if customers:
            customers._account_manager_auto_assign()
        return res
