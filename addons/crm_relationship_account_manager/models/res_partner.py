# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import api, fields, models

from .crm_relationship_assignment_rule import ASSIGNMENT_CAUSES

ACCOUNT_MANAGER_COMMERCIAL_FIELDS = ["user_id", "account_manager_pinned"]


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_manager_pinned = fields.Boolean(
        string="Pinned Account Manager",
        copy=False,
        help="The account manager of a pinned customer is never changed by "
        "the rules, the nightly run or a realignment.",
    )
    account_manager_rule_id = fields.Many2one(
        "crm.relationship.assignment.rule",
        string="Assignment Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="crm_relationship.group_crm_relationship_user",
        help="The rule that chose the account manager.",
    )
    account_manager_cause = fields.Selection(
        ASSIGNMENT_CAUSES,
        string="Assigned By",
        readonly=True,
        copy=False,
        groups="crm_relationship.group_crm_relationship_user",
    )
    account_manager_date = fields.Datetime(
        string="Assigned On",
        readonly=True,
        copy=False,
        groups="crm_relationship.group_crm_relationship_user",
    )
    account_manager_history_ids = fields.One2many(
        "crm.relationship.account.manager.history",
        "partner_id",
        readonly=True,
        groups="crm_relationship.group_crm_relationship_user",
    )

    @api.model
    def _commercial_fields(self):
        return [*super()._commercial_fields(), *ACCOUNT_MANAGER_COMMERCIAL_FIELDS]

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self.env.context.get("account_manager_engine"):
            # A customer: created as one (Sales, Invoicing) or ranked so.
            as_customer = self.env.context.get("res_partner_search_mode") == "customer"
            new_customers = partners.filtered(
                lambda p: (
                    not p.user_id
                    and (
                        as_customer
                        or (p._fields.get("customer_rank") and p.customer_rank)
                    )
                    and p.commercial_partner_id == p
                )
            )
            if new_customers:
                new_customers._account_manager_auto_assign()
        return partners

    def write(self, vals):
        if "user_id" not in vals or self.env.context.get("account_manager_engine"):
            return super().write(vals)
        commercial = self.filtered(lambda p: p.commercial_partner_id == p)
        before = {partner.id: partner.user_id.id for partner in commercial}
        res = super().write(vals)
        changed = commercial.filtered(lambda p: p.user_id.id != before[p.id])
        if changed:
            changed._account_manager_log_manual(before)
        return res

    def _account_manager_log_manual(self, before):
        """A salesperson set by hand: cause Manual, a history row each."""
        now = fields.Datetime.now()
        self.sudo().with_context(account_manager_engine=True).write(
            {
                "account_manager_cause": "manual" if self[:1].user_id else False,
                "account_manager_rule_id": False,
                "account_manager_date": now,
            }
        )
        self.env["crm.relationship.account.manager.history"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "user_from_id": before[partner.id] or False,
                    "user_to_id": partner.user_id.id,
                    "date": now,
                    "cause": "manual",
                    "user_id": self.env.uid,
                }
                for partner in self
            ]
        )
        users = set(before.values()) | set(self.user_id.ids)
        self.env["crm.relationship.account.manager"].sudo().search(
            [("user_id", "in", [u for u in users if u])]
        )._refresh_loads()

    def _account_manager_auto_assign(self):
        """Give new customers their account manager by the rules."""
        Rule = self.env["crm.relationship.assignment.rule"].sudo()
        if not Rule.search_count([], limit=1):
            return
        changes, _unplaced = Rule._propose("unassigned", partners=self)
        Rule._apply_changes(changes, cause="rule", handover=False)

    # ------------------------------------------------------------------
    # Hooks for the weights (priority glue) and the handover note
    # ------------------------------------------------------------------
    @api.model
    def _account_manager_weights(self, partner_ids):
        """{partner id: weight in the load}; every account counts 1 here."""
        return dict.fromkeys(partner_ids, 1.0)

    @api.model
    def _account_manager_load_groupby(self):
        """Partner fields the load is grouped by to weigh it."""
        return []

    @api.model
    def _account_manager_group_weight(self, keys):
        """Weight of a group of customers, from the values of the fields of
        ``_account_manager_load_groupby``."""
        return 1.0

    def _account_manager_handover_items(self):
        """{partner id: [html lines]} of what the new manager must know
        (open quotations, open grievances, overdue invoices...)."""
        return {}

    @api.model
    def _account_manager_handover(self, changes):
        """One handover activity per customer for its new manager."""
        if not changes:
            return
        partners = self.browse([c["partner_id"] for c in changes])
        items = partners._account_manager_handover_items()
        users = self.env["res.users"].browse(
            {c["user_from_id"] for c in changes} | {c["user_to_id"] for c in changes}
        )
        names = {user.id: user.name for user in users}
        activity_type = self.env.ref(
            "crm_relationship_account_manager.mail_activity_type_account_handover"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for change in changes:
            lines = items.get(change["partner_id"], [])
            note = Markup("<p>%s</p>") % self.env._(
                "You now manage this customer, handed over by %(user)s.",
                user=names.get(change["user_from_id"], ""),
            )
            if lines:
                note += Markup("<ul>%s</ul>") % Markup("").join(
                    Markup("<li>%s</li>") % escape(line) for line in lines
                )
            else:
                note += Markup("<p>%s</p>") % self.env._(
                    "Nothing open: no quotation, grievance or overdue invoice."
                )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": change["partner_id"],
                    "activity_type_id": activity_type.id,
                    "user_id": change["user_to_id"],
                    "summary": self.env._("Account handover"),
                    "note": note,
                }
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(vals_list)
