# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class CrmRelationshipGrievanceClose(models.TransientModel):
    """Asks for the resolution (and the root cause) when a grievance is
    resolved or closed, instead of leaving it to another tab of the form."""

    _name = "crm.relationship.grievance.close"
    _description = "Resolve a Grievance"

    grievance_ids = fields.Many2many(
        "crm.relationship.grievance",
        relation="crm_relationship_grievance_close_rel",
        column1="wizard_id",
        column2="grievance_id",
        string="Grievances",
    )
    stage_id = fields.Many2one(
        "crm.relationship.grievance.stage",
        string="Closing Stage",
        required=True,
        domain="[('is_closed', '=', True)]",
        default=lambda self: self._default_stage_id(),
        help="A closing stage with a satisfaction request sends it to the customer.",
    )
    resolution = fields.Html(help="What was done; the customer sees it on the portal.")
    root_cause = fields.Text(help="Why it happened, for learning from it.")

    @api.model
    def _default_stage_id(self):
        return self.env["crm.relationship.grievance.stage"].search(
            [("is_closed", "=", True)], limit=1
        )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        grievances = self.env["crm.relationship.grievance"].browse(
            self.env.context.get("active_ids") or []
        )
        if grievances and "grievance_ids" in fields_list:
            values["grievance_ids"] = [fields.Command.set(grievances.ids)]
            if len(grievances) == 1:
                values.setdefault("resolution", grievances.resolution)
                values.setdefault("root_cause", grievances.root_cause)
        return values

    def action_close(self):
        self.ensure_one()
        grievances = self.grievance_ids
        if not grievances:
            return {"type": "ir.actions.act_window_close"}
        grievances.check_access("write")
        if not html2plaintext(self.resolution or "").strip():
            raise UserError(self.env._("Describe the resolution."))
        values = {"resolution": self.resolution, "stage_id": self.stage_id.id}
        if self.root_cause:
            values["root_cause"] = self.root_cause
        grievances.write(values)
        return {"type": "ir.actions.act_window_close"}
