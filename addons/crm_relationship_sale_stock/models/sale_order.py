# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# Customer priorities whose deliveries are urgent
URGENT_LEVELS = ("priority", "key")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        """Deliveries of Priority and Key customers are urgent: they come first
        in the transfer lists and are reserved first."""
        res = super()._action_confirm()
        urgent = self.filtered(lambda o: o.relationship_priority in URGENT_LEVELS)
        pickings = urgent.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel") and p.priority != "1"
        )
        if pickings:
            pickings.write({"priority": "1"})
        return res
