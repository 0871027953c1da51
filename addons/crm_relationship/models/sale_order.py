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
    grievance_count = fields.Integer(
        compute="_compute_grievance_count",
        groups="crm_relationship.group_crm_relationship_user",
    )

    def _compute_grievance_count(self):
        counts = dict(
            self.env["crm.relationship.grievance"]._read_group(
                [("sale_order_id", "in", self.ids)],
                ["sale_order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.grievance_count = counts.get(order, 0)

    def _grievance_defaults(self):
        self.ensure_one()
        return {
            "default_partner_id": self.partner_id.id,
            "default_sale_order_id": self.id,
            "default_company_id": self.company_id.id,
            "default_product_ids": self.order_line.product_id.ids,
        }

    def action_view_grievances(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_for(
            [("sale_order_id", "=", self.id)], self._grievance_defaults()
        )

    def action_new_grievance(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_new(
            self._grievance_defaults()
        )
