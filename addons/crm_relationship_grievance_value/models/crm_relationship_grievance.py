# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievance(models.Model):
    _inherit = "crm.relationship.grievance"

    customer_priority = fields.Selection(
        related="commercial_partner_id.relationship_priority",
        string="Customer Priority",
        groups="base.group_user",
        help="The service level of the customer (Standard, Priority, Key); it "
        "raises the grievance priority.",
    )

    def _priority_depends(self):
        return [
            *super()._priority_depends(),
            "commercial_partner_id.relationship_priority",
        ]

    def _customer_level(self):
        self.ensure_one()
        return self.commercial_partner_id.relationship_priority
