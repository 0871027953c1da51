# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipAccountManagerAssignLine(models.TransientModel):
    _name = "crm.relationship.account.manager.assign.line"
    _description = "Proposed Change of Account Manager"
    _order = "user_to_id, partner_id"

    wizard_id = fields.Many2one(
        "crm.relationship.account.manager.assign", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    user_from_id = fields.Many2one("res.users", string="From")
    user_to_id = fields.Many2one("res.users", string="To", required=True)
    rule_id = fields.Many2one("crm.relationship.assignment.rule")
    weight = fields.Float()
