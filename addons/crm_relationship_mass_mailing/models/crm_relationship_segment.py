# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmRelationshipSegment(models.Model):
    _inherit = "crm.relationship.segment"

    def action_new_mailing(self):
        """A new mailing of Email Marketing to the segment's members."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailing to %(segment)s", segment=self.name),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_mailing_domain": repr(
                    [("relationship_segment_ids", "in", self.ids)]
                ),
                "default_subject": self.name,
            },
        }
