# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmRelationshipGrievance(models.Model):
    _inherit = "crm.relationship.grievance"

    def _escalation_candidates(self):
        """The responsible's manager as an employee comes first."""
        return [
            self.user_id.employee_parent_id.user_id,
            *super()._escalation_candidates(),
        ]
