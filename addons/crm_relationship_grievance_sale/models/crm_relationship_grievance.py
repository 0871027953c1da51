# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

DOCUMENT_FIELDS = ("sale_order_id", "invoice_id")


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

    @api.model_create_multi
    def create(self, vals_list):
        grievances = super().create(vals_list)
        grievances._check_document_access()
        return grievances

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in DOCUMENT_FIELDS):
            self._check_document_access()
        return res

    def _check_document_access(self):
        """A Grievance Reporter links an order or an invoice they may read:
        another salesperson's order, passed by its id, is refused (its name,
        salesperson and products would land on the grievance). Relationship
        users, who handle every grievance, link any of the customer's."""
        if self.env.su or self.env.user.has_group(
            "crm_relationship.group_crm_relationship_user"
        ):
            return
        for name in DOCUMENT_FIELDS:
            documents = self[name]
            if documents:
                documents.check_access("read")

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
