# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.relationship.grievance.source.mixin"]
    _grievance_field = "sale_order_id"

    def _grievance_products(self):
        return self.order_line.product_id
