# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Not stored: a customer's new level would rewrite all its orders. The
    # ORM still searches, groups and sorts on it, through a join on the
    # customer, so the sales lists show Key customers first.
    relationship_priority = fields.Selection(
        related="partner_id.relationship_priority",
        string="Customer Priority",
        tracking=False,  # a related field inherits it; the partner logs changes
        help="Priority of the customer; the sales lists show Key customers "
        "first, then Priority, then Standard.",
    )
    relationship_segment_ids = fields.Many2many(
        related="partner_id.commercial_partner_id.relationship_segment_ids",
        string="Customer Segments",
        groups="crm_relationship.group_crm_relationship_user",
        help="Segments of the customer (the company of the contact ordering).",
    )
