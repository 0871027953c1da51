# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..models.crm_relationship_grievance import (
    MANAGER_GROUP,
    REOPEN_DAYS_PARAM,
    REPEAT_DAYS_PARAM,
)

DEFAULT_DAYS = {REOPEN_DAYS_PARAM: 14, REPEAT_DAYS_PARAM: 90}


class CrmRelationshipGrievanceConfig(models.TransientModel):
    """The grievance options a Relationship manager changes, without the
    Settings app (which needs the Administration rights): the reopen and
    repeat windows and the incoming email alias. Read and written as
    superuser after the manager check."""

    _name = "crm.relationship.grievance.config"
    _description = "Grievance Options"

    reopen_days = fields.Integer(
        string="Reopen Window (days)",
        default=lambda self: self._param(REOPEN_DAYS_PARAM),
        help="A customer reply within this many days of closure reopens the grievance.",
    )
    repeat_days = fields.Integer(
        string="Repeat Window (days)",
        default=lambda self: self._param(REPEAT_DAYS_PARAM),
        help="A grievance of the same customer and category within this many "
        "days of an earlier one is a repeat complaint.",
    )
    alias_name = fields.Char(
        string="Grievance Alias",
        default=lambda self: self._alias().alias_name,
        help="Emails to this address create grievances; replies thread on them.",
    )
    alias_domain = fields.Char(
        default=lambda self: self._alias().alias_domain, readonly=True
    )

    @api.model
    def _param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        return int(value) if value and value.isdigit() else DEFAULT_DAYS[key]

    @api.model
    def _alias(self):
        return (
            self.env.ref(
                "crm_relationship_grievance.mail_alias_grievance",
                raise_if_not_found=False,
            )
            or self.env["mail.alias"]
        ).sudo()

    @api.constrains("reopen_days", "repeat_days")
    def _check_days(self):
        if any(c.reopen_days < 0 or c.repeat_days < 0 for c in self):
            raise ValidationError(self.env._("A window cannot be negative."))

    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only Relationship managers change the grievance options.")
            )
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(REOPEN_DAYS_PARAM, self.reopen_days)
        params.set_param(REPEAT_DAYS_PARAM, self.repeat_days)
        alias = self._alias()
        if alias and self.alias_name and self.alias_name != alias.alias_name:
            alias.alias_name = self.alias_name
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Grievance options saved."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
