# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    def _crm_order_amount(self):
        if self.order_model != "sale.order" or not self.order_id:
            return super()._crm_order_amount()
        order = self.env["sale.order"].sudo().browse(self.order_id)
        program_currency = self.card_id.program_id.currency_id
        return order.currency_id._convert(
            order.amount_untaxed,
            program_currency,
            order.company_id,
            order.date_order or fields.Date.context_today(self),
        )
