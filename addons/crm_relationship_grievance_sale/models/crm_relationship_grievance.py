# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievance(models.Model):
    _inherit = "crm.relationship.grievance"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    invoice_id = fields.Many2one(
        "account.move",
        index="btree_not_null",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')),"
        " ('partner_id', 'child_of', commercial_partner_id)]",
    )

    def _responsible_depends(self):
        return [*super()._responsible_depends(), "sale_order_id", "invoice_id"]

    def _responsible_candidates(self):
        """The salesperson of the order, else of the invoice, comes first;
        the leader of its sales team after the customer's salesperson."""
        return [
            self.sale_order_id.user_id,
            self.invoice_id.invoice_user_id,
            *super()._responsible_candidates(),
            self.sale_order_id.team_id.user_id,
            self.invoice_id.team_id.user_id,
        ]
