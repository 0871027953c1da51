# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Models loaded only by the tests of the grievance source mixin."""

from odoo import fields, models


class CrmRelationshipGrievanceTestDocument(models.Model):
    _name = "crm.relationship.grievance.test.document"
    _inherit = "crm.relationship.grievance.source.mixin"
    _description = "Grievance Test Document"
    _grievance_field = "test_document_id"

    name = fields.Char()
    partner_id = fields.Many2one("res.partner")
    company_id = fields.Many2one("res.company", default=lambda s: s.env.company)
    product_id = fields.Many2one("product.product")

    def _grievance_products(self):
        return self.product_id


class CrmRelationshipGrievance(models.Model):
    _inherit = "crm.relationship.grievance"

    test_document_id = fields.Many2one("crm.relationship.grievance.test.document")
