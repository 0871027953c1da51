# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_relationship_assignment_rule import ASSIGNMENT_CAUSES


class CrmRelationshipAccountManagerHistory(models.Model):
    _name = "crm.relationship.account.manager.history"
    _description = "Account Manager History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, string="Company"
    )
    user_from_id = fields.Many2one("res.users", string="From", ondelete="set null")
    user_to_id = fields.Many2one(
        "res.users", string="To", index=True, ondelete="set null"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    date_end = fields.Datetime(
        string="Until",
        readonly=True,
        help="When the next change of account manager happened; empty: current.",
    )
    cause = fields.Selection(ASSIGNMENT_CAUSES, required=True, default="manual")
    rule_id = fields.Many2one(
        "crm.relationship.assignment.rule", ondelete="set null"
    )
    reason = fields.Char()
    user_id = fields.Many2one(
        "res.users", string="Changed By", default=lambda self: self.env.user
    )

    @api.model_create_multi
    def create(self, vals_list):
        partner_ids = {vals["partner_id"] for vals in vals_list}
        previous = self.search(
            [("partner_id", "in", list(partner_ids)), ("date_end", "=", False)]
        )
        rows = super().create(vals_list)
        if previous:
            previous.write({"date_end": min(rows.mapped("date"))})
        return rows

    @api.model
    def _owner_at(self, partners, when):
        """{partner id: user id} of the account manager of each customer at
        ``when`` (a datetime), from the history."""
        rows = self.search_fetch(
            [
                ("partner_id", "in", partners.ids),
                ("date", "<=", when),
                "|",
                ("date_end", "=", False),
                ("date_end", ">", when),
            ],
            ["partner_id", "user_to_id"],
        )
        return {row.partner_id.id: row.user_to_id.id for row in rows}
