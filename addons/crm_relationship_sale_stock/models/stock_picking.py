# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Not stored: the level lives on the customer and changes with it
    relationship_priority = fields.Selection(
        related="partner_id.commercial_partner_id.relationship_priority",
        string="Customer Priority",
    )
