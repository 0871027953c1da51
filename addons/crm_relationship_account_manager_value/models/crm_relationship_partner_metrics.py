# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipPartnerMetrics(models.Model):
    _inherit = "crm.relationship.partner.metrics"

    account_manager_id = fields.Many2one(
        related="partner_id.user_id",
        string="Account Manager",
        store=True,
        index="btree_not_null",
    )
    account_manager_priority = fields.Selection(
        related="partner_id.relationship_priority",
        string="Customer Priority",
    )
