# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda m: m.move_type == "out_refund")
        if refunds:
            refunds._crm_loyalty_returns()
        return posted

    def _crm_loyalty_returns(self):
        """A credit note for a sales order lowers the qualifying points and
        spend that order gave, in proportion of the amount credited. The
        points already earned stay on the card: only the tier counts change."""
        History = self.env["loyalty.history"].sudo()
        vals_list = []
        for refund in self:
            credited = defaultdict(float)
            for line in refund.invoice_line_ids:
                for order in line.sale_line_ids.order_id:
                    credited[order] += line.price_subtotal
            for order, amount in credited.items():
                if not order.amount_untaxed:
                    continue
                awards = History.search(
                    [
                        ("order_model", "=", "sale.order"),
                        ("order_id", "=", order.id),
                        ("movement_type", "=", "award"),
                        ("program_id.program_type", "=", "loyalty"),
                    ]
                )
                ratio = min(amount / order.amount_untaxed, 1.0)
                for award in awards:
                    vals_list.append(
                        {
                            "card_id": award.card_id.id,
                            "description": self.env._(
                                "Return %(refund)s of %(order)s",
                                refund=refund.name,
                                order=order.name,
                            ),
                            "order_model": "account.move",
                            "order_id": refund.id,
                            "movement_type": "return",
                            "qualifying_points": -award.qualifying_points * ratio,
                            "qualifying_amount": -award.qualifying_amount * ratio,
                        }
                    )
        if vals_list:
            History.create(vals_list)
