# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

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
        "res.company",
        readonly=True,
        index=True,
        help="The customer's company when the change was made.",
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
    rule_id = fields.Many2one("crm.relationship.assignment.rule", ondelete="set null")
    reason = fields.Char()
    user_id = fields.Many2one(
        "res.users", string="Changed By", default=lambda self: self.env.user
    )

    @api.model_create_multi
    def create(self, vals_list):
        partner_ids = {vals["partner_id"] for vals in vals_list}
        # The customer's company, read once for all the rows (a stored
        # related field would be written back row batch by row batch).
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        partners.fetch(["company_id"])
        for vals in vals_list:
            if "company_id" not in vals:
                vals["company_id"] = (
                    partners.browse(vals["partner_id"]).company_id.id or False
                )
        previous = self.search(
            [("partner_id", "in", list(partner_ids)), ("date_end", "=", False)]
        )
        rows = super().create(vals_list)
        if previous:
            previous.write({"date_end": min(rows.mapped("date"))})
        return rows

    @api.model
    def _log_changes(self, changes, cause, reason=False):
        """The history rows of a run of the engine, written with one INSERT
        (and the rows they follow closed with one UPDATE): a run changes up
        to every customer at once. The callers checked the user's rights;
        the rows are this add-on's own log of the ORM writes they made."""
        if not changes:
            return
        self.flush_model()
        now = fields.Datetime.now()
        partner_ids = [change["partner_id"] for change in changes]
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_relationship_account_manager_history
                   SET date_end = %(now)s, write_uid = %(uid)s, write_date = %(now)s
                 WHERE partner_id = ANY(%(partners)s) AND date_end IS NULL
                """,
                now=now,
                uid=self.env.uid,
                partners=partner_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_relationship_account_manager_history (
                    partner_id, company_id, user_from_id, user_to_id, date, cause,
                    rule_id, reason, user_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT r.partner_id, p.company_id, r.user_from_id, r.user_to_id,
                       %(now)s, %(cause)s, r.rule_id, %(reason)s, %(uid)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partners)s::int[], %(froms)s::int[],
                              %(tos)s::int[], %(rules)s::int[])
                       AS r(partner_id, user_from_id, user_to_id, rule_id)
                  JOIN res_partner p ON p.id = r.partner_id
                """,
                now=now,
                cause=cause,
                reason=reason or None,
                uid=self.env.uid,
                partners=partner_ids,
                froms=[change["user_from_id"] or None for change in changes],
                tos=[change["user_to_id"] or None for change in changes],
                rules=[change.get("rule_id") or None for change in changes],
            )
        )
        self.invalidate_model()
        self.env["res.partner"].invalidate_model(["account_manager_history_ids"])

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
