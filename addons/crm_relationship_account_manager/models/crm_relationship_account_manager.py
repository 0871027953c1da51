# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmRelationshipAccountManager(models.Model):
    _name = "crm.relationship.account.manager"
    _description = "Account Manager"
    _order = "company_id, user_id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    team_ids = fields.Many2many(
        related="user_id.crm_team_ids", string="Sales Teams", readonly=True
    )
    capacity = fields.Float(
        required=True,
        default=100.0,
        help="The load the manager can carry: a number of accounts, each "
        "weighted by the customer's priority when the priority weights are "
        "set (Key 3, Priority 2, Standard 1 by default).",
    )
    on_leave = fields.Boolean(
        help="A manager on leave keeps their customers but gets no new ones."
    )
    account_count = fields.Integer(
        string="Accounts", readonly=True, help="Customers managed."
    )
    load = fields.Float(readonly=True, help="Weighted number of customers managed.")
    load_pct = fields.Float(
        string="Load (%)",
        readonly=True,
        aggregator="avg",
        help="Load as a percentage of the capacity.",
    )

    _sql_constraints = [
        (
            "user_company_unique",
            "UNIQUE(user_id, company_id)",
            "A user is account manager once per company.",
        ),
        (
            "capacity_positive",
            "CHECK(capacity >= 0)",
            "The capacity cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        managers = super().create(vals_list)
        managers._refresh_loads()
        return managers

    def write(self, vals):
        res = super().write(vals)
        if "capacity" in vals or "user_id" in vals:
            self._refresh_loads()
        return res

    @api.model
    def _get_loads(self, user_ids):
        """Load of each user: {user id: weighted number of customers}, one
        grouped read over the customers."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        extra = Partner._account_manager_load_groupby()
        domain = self.env["crm.relationship.assignment.rule"]._customer_domain()
        loads = dict.fromkeys(user_ids, 0.0)
        for user, *keys, count in Partner._read_group(
            [*domain, ("user_id", "in", list(user_ids))],
            ["user_id", *extra],
            ["__count"],
        ):
            loads[user.id] += count * Partner._account_manager_group_weight(keys)
        return loads

    def _get_counts(self):
        Partner = self.env["res.partner"].sudo()
        domain = self.env["crm.relationship.assignment.rule"]._customer_domain()
        return {
            user.id: count
            for user, count in Partner._read_group(
                [*domain, ("user_id", "in", self.user_id.ids)],
                ["user_id"],
                ["__count"],
            )
        }

    def _refresh_loads(self):
        """Store the accounts and load of these managers (derived figures
        for the load graph), written only where they changed."""
        if not self:
            return
        loads = self._get_loads(self.user_id.ids)
        counts = self._get_counts()
        for manager in self:
            load = loads.get(manager.user_id.id, 0.0)
            vals = {
                "account_count": counts.get(manager.user_id.id, 0),
                "load": load,
                "load_pct": 100.0 * load / manager.capacity
                if manager.capacity
                else 0.0,
            }
            if any(manager[key] != value for key, value in vals.items()):
                manager.write(vals)

    def action_refresh_loads(self):
        self.env["crm.relationship.assignment.rule"]._check_assignment_rights()
        (self or self.search([("active", "=", True)]))._refresh_loads()
        return True

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship.res_partner_action_customers"
        )
        action["domain"] = [("user_id", "=", self.user_id.id)]
        action["context"] = {}
        return action

    def action_reassign_all(self):
        """Open the bulk reassignment on all this manager's customers (a leaver)."""
        self.ensure_one()
        self.env["crm.relationship.assignment.rule"]._check_assignment_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reassign Customers"),
            "res_model": "crm.relationship.account.manager.assign",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_mode": "reassign",
                "default_from_user_id": self.user_id.id,
            },
        }
