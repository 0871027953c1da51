# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.relationship.grievance.source.mixin"]
    _grievance_field = "sale_order_id"

    relationship_priority = fields.Selection(
        related="partner_id.relationship_priority",
        string="Customer Priority",
        store=True,
        index=True,
        tracking=False,  # a related field inherits it; the partner logs changes
        help="Priority of the customer; the sales lists show Key customers "
        "first, then Priority, then Standard.",
    )

    def _grievance_products(self):
        return self.order_line.product_id
