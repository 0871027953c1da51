# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievance(models.Model):
    _inherit = "crm.relationship.grievance"

    account_manager_id = fields.Many2one(
        related="commercial_partner_id.user_id",
        string="Account Manager",
        store=True,
        index="btree_not_null",
    )
