# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .crm_relationship_partner_metrics import MANAGER_GROUP
from .crm_relationship_priority_rule import (
    PRIORITY_LEVELS,
    PRIORITY_MANUAL_FIELDS,
    effective_priority,
)

# The customer's level and what sets it: relationship managers only (the
# rules' batch and the commercial-field synchronisation run as superuser).
PRIORITY_FIELDS = (
    "relationship_priority",
    "relationship_priority_rule",
    *PRIORITY_MANUAL_FIELDS,
)


def check_search_access(model, names):
    """Refuse to search, sort or group ``model`` by fields the user may not
    read. Odoo checks a field's groups when a stored column becomes SQL, not
    when a non-stored field (related, or with a search method) translates
    its condition, which reads the figures as superuser: a search count
    would tell a Sales user a customer's revenue."""
    if model.env.su:
        return
    guarded = [
        name
        for name in {name.split(".", 1)[0] for name in names}
        if name in model._fields and model._fields[name].groups
    ]
    if guarded:
        model.check_field_access_rights("read", guarded)


# Stored relationship data of the contact itself (the value figures read the
# metrics, whose record rules apply): hidden as a whole from a user who may
# not see the contact's relationship data (see
# ``_relationship_visible_domain``).
PARTNER_RELATIONSHIP_FIELDS = ("relationship_segment_ids",)


def domain_field_names(domain):
    """First field name of each condition of ``domain``."""
    return [
        leaf[0]
        for leaf in domain or ()
        if isinstance(leaf, (list, tuple)) and leaf and isinstance(leaf[0], str)
    ]


