# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer priority on the sales order (the grievance links live in sale_order.py)."""

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    relationship_priority = fields.Selection(
        related="partner_id.relationship_priority",
        string="Customer Priority",
        store=True,
        index=True,
        tracking=False,  # a related field inherits it; the partner logs changes
        help="Priority of the customer; the sales lists show Key customers "
        "first, then Priority, then Standard.",
    )
