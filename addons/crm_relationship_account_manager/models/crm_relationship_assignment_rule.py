# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import heapq
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

ASSIGNMENT_CAUSES = [
    ("rule", "Rule"),
    ("manual", "Manual"),
    ("bulk", "Bulk reassignment"),
    ("leaver", "Leaver"),
]


class CrmRelationshipAssignmentRule(models.Model):
    _name = "crm.relationship.assignment.rule"
    _description = "Account Assignment Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Rules are tried in this order; the first match wins."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The rule assigns the customers of this company and the shared "
        "customers (no company).",
    )
    industry_ids = fields.Many2many(
        "res.partner.industry", string="Industries", help="Empty: any industry."
    )
    country_ids = fields.Many2many(
        "res.country", string="Countries", help="Empty: any country."
    )
    state_ids = fields.Many2many(
        "res.country.state", string="States", help="Empty: any state."
    )
    zip_from = fields.Char(
        string="ZIP From", help="Lowest ZIP code (compared as text); empty: no bound."
    )
    zip_to = fields.Char(
        string="ZIP To", help="Highest ZIP code (compared as text); empty: no bound."
    )
    target_type = fields.Selection(
        [("team", "Sales team (balanced)"), ("users", "Named account managers")],
        string="Assign To",
        required=True,
        default="team",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="The customers are balanced among the team's members who are "
        "account managers of the rule's company.",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Account Managers",
        domain="[('share', '=', False)]",
        help="The customers are balanced among these account managers.",
    )
    customer_count = fields.Integer(
        compute="_compute_customer_count",
        help="Customers whose account manager this rule set.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "zip_range",
            "CHECK(zip_from IS NULL OR zip_to IS NULL OR zip_from <= zip_to)",
            "The ZIP range must start before it ends.",
        ),
    ]

    @api.constrains("target_type", "team_id", "user_ids")
    def _check_target(self):
        for rule in self:
            if rule.target_type == "team" and not rule.team_id:
                raise ValidationError(
                    self.env._("Rule %(rule)s: choose the sales team.", rule=rule.name)
                )
            if rule.target_type == "users" and not rule.user_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: choose the account managers.", rule=rule.name
                    )
                )

    def _compute_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("account_manager_rule_id", "in", self.ids)],
                ["account_manager_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.customer_count = counts.get(rule, 0)

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship.res_partner_action_customers"
        )
        action["domain"] = [("account_manager_rule_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _get_partner_domain(self):
        """The customers this rule matches, before the first-match order."""
        self.ensure_one()
        domain = [("company_id", "in", [self.company_id.id, False])]
        if self.industry_ids:
            domain.append(("industry_id", "in", self.industry_ids.ids))
        if self.country_ids:
            domain.append(("country_id", "in", self.country_ids.ids))
        if self.state_ids:
            domain.append(("state_id", "in", self.state_ids.ids))
        if self.zip_from:
            domain.append(("zip", ">=", self.zip_from))
        if self.zip_to:
            domain.append(("zip", "<=", self.zip_to))
        return domain

    def _get_target_users(self):
        """Every user the rule gives customers to, on leave or not."""
        self.ensure_one()
        if self.target_type == "team":
            return self.team_id.member_ids
        return self.user_ids

    @api.model
    def _customer_domain(self):
        """Commercial customers: commercial entities that are neither an
        internal user's contact nor a company's own contact."""
        company_partners = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "!=", False)])
            .partner_id
        )
        return [
            ("active", "=", True),
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            ("partner_share", "=", True),
            ("id", "not in", company_partners.ids),
        ]

    @api.model
    def _check_assignment_rights(self):
        if not self.env.user.has_group(
            "crm_relationship.group_crm_relationship_manager"
        ):
            raise AccessError(
                self.env._("Only Relationship managers assign account managers.")
            )

    # ------------------------------------------------------------------
    # Engine: propose, then apply (the wizard previews the proposal)
    # ------------------------------------------------------------------
    @api.model
    def _propose(self, mode="unassigned", partners=None):
        """Proposed changes of account manager, computed set-wise.

        ``mode``: ``unassigned`` places the customers without an account
        manager; ``realign`` also moves the customers assigned by a rule
        whose rule result (first matching rule, or its target) changed.
        Pinned customers never move; manual and bulk assignments are kept.

        Returns ``(changes, unplaced)``: ``changes`` a list of dicts
        ``partner_id, user_from_id, user_to_id, rule_id, weight``,
        ``unplaced`` the ids of matched customers no manager had room for.
        """
        Partner = self.env["res.partner"]
        domain = [*self._customer_domain(), ("account_manager_pinned", "=", False)]
        if partners is not None:
            domain.append(("id", "in", partners.ids))
        if mode == "unassigned":
            domain.append(("user_id", "=", False))
        else:
            domain += [
                "|",
                ("user_id", "=", False),
                ("account_manager_cause", "=", "rule"),
            ]
        Partner.flush_model()
        query = Partner._search(domain)
        self.env.cr.execute(
            query.select(
                '"res_partner"."id"',
                '"res_partner"."user_id"',
                '"res_partner"."account_manager_rule_id"',
            )
        )
        current = {pid: (uid, rid) for pid, uid, rid in self.env.cr.fetchall()}
        if not current:
            return [], []
        candidates = set(current)
        rules = self.search([("company_id", "in", self.env.companies.ids)])
        matched = {}
        remaining = set(candidates)
        for rule in rules:
            if not remaining:
                break
            ids = Partner._search(domain + rule._get_partner_domain())
            hit = remaining.intersection(ids)
            if hit:
                matched[rule] = hit
                remaining -= hit
        # Customers whose rule result is unchanged keep their manager.
        to_place = {}
        for rule, pids in matched.items():
            keep_users = set(rule._get_target_users().ids)
            moving = [
                pid
                for pid in pids
                if not (current[pid][1] == rule.id and current[pid][0] in keep_users)
            ]
            if moving:
                to_place[rule] = moving
        if not to_place:
            return [], []
        weights = Partner._account_manager_weights(
            [pid for pids in to_place.values() for pid in pids]
        )
        Manager = self.env["crm.relationship.account.manager"]
        managers = Manager.search(
            [
                (
                    "user_id",
                    "in",
                    list({u for r in to_place for u in r._get_target_users().ids}),
                ),
                ("company_id", "in", [r.company_id.id for r in to_place]),
            ]
        )
        loads = Manager._get_loads(managers.user_id.ids)
        # The customers that move leave their current manager's load.
        for pids in to_place.values():
            for pid in pids:
                uid = current[pid][0]
                if uid in loads:
                    loads[uid] -= weights[pid]
        changes, unplaced = [], []
        for rule, pids in to_place.items():
            eligible = managers.filtered(
                lambda m, rule=rule: (
                    m.company_id == rule.company_id
                    and m.user_id in rule._get_target_users()
                    and not m.on_leave
                    and m.capacity > 0
                )
            )
            capacity = {m.user_id.id: m.capacity for m in eligible}
            placed = self._balance(pids, weights, capacity, loads)
            for pid in pids:
                uid = placed.get(pid)
                if not uid:
                    unplaced.append(pid)
                    continue
                if uid != current[pid][0] or rule.id != current[pid][1]:
                    changes.append(
                        {
                            "partner_id": pid,
                            "user_from_id": current[pid][0] or False,
                            "user_to_id": uid,
                            "rule_id": rule.id,
                            "weight": weights[pid],
                        }
                    )
        return changes, unplaced

    @api.model
    def _balance(self, partner_ids, weights, capacity, loads):
        """Give each customer to the manager of lowest load / capacity with
        room for it; ties go to the lower load, then the lower user id.

        Heaviest customers first. ``loads`` (user id -> load) is updated.
        Returns {partner id: user id} for the customers placed.
        """
        heap = []
        for uid, cap in capacity.items():
            load = loads.setdefault(uid, 0.0)
            heapq.heappush(heap, (load / cap, load, uid))
        full = []
        placed = {}
        last_weight = None
        for pid in sorted(partner_ids, key=lambda p: (-weights[p], p)):
            weight = weights[pid]
            if last_weight is not None and weight < last_weight:
                # A lighter customer may fit where a heavier one did not.
                for item in full:
                    heapq.heappush(heap, item)
                full = []
            last_weight = weight
            while heap:
                ratio, load, uid = heapq.heappop(heap)
                if load + weight <= capacity[uid]:
                    break
                full.append((ratio, load, uid))
            else:
                continue
            load += weight
            loads[uid] = load
            placed[pid] = uid
            heapq.heappush(heap, (load / capacity[uid], load, uid))
        return placed

    @api.model
    def _apply_changes(self, changes, cause="rule", reason=False, handover=True):
        """Write the proposed changes: one write per target manager and rule,
        the history rows in one create, a handover activity per customer that
        changes hands. Returns the partners changed."""
        Partner = self.env["res.partner"]
        if not changes:
            return Partner
        now = fields.Datetime.now()
        batches = defaultdict(list)
        for change in changes:
            batches[(change["user_to_id"], change.get("rule_id") or False)].append(
                change["partner_id"]
            )
        # The history rows are the structured trace: no mail tracking values
        # on top, one per customer.
        engine = Partner.with_context(
            account_manager_engine=True, tracking_disable=True
        )
        for (user_id, rule_id), pids in batches.items():
            engine.browse(pids).write(
                {
                    "user_id": user_id,
                    "account_manager_rule_id": rule_id,
                    "account_manager_cause": cause,
                    "account_manager_date": now,
                }
            )
        self.env["crm.relationship.account.manager.history"]._log_changes(
            changes, cause, reason
        )
        if handover:
            Partner._account_manager_handover(
                [c for c in changes if c["user_from_id"] and c["user_to_id"]]
            )
        users = {c["user_to_id"] for c in changes} | {
            c["user_from_id"] for c in changes
        }
        self.env["crm.relationship.account.manager"].sudo().search(
            [("user_id", "in", [u for u in users if u])]
        )._refresh_loads()
        return Partner.browse([c["partner_id"] for c in changes])

    @api.model
    def _propose_reassignment(self, partners, users):
        """Proposed changes giving ``partners`` to ``users``, balanced by
        load / capacity (any company's account manager record of the user;
        leave and capacity are ignored when one user is named)."""
        Partner = self.env["res.partner"]
        weights = Partner._account_manager_weights(partners.ids)
        Manager = self.env["crm.relationship.account.manager"]
        loads = Manager._get_loads(users.ids)
        for partner in partners:
            if partner.user_id.id in loads:
                loads[partner.user_id.id] -= weights[partner.id]
        if len(users) == 1:
            capacity = {users.id: float("inf")}
        else:
            managers = Manager.search(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "in", self.env.companies.ids),
                    ("on_leave", "=", False),
                    ("capacity", ">", 0),
                ]
            )
            capacity = {}
            for manager in managers:
                capacity[manager.user_id.id] = max(
                    capacity.get(manager.user_id.id, 0), manager.capacity
                )
        placed = self._balance(partners.ids, weights, capacity, loads)
        changes, unplaced = [], []
        for partner in partners:
            uid = placed.get(partner.id)
            if not uid:
                unplaced.append(partner.id)
            elif uid != partner.user_id.id:
                changes.append(
                    {
                        "partner_id": partner.id,
                        "user_from_id": partner.user_id.id or False,
                        "user_to_id": uid,
                        "rule_id": False,
                        "weight": weights[partner.id],
                    }
                )
        return changes, unplaced

    # ------------------------------------------------------------------
    # Runs
    # ------------------------------------------------------------------
    @api.model
    def _cron_assign_unassigned(self):
        changes, _unplaced = self._propose("unassigned")
        self._apply_changes(changes, cause="rule", handover=False)
        return len(changes)
