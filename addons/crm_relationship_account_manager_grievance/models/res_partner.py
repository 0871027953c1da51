# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _account_manager_handover_items(self):
        items = super()._account_manager_handover_items()
        grievances = (
            self.env["crm.relationship.grievance"]
            .sudo()
            .search(
                [("commercial_partner_id", "in", self.ids), ("is_closed", "=", False)]
            )
        )
        for grievance in grievances:
            items.setdefault(grievance.commercial_partner_id.id, []).append(
                self.env._(
                    "Open grievance %(reference)s: %(name)s",
                    reference=grievance.reference,
                    name=grievance.name,
                )
            )
        return items
