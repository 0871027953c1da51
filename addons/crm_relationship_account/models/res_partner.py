# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

ACCOUNTING_GROUPS = "account.group_account_invoice,account.group_account_readonly"
DAYS_TO_PAY_WINDOW = 365


class ResPartner(models.Model):
    _inherit = "res.partner"

    accounting_user_id = fields.Many2one(
        "res.users",
        string="Accounting Contact",
        domain="[('share', '=', False)]",
        tracking=True,
        help="The user in charge of the customer's billing and payments, "
        "beside its account manager (the salesperson).",
    )
    relationship_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_relationship_accounting",
        currency_field="relationship_accounting_currency_id",
        groups=ACCOUNTING_GROUPS,
        help="Receivable of the current company past its due date, not paid.",
    )
    relationship_days_to_pay = fields.Float(
        string="Average Days to Pay",
        compute="_compute_relationship_accounting",
        groups=ACCOUNTING_GROUPS,
        help="Average days from the invoice date to its full payment, over the "
        "customer invoices of the current company paid in the last 12 months.",
    )
    relationship_credit_use = fields.Float(
        string="Credit Limit Used (%)",
        compute="_compute_relationship_accounting",
        groups=ACCOUNTING_GROUPS,
        help="Total receivable as a percentage of the credit limit.",
    )
    relationship_accounting_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_relationship_accounting",
        groups=ACCOUNTING_GROUPS,
    )

    @api.model
    def _commercial_fields(self):
        return [*super()._commercial_fields(), "accounting_user_id"]

    @api.depends_context("company")
    def _compute_relationship_accounting(self):
        company = self.env.company
        commercial = self.commercial_partner_id
        overdue = self._relationship_overdue(commercial, company)
        days = self._relationship_days_to_pay(commercial, company)
        for partner in self:
            key = partner.commercial_partner_id.id
            partner.relationship_accounting_currency_id = company.currency_id
            partner.relationship_overdue_amount = overdue.get(key, 0.0)
            partner.relationship_days_to_pay = days.get(key, 0.0)
            limit = partner.commercial_partner_id.credit_limit
            partner.relationship_credit_use = (
                100.0 * partner.commercial_partner_id.credit / limit
                if partner.commercial_partner_id.use_partner_credit_limit and limit
                else 0.0
            )

    @api.model
    def _relationship_overdue(self, partners, company):
        """{commercial partner id: overdue receivable}, one grouped read
        (the fields are shown to accounting users only, who read the moves)."""
        if not partners.ids:
            return {}
        lines = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("company_id", "=", company.id),
                    ("account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("date_maturity", "<", fields.Date.context_today(self)),
                ],
                ["partner_id"],
                ["amount_residual:sum"],
            )
        )
        overdue = {}
        for partner, amount in lines:
            key = partner.commercial_partner_id.id
            overdue[key] = overdue.get(key, 0.0) + amount
        return overdue

    @api.model
    def _relationship_days_to_pay(self, partners, company):
        """{commercial partner id: average days from invoice date to full
        payment}, over the invoices paid in the last 12 months; one query."""
        if not partners.ids:
            return {}
        self.env.cr.execute(
            self._relationship_days_to_pay_sql(
                company, partners.ids, fields.Date.context_today(self)
            )
        )
        return {pid: float(days) for pid, days in self.env.cr.fetchall()}

    @api.model
    def _relationship_days_to_pay_sql(self, company, partner_ids=None, today=None):
        """The query of the average days to pay: rows ``(partner_id, days)``
        per commercial partner, from the invoice date to the last payment of
        the customer invoices of ``company`` fully paid in the 12 months up to
        ``today``; of ``partner_ids`` only, unless None.

        One aggregate over the company's invoices, never a query per partner:
        the accounting block reads it for the contacts shown, and the value
        metrics (``crm_relationship_value``) for all customers at once.
        Flushes what it reads.
        """
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        today = today or fields.Date.context_today(self)
        partner_filter = (
            SQL("AND inv.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL()
        )
        return SQL(
            """
            SELECT inv.commercial_partner_id AS partner_id,
                   AVG(paid.paid_on - inv.invoice_date) AS days
              FROM account_move inv
              JOIN (SELECT aml.move_id, MAX(apr.max_date) AS paid_on
                      FROM account_move_line aml
                      JOIN account_account acc ON acc.id = aml.account_id
                      JOIN account_partial_reconcile apr
                        ON apr.debit_move_id = aml.id
                     WHERE acc.account_type = 'asset_receivable'
                       AND aml.company_id = %(company)s
                     GROUP BY aml.move_id) paid ON paid.move_id = inv.id
             WHERE inv.move_type = 'out_invoice'
               AND inv.state = 'posted'
               AND inv.payment_state IN ('paid', 'in_payment')
               AND inv.company_id = %(company)s
               AND inv.commercial_partner_id IS NOT NULL
               %(partner_filter)s
               AND paid.paid_on >= %(since)s
             GROUP BY inv.commercial_partner_id
            """,
            company=company.id,
            partner_filter=partner_filter,
            since=today - timedelta(days=DAYS_TO_PAY_WINDOW),
        )
