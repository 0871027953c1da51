# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class CrmRelationshipAccountManagerAssign(models.TransientModel):
    _name = "crm.relationship.account.manager.assign"
    _description = "Assign Account Managers"

    mode = fields.Selection(
        [
            ("unassigned", "Assign the unassigned customers by the rules"),
            ("realign", "Realign after rule changes"),
            ("reassign", "Reassign customers"),
        ],
        required=True,
        default="unassigned",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="The customers to reassign; empty with a previous manager: all "
        "of that manager's customers.",
    )
    from_user_id = fields.Many2one(
        "res.users",
        string="All Customers Of",
        domain="[('share', '=', False)]",
        help="A leaver: all the customers this user manages are reassigned.",
    )
    target_type = fields.Selection(
        [("user", "One account manager"), ("team", "Balanced across a team")],
        string="Give To",
        default="user",
    )
    target_user_id = fields.Many2one(
        "res.users", string="New Account Manager", domain="[('share', '=', False)]"
    )
    target_team_id = fields.Many2one("crm.team", string="Sales Team")
    reason = fields.Char()
    handover = fields.Boolean(
        string="Handover Activities",
        default=True,
        help="Schedule an activity for the new manager of each customer that "
        "changes hands, listing what is open on the account.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("preview", "Preview")], default="draft", required=True
    )
    line_ids = fields.One2many(
        "crm.relationship.account.manager.assign.line", "wizard_id", string="Changes"
    )
    load_ids = fields.One2many(
        "crm.relationship.account.manager.assign.load", "wizard_id", string="Loads"
    )
    change_count = fields.Integer(compute="_compute_change_count")
    unplaced_count = fields.Integer(
        string="Without Room",
        readonly=True,
        help="Customers that matched a rule but whose eligible managers were "
        "all on leave or at capacity: they stay unassigned.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_ids"):
            values["mode"] = "reassign"
            values["partner_ids"] = [Command.set(context["active_ids"])]
        return values

    @api.depends("line_ids")
    def _compute_change_count(self):
        for wizard in self:
            wizard.change_count = len(wizard.line_ids)

    @property
    def _rule_model(self):
        return self.env["crm.relationship.assignment.rule"]

    def _get_cause(self):
        if self.mode != "reassign":
            return "rule"
        return "leaver" if self.from_user_id else "bulk"

    def _get_partners(self):
        partners = self.partner_ids
        if self.from_user_id:
            partners |= self.env["res.partner"].search(
                [
                    *self._rule_model._customer_domain(),
                    ("user_id", "=", self.from_user_id.id),
                ]
            )
        return partners.commercial_partner_id

    def _compute_changes(self):
        """The changes the wizard proposes: the same engine as the runs."""
        self.ensure_one()
        if self.mode != "reassign":
            return self._rule_model._propose(self.mode)
        partners = self._get_partners()
        if not partners:
            raise UserError(
                self.env._(
                    "Select customers, or the manager whose customers to reassign."
                )
            )
        if self.target_type == "team":
            if not self.target_team_id:
                raise UserError(self.env._("Choose the sales team."))
            users = self.target_team_id.member_ids - self.from_user_id
        else:
            if not self.target_user_id:
                raise UserError(self.env._("Choose the new account manager."))
            users = self.target_user_id
        if not users:
            raise UserError(self.env._("The team has no member to give customers to."))
        return self._rule_model._propose_reassignment(partners, users)

    def action_preview(self):
        self.ensure_one()
        self._rule_model._check_assignment_rights()
        changes, unplaced = self._compute_changes()
        Manager = self.env["crm.relationship.account.manager"]
        users = {c["user_from_id"] for c in changes} | {
            c["user_to_id"] for c in changes
        }
        users.discard(False)
        before = Manager._get_loads(list(users))
        after = dict(before)
        moved_in, moved_out = defaultdict(int), defaultdict(int)
        for change in changes:
            if change["user_from_id"]:
                after[change["user_from_id"]] -= change["weight"]
                moved_out[change["user_from_id"]] += 1
            after[change["user_to_id"]] += change["weight"]
            moved_in[change["user_to_id"]] += 1
        capacity = defaultdict(float)
        for manager in Manager.search(
            [
                ("user_id", "in", list(users)),
                ("company_id", "in", self.env.companies.ids),
            ]
        ):
            capacity[manager.user_id.id] = max(
                capacity[manager.user_id.id], manager.capacity
            )
        self.write(
            {
                "state": "preview",
                "unplaced_count": len(unplaced),
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "partner_id": c["partner_id"],
                            "user_from_id": c["user_from_id"],
                            "user_to_id": c["user_to_id"],
                            "rule_id": c["rule_id"],
                            "weight": c["weight"],
                        }
                    )
                    for c in changes
                ],
                "load_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "user_id": uid,
                            "capacity": capacity[uid],
                            "load_before": before[uid],
                            "load_after": after[uid],
                            "count_in": moved_in[uid],
                            "count_out": moved_out[uid],
                        }
                    )
                    for uid in sorted(users)
                ],
            }
        )
        return self._reopen()

    @api.onchange(
        "mode",
        "partner_ids",
        "from_user_id",
        "target_type",
        "target_user_id",
        "target_team_id",
    )
    def _onchange_reset_preview(self):
        """Another question: the preview shown no longer answers it."""
        if self.state == "preview":
            self.state = "draft"
            self.line_ids = [Command.clear()]
            self.load_ids = [Command.clear()]
            self.unplaced_count = 0

    def action_apply(self):
        """Apply what the preview shows (previewing first if needed)."""
        self.ensure_one()
        self._rule_model._check_assignment_rights()
        if self.state != "preview":
            self.action_preview()
        changes = [
            {
                "partner_id": line.partner_id.id,
                "user_from_id": line.user_from_id.id,
                "user_to_id": line.user_to_id.id,
                "rule_id": line.rule_id.id,
                "weight": line.weight,
            }
            for line in self.line_ids
        ]
        partners = self._rule_model._apply_changes(
            changes, cause=self._get_cause(), reason=self.reason, handover=self.handover
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s customers have a new account manager.",
                    count=len(partners),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Assign Account Managers"),
        }
