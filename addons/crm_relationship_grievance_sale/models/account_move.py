# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "crm.relationship.grievance.source.mixin"]
    _grievance_field = "invoice_id"

    def _grievance_products(self):
        return self.invoice_line_ids.product_id
