# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievanceChannel(models.Model):
    """How the complaint reached us: email, phone, chat, web, social, ..."""

    _name = "crm.relationship.grievance.channel"
    _description = "Grievance Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A channel with this name already exists."),
    ]
