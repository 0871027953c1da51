# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipAccountManagerAssignLoad(models.TransientModel):
    _name = "crm.relationship.account.manager.assign.load"
    _description = "Account Manager Load Before and After"
    _order = "user_id"

    wizard_id = fields.Many2one(
        "crm.relationship.account.manager.assign", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Account Manager", required=True)
    capacity = fields.Float()
    load_before = fields.Float()
    load_after = fields.Float()
    count_in = fields.Integer(string="Customers In")
    count_out = fields.Integer(string="Customers Out")