class ResPartner(models.Model):
    _inherit = "res.partner"

    relationship_metrics_id = fields.Many2one(
        "crm.relationship.partner.metrics",
        string="Value Metrics",
        compute="_compute_relationship_metrics_id",
        search="_search_relationship_metrics_id",
        groups="crm_relationship.group_crm_relationship_user",
        help="Figures of the commercial partner in the current company.",
    )
    relationship_currency_id = fields.Many2one(
        related="relationship_metrics_id.currency_id",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Value Currency",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_first_purchase_date = fields.Date(
        related="relationship_metrics_id.first_purchase_date",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="First Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_last_purchase_date = fields.Date(
        related="relationship_metrics_id.last_purchase_date",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Last Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_order_count = fields.Integer(
        related="relationship_metrics_id.order_count",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Orders",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_revenue = fields.Monetary(
        related="relationship_metrics_id.revenue",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Revenue",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_margin = fields.Monetary(
        related="relationship_metrics_id.margin",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Margin",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_average_order_value = fields.Monetary(
        related="relationship_metrics_id.average_order_value",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Average Order Value",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_frequency = fields.Float(
        related="relationship_metrics_id.frequency_per_year",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Orders per Year",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_recency_days = fields.Integer(
        related="relationship_metrics_id.recency_days",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Days Since Last Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_tenure_days = fields.Integer(
        related="relationship_metrics_id.tenure_days",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Days Since First Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_payment_days = fields.Float(
        related="relationship_metrics_id.days_to_pay",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Days to Pay (12 Months)",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_rfm_score = fields.Char(
        related="relationship_metrics_id.rfm_score",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="RFM Score",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_rfm_segment_id = fields.Many2one(
        related="relationship_metrics_id.rfm_segment_id",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="RFM Segment",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_quadrant = fields.Selection(
        related="relationship_metrics_id.quadrant",
        depends_context=("company", "uid"),
        related_sudo=False,
        string="Loyalty x Profitability",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_segment_ids = fields.Many2many(
        "crm.relationship.segment",
        "crm_relationship_segment_partner_rel",
        "partner_id",
        "segment_id",
        string="Segments",
        readonly=True,
        copy=False,
        groups="crm_relationship.group_crm_relationship_user",
        help="Rule-based segments the contact belonged to at their last refresh.",
    )
    relationship_priority = fields.Selection(
        PRIORITY_LEVELS,
        string="Customer Priority",
        copy=False,
        default="standard",
        readonly=True,
        index=True,
        tracking=True,
        help="Service level of the customer, set by the priority rules or "
        "manually. Grievance deadlines and delivery priority "
        "follow it. Contacts take the level of their company.",
    )
    relationship_priority_rule = fields.Selection(
        PRIORITY_LEVELS,
        string="Priority by Rules",
        copy=False,
        default="standard",
        readonly=True,
        help="Highest level given by the priority rules at the last recompute.",
    )
    relationship_priority_manual = fields.Selection(
        PRIORITY_LEVELS,
        string="Manual Priority",
        copy=False,
        tracking=True,
        help="Overrides the rules while today is within the validity dates.",
    )
    relationship_priority_reason = fields.Char(
        string="Reason for Manual Priority",
        copy=False,
        tracking=True,
        help="Why the level was set by hand; required with a manual priority.",
    )
    relationship_priority_date_from = fields.Date(
        string="Manual Priority From",
        copy=False,
        tracking=True,
        help="First day of the manual priority; empty: from now.",
    )
    relationship_priority_date_to = fields.Date(
        string="Manual Priority Until",
        copy=False,
        tracking=True,
        help="Last day of the manual priority; empty: no end.",
    )

    @api.model
    def _relationship_customer_domain(self):
        """Customers are those marked as such (an invoice, or created as a
        customer) or with figures in one of the user's companies: not the
        vendors, nor contacts who never bought."""
        Metrics = self.env["crm.relationship.partner.metrics"].sudo()
        bought = Metrics._search([("company_id", "in", self.env.companies.ids)])
        return expression.AND(
            [
                super()._relationship_customer_domain(),
                [
                    "|",
                    ("customer_rank", ">", 0),
                    ("id", "in", bought.subselect("partner_id")),
                ],
            ]
        )

    @api.model
    def _commercial_fields(self):
        return [*super()._commercial_fields(), *PRIORITY_FIELDS]

    @api.model
    def _where_calc(self, domain, active_test=True):
        names = domain_field_names(domain)
        check_search_access(self, names)
        if any(name.split(".", 1)[0] in PARTNER_RELATIONSHIP_FIELDS for name in names):
            visible = self._relationship_visible_domain()
            if visible is not None:
                domain = self._relationship_restrict_domain(domain, visible)
        return super()._where_calc(domain, active_test=active_test)

    @api.model
    def _relationship_visible_domain(self):
        """Domain of the contacts whose relationship data (value figures,
        segments) the user may see, or None for all of them. The value
        figures follow the record rules of the metrics; this domain applies
        the same limit to the contact's own stored data (its segments).
        Account-manager glue add-ons narrow it to an own portfolio."""
        return None

    @api.model
    def _relationship_restrict_domain(self, domain, visible):
        """``domain`` where each condition on a hidden field holds as if the
        field were empty on the contacts outside ``visible``: a condition an
        empty value meets (negative operators, ``= False``) holds for them,
        any other does not. Searching, counting and grouping by segments
        then tell nothing of the customers the user may not see."""
        visible = expression.normalize_domain(visible)
        restricted = []
        for term in domain:
            if (
                isinstance(term, (list, tuple))
                and len(term) == 3
                and isinstance(term[0], str)
                and term[0].split(".", 1)[0] in PARTNER_RELATIONSHIP_FIELDS
            ):
                operator, value = term[1], term[2]
                if operator in expression.NEGATIVE_TERM_OPERATORS or (
                    operator == "=" and not value
                ):
                    restricted += ["|", term, "!", *visible]
                else:
                    restricted += ["&", term, *visible]
            else:
                restricted.append(term)
        return restricted

    @api.model
    def _read_group_groupby(self, groupby_spec, query):
        """Grouped by segments, the contacts the user may not see go to the
        empty group, as if they had none."""
        sql = super()._read_group_groupby(groupby_spec, query)
        if groupby_spec.split(":", 1)[0] in PARTNER_RELATIONSHIP_FIELDS:
            visible = self._relationship_visible_domain()
            if visible is not None:
                sql = SQL(
                    "CASE WHEN %s IN %s THEN %s END",
                    SQL.identifier(self._table, "id"),
                    self._search(visible).subselect(),
                    sql,
                )
        return sql

    @api.model
    def _relationship_hidden_ids(self, partner_ids):
        """The ids among ``partner_ids`` whose relationship data the user may
        not see (see ``_relationship_visible_domain``)."""
        visible = self._relationship_visible_domain()
        if visible is None or not partner_ids:
            return set()
        partners = self.sudo().browse(partner_ids)
        return set(partners.ids) - set(partners.filtered_domain(visible).ids)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden_fields = [name for name in fnames if name in PARTNER_RELATIONSHIP_FIELDS]
        if hidden_fields:
            hidden = self._relationship_hidden_ids(self.ids)
            for values in result:
                if values["id"] in hidden:
                    values.update({name: [] for name in hidden_fields})
        return result

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        check_search_access(self, [fname])
        return super()._field_to_sql(alias, fname, query=query, flush=flush)

    @api.model
    def _relationship_metrics_model(self):
        """The metrics as the user may read them: with their record rules
        (company, and the own portfolio of account managers), all of them as
        superuser, none without read access (the partner's value fields
        then read empty instead of failing in Python code)."""
        Metrics = self.env["crm.relationship.partner.metrics"]
        return Metrics if Metrics.has_access("read") else None

    @api.depends("commercial_partner_id")
    @api.depends_context("company", "uid")
    def _compute_relationship_metrics_id(self):
        """The row of the commercial partner in the current company, if the
        user may read it: the value fields follow the metrics' record rules
        (read and searched), so an account manager with the own-portfolio
        access sees no figures of another portfolio's customers."""
        Metrics = self._relationship_metrics_model()
        if Metrics is None:
            self.relationship_metrics_id = False
            return
        rows = Metrics.search_fetch(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
            ],
            ["partner_id"],
        )
        by_partner = {row.partner_id.id: row for row in rows}
        for partner in self:
            partner.relationship_metrics_id = by_partner.get(
                partner.commercial_partner_id.id, Metrics
            )

    def _search_relationship_metrics_id(self, operator, value):
        Metrics = self._relationship_metrics_model()
        if Metrics is None:
            raise AccessError(
                self.env._("You are not allowed to search the customer value.")
            )
        company_rows = [("company_id", "=", self.env.company.id)]
        if operator in ("=", "!=") and not value:
            with_figures = Metrics._search(company_rows).subselect("partner_id")
            negate = "not in" if operator == "=" else "in"
            return [("commercial_partner_id", negate, with_figures)]
        if operator in ("=", "!="):
            operator, value = ("in" if operator == "=" else "not in"), [value]
        if operator not in ("in", "not in"):
            raise UserError(self.env._("Unsupported search on the value metrics."))
        rows = Metrics._search([("id", "in", value), *company_rows])
        return [("commercial_partner_id", operator, rows.subselect("partner_id"))]

    # ------------------------------------------------------------------
    # Priority
    # ------------------------------------------------------------------
    @api.constrains("relationship_priority_manual", "relationship_priority_reason")
    def _check_relationship_priority_reason(self):
        for partner in self:
            if (
                partner.relationship_priority_manual
                and not partner.relationship_priority_reason
            ):
                raise ValidationError(
                    self.env._("Give the reason for the manual priority.")
                )

    @api.constrains("relationship_priority_date_from", "relationship_priority_date_to")
    def _check_relationship_priority_dates(self):
        for partner in self:
            start = partner.relationship_priority_date_from
            end = partner.relationship_priority_date_to
            if start and end and start > end:
                raise ValidationError(
                    self.env._("The manual priority must start before it ends.")
                )

    def _check_priority_access(self, vals, new=False):
        """Refuse a change of the customer priority to all but managers.

        A new contact may carry the default level, or no manual priority.
        """
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        changed = [
            name
            for name in PRIORITY_FIELDS
            if name in vals and not (new and vals[name] in (False, None, "standard"))
        ]
        if changed:
            raise AccessError(
                self.env._(
                    "Only Relationship managers set the customer priority "
                    "(%(fields)s).",
                    fields=", ".join(self._fields[name].string for name in changed),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_priority_access(vals, new=True)
        partners = super().create(vals_list)
        if any(vals.get("relationship_priority_manual") for vals in vals_list):
            partners._relationship_priority_sync()
        return partners

    def write(self, vals):
        self._check_priority_access(vals)
        res = super().write(vals)
        if not self.env.context.get("crm_relationship_priority_synced") and (
            "relationship_priority_rule" in vals
            or any(name in vals for name in PRIORITY_MANUAL_FIELDS)
        ):
            self._relationship_priority_sync()
        return res

    def _relationship_priority_effective(self, today):
        self.ensure_one()
        return effective_priority(
            self.relationship_priority_rule,
            self.relationship_priority_manual,
            self.relationship_priority_date_from,
            self.relationship_priority_date_to,
            today,
        )

    def _relationship_priority_sync(self):
        """Write the effective level, once per level, on commercial partners.

        Used after manual changes: the ORM tracks them in the chatter.
        Contacts follow through the commercial-field synchronisation.
        """
        today = fields.Date.context_today(self)
        commercial = self.filtered(lambda p: p.commercial_partner_id == p)
        by_level = defaultdict(list)
        for partner in commercial:
            level = partner._relationship_priority_effective(today)
            if level != (partner.relationship_priority or "standard"):
                by_level[level].append(partner.id)
        for level, ids in by_level.items():
            self.browse(ids).write({"relationship_priority": level})

    @api.model
    def _relationship_apply_priority_rules(self):
        """Set the levels given by the rules of every company.

        One query reads the current levels; partners and their contacts are
        written once per set of changed values, and each change of the
        effective level is logged in the customer's chatter, with one batch
        of messages instead of the ORM's per-record field tracking. The note
        names the rule on the customers of the rule's company; on a shared
        customer, whom every company sees, it names the rule's company only
        (unless there is only one company).
        """
        matches = self.env["crm.relationship.priority.rule"].sudo()._evaluate_all()
        today = fields.Date.context_today(self)
        single_company = self.env["res.company"].sudo().search_count([]) == 1
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id, company_id, COALESCE(relationship_priority_rule, 'standard'),
                   COALESCE(relationship_priority, 'standard'),
                   relationship_priority_manual, relationship_priority_date_from,
                   relationship_priority_date_to
              FROM res_partner
             WHERE id = commercial_partner_id
               AND (COALESCE(relationship_priority_rule, 'standard') != 'standard'
                    OR COALESCE(relationship_priority, 'standard') != 'standard'
                    OR relationship_priority_manual IS NOT NULL
                    OR id = ANY(%s))
            """,
            [list(matches)],
        )
        labels = dict(PRIORITY_LEVELS)
        groups, bodies = defaultdict(list), {}
        # a few distinct notes for thousands of changes: each text is
        # translated and formatted once
        texts = {}
        rows = self.env.cr.fetchall()
        for pid, company_id, rule, level, manual, start, end in rows:
            new_rule, matched = matches.get(pid, ("standard", None))
            new_level = effective_priority(new_rule, manual, start, end, today)
            # only the fields that change: an unchanged level is not written,
            # so what depends on it (grievance priorities) is not recomputed
            changes = {}
            if new_rule != rule:
                changes["relationship_priority_rule"] = new_rule
            if new_level != level:
                changes["relationship_priority"] = new_level
                manual_wins = new_level != new_rule
                named = matched and (
                    single_company or matched.company_id.id == company_id
                )
                key = (level, new_level, manual_wins, matched, named)
                if key not in texts:
                    if manual_wins:
                        why = self.env._("manual priority")
                    elif named:
                        why = self.env._("rule: %(rule)s", rule=matched.name)
                    elif matched:
                        why = self.env._(
                            "a priority rule of %(company)s",
                            company=matched.company_id.name,
                        )
                    else:
                        why = self.env._("no priority rule matches any more")
                    texts[key] = self.env._(
                        "Customer priority: %(old)s → %(new)s (%(why)s)",
                        old=labels[level],
                        new=labels[new_level],
                        why=why,
                    )
                bodies[pid] = texts[key]
            if changes:
                groups[tuple(sorted(changes.items()))].append(pid)
        self._relationship_write_priority_batch(groups)
        if bodies:
            self.sudo().browse(list(bodies))._message_log_batch(bodies=bodies)

    @api.model
    def _relationship_write_priority_batch(self, groups):
        """Write ``{((field, value), ...): commercial partner ids}`` with their
        contacts in one ``write`` per group of values.

        The partners' own commercial-field synchronisation would write the
        contacts of each company one by one; these writes only carry the
        priority fields, which the batch gives to the contacts itself.
        """
        if not groups:
            return
        self.env.cr.execute(
            """
            SELECT commercial_partner_id, array_agg(id)
              FROM res_partner
             WHERE commercial_partner_id = ANY(%s)
               AND id != commercial_partner_id
               AND active
             GROUP BY commercial_partner_id
            """,
            [[pid for ids in groups.values() for pid in ids]],
        )
        contacts = dict(self.env.cr.fetchall())
        Partner = self.sudo().with_context(
            tracking_disable=True,
            crm_relationship_priority_synced=True,
            crm_relationship_priority_batch=True,
        )
        for changes, ids in groups.items():
            ids = ids + [cid for pid in ids for cid in contacts.get(pid, ())]
            Partner.browse(ids).write(dict(changes))

    def _fields_sync(self, values):
        if self.env.context.get("crm_relationship_priority_batch"):
            return  # the batch writes the contacts' priority with the company's
        return super()._fields_sync(values)

    @api.model
    def _cron_relationship_priority_validity(self):
        """Start and end manual priorities whose validity dates were reached."""
        self.with_context(active_test=False).search(
            [("relationship_priority_manual", "!=", False)]
        )._relationship_priority_sync()
