# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.crm_relationship_value.models.crm_relationship_priority_rule import (
    PRIORITY_LEVELS,
)


class CrmRelationshipAssignmentRule(models.Model):
    _inherit = "crm.relationship.assignment.rule"

    segment_ids = fields.Many2many(
        "crm.relationship.segment",
        string="Segments",
        check_company=True,
        help="Customers in any of these segments; empty: any segment.",
    )
    priority_level = fields.Selection(
        PRIORITY_LEVELS,
        string="Customer Priority",
        help="Customers of this priority level only; empty: any level.",
    )

    def _get_partner_domain(self):
        domain = super()._get_partner_domain()
        if self.segment_ids:
            domain.append(("relationship_segment_ids", "in", self.segment_ids.ids))
        if self.priority_level:
            domain.append(("relationship_priority", "=", self.priority_level))
        return domain
