# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_relationship_grievance_reopen_days = fields.Integer(
        string="Reopen Window (days)",
        config_parameter="crm_relationship.grievance_reopen_days",
        default=14,
        help="A customer reply within this many days of closure reopens the grievance.",
    )
    crm_relationship_grievance_repeat_days = fields.Integer(
        string="Repeat Window (days)",
        config_parameter="crm_relationship.grievance_repeat_days",
        default=90,
        help="A grievance of the same customer and category within this many "
        "days of an earlier one is a repeat complaint.",
    )
    crm_relationship_grievance_alias = fields.Char(
        string="Grievance Alias",
        compute="_compute_crm_relationship_grievance_alias",
        inverse="_inverse_crm_relationship_grievance_alias",
        help="Emails to this address create grievances; replies thread on them.",
    )

    def _grievance_alias(self):
        return self.env.ref(
            "crm_relationship_grievance.mail_alias_grievance", raise_if_not_found=False
        )

    def _compute_crm_relationship_grievance_alias(self):
        alias = self._grievance_alias()
        for settings in self:
            settings.crm_relationship_grievance_alias = (
                alias.alias_name if alias else ""
            )

    def _inverse_crm_relationship_grievance_alias(self):
        alias = self._grievance_alias()
        for settings in self:
            if alias and settings.crm_relationship_grievance_alias != alias.alias_name:
                alias.sudo().alias_name = settings.crm_relationship_grievance_alias
