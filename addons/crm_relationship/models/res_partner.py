# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.res_partner import _lang_get

from .crm_relationship_consent import CONSENT_CHANNELS
from .crm_relationship_priority_rule import (
    PRIORITY_LEVELS,
    PRIORITY_MANUAL_FIELDS,
    effective_priority,
)

# Lower bound (inclusive) of each age band, youngest first.
AGE_BANDS = [
    (0, "under_18", "Under 18"),
    (18, "18_24", "18-24"),
    (25, "25_34", "25-34"),
    (35, "35_44", "35-44"),
    (45, "45_54", "45-54"),
    (55, "55_64", "55-64"),
    (65, "65_plus", "65 and over"),
]


def age_on(birthdate, today):
    """Full years between ``birthdate`` and ``today``."""
    return relativedelta(today, birthdate).years


def _recency(consent):
    """Sort key of consent statements; an unsaved one is the newest."""
    return (consent.date or datetime.min, consent._origin.id or math.inf)


def age_band_of(age):
    """Key of the band that holds ``age``."""
    band = AGE_BANDS[0][1]
    for lower, key, _label in AGE_BANDS:
        if age >= lower:
            band = key
    return band


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
        depends_context=("company",),
        string="Value Currency",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_first_purchase_date = fields.Date(
        related="relationship_metrics_id.first_purchase_date",
        depends_context=("company",),
        string="First Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_last_purchase_date = fields.Date(
        related="relationship_metrics_id.last_purchase_date",
        depends_context=("company",),
        string="Last Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_order_count = fields.Integer(
        related="relationship_metrics_id.order_count",
        depends_context=("company",),
        string="Orders",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_revenue = fields.Monetary(
        related="relationship_metrics_id.revenue",
        depends_context=("company",),
        string="Revenue",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_margin = fields.Monetary(
        related="relationship_metrics_id.margin",
        depends_context=("company",),
        string="Margin",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_average_order_value = fields.Monetary(
        related="relationship_metrics_id.average_order_value",
        depends_context=("company",),
        string="Average Order Value",
        currency_field="relationship_currency_id",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_frequency = fields.Float(
        related="relationship_metrics_id.frequency_per_year",
        depends_context=("company",),
        string="Orders per Year",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_recency_days = fields.Integer(
        related="relationship_metrics_id.recency_days",
        depends_context=("company",),
        string="Days Since Last Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_tenure_days = fields.Integer(
        related="relationship_metrics_id.tenure_days",
        depends_context=("company",),
        string="Days Since First Purchase",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_rfm_score = fields.Char(
        related="relationship_metrics_id.rfm_score",
        depends_context=("company",),
        string="RFM Score",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_rfm_segment_id = fields.Many2one(
        related="relationship_metrics_id.rfm_segment_id",
        depends_context=("company",),
        string="RFM Segment",
        groups="crm_relationship.group_crm_relationship_user",
    )
    relationship_quadrant = fields.Selection(
        related="relationship_metrics_id.quadrant",
        depends_context=("company",),
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
        default="standard",
        readonly=True,
        index=True,
        tracking=True,
        help="Service level of the customer, set by the priority rules or "
        "manually. Grievance deadlines, delivery priority and assignment "
        "follow it. Contacts take the level of their company.",
    )
    relationship_priority_rule = fields.Selection(
        PRIORITY_LEVELS,
        string="Priority by Rules",
        default="standard",
        readonly=True,
        help="Highest level given by the priority rules at the last recompute.",
    )
    relationship_priority_manual = fields.Selection(
        PRIORITY_LEVELS,
        string="Manual Priority",
        tracking=True,
        help="Overrides the rules while today is within the validity dates.",
    )
    relationship_priority_reason = fields.Char(
        string="Reason for Manual Priority",
        tracking=True,
        help="Why the level was set by hand; required with a manual priority.",
    )
    relationship_priority_date_from = fields.Date(
        string="Manual Priority From",
        tracking=True,
        help="First day of the manual priority; empty: from now.",
    )
    relationship_priority_date_to = fields.Date(
        string="Manual Priority Until",
        tracking=True,
        help="Last day of the manual priority; empty: no end.",
    )

    birthdate_date = fields.Date(
        string="Date of Birth",
        tracking=True,
        help="Used for age-based segments and birthday offers.",
    )
    age = fields.Integer(
        compute="_compute_age",
        search="_search_age",
        help="Age in full years today, from the date of birth.",
    )
    age_band = fields.Selection(
        [(key, label) for _lower, key, label in AGE_BANDS],
        compute="_compute_age_band",
        store=True,
        precompute=True,
        help="Age range, kept current by a daily scheduled action.",
    )
    education_level = fields.Selection(
        [
            ("primary", "Primary school"),
            ("secondary", "Secondary school"),
            ("vocational", "Vocational training"),
            ("bachelor", "Bachelor's degree"),
            ("master", "Master's degree"),
            ("doctorate", "Doctorate"),
        ],
        help="Highest level of education completed.",
    )
    marital_status = fields.Selection(
        [
            ("single", "Single"),
            ("married", "Married"),
            ("partnership", "Civil partnership"),
            ("divorced", "Divorced"),
            ("widowed", "Widowed"),
        ],
    )
    preferred_channel = fields.Selection(
        [
            ("email", "Email"),
            ("phone", "Phone"),
            ("sms", "SMS"),
            ("post", "Post"),
            ("in_person", "In person"),
        ],
        help="How the contact prefers to be reached. Marketing on a channel "
        "still needs the contact's consent for it.",
    )
    contact_lang = fields.Selection(
        _lang_get,
        string="Preferred Contact Language",
        help="Language to speak with the contact on the phone or in person. "
        "Printed documents and emails follow the Language field.",
    )
    contact_time = fields.Selection(
        [
            ("morning", "Morning"),
            ("afternoon", "Afternoon"),
            ("evening", "Evening"),
            ("any", "Any time"),
        ],
        string="Preferred Contact Time",
    )
    consent_ids = fields.One2many(
        "crm.relationship.consent",
        "partner_id",
        string="Consents",
        help="Every consent given or withdrawn, newest first.",
    )
    consent_email = fields.Boolean(
        string="Email Consent",
        compute="_compute_consents",
        store=True,
        help="The latest statement for this channel grants consent.",
    )
    consent_sms = fields.Boolean(
        string="SMS Consent",
        compute="_compute_consents",
        store=True,
        help="The latest statement for this channel grants consent.",
    )
    consent_phone = fields.Boolean(
        string="Phone Consent",
        compute="_compute_consents",
        store=True,
        help="The latest statement for this channel grants consent.",
    )
    consent_post = fields.Boolean(
        string="Post Consent",
        compute="_compute_consents",
        store=True,
        help="The latest statement for this channel grants consent.",
    )

    @api.depends("birthdate_date")
    @api.depends_context("tz")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birthdate = partner.birthdate_date
            partner.age = age_on(birthdate, today) if birthdate else 0

    @api.depends("birthdate_date")
    def _compute_age_band(self):
        today = fields.Date.context_today(self)
        born = self.filtered("birthdate_date")
        (self - born).age_band = False  # one assignment for a whole import
        for partner in born:
            partner.age_band = age_band_of(age_on(partner.birthdate_date, today))

    def _search_age(self, operator, value):
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
            value, int
        ):
            raise UserError(self.env._("Search on age takes a whole number."))
        today = fields.Date.context_today(self)

        def born_by(age):
            # Born on or before this date: at least ``age`` years old today.
            return today - relativedelta(years=age)

        at_least = {">=": value, ">": value + 1}
        at_most = {"<=": value, "<": value - 1}
        if operator in at_least:
            return [("birthdate_date", "<=", born_by(at_least[operator]))]
        if operator in at_most:
            return [("birthdate_date", ">", born_by(at_most[operator] + 1))]
        exact = [
            ("birthdate_date", "<=", born_by(value)),
            ("birthdate_date", ">", born_by(value + 1)),
        ]
        if operator == "=":
            return exact
        return ["|", ("birthdate_date", "=", False), "!", "&", *exact]

    @api.depends("consent_ids.channel", "consent_ids.state", "consent_ids.date")
    def _compute_consents(self):
        stated = self.filtered("consent_ids")
        for channel, _label in CONSENT_CHANNELS:
            (self - stated)[f"consent_{channel}"] = False
        for partner in stated:
            latest = {}
            newest_first = partner.consent_ids.sorted(_recency, reverse=True)
            for consent in newest_first:
                latest.setdefault(consent.channel, consent.state)
            for channel, _label in CONSENT_CHANNELS:
                partner[f"consent_{channel}"] = latest.get(channel) == "granted"

    @api.model
    def _cron_refresh_age_bands(self):
        """Recompute the band of contacts whose birthday moved them on.

        One read of all birth dates; only the stale partners are recomputed.
        """
        today = fields.Date.context_today(self)
        rows = self.with_context(active_test=False).search_read(
            [("birthdate_date", "!=", False)], ["birthdate_date", "age_band"]
        )
        stale = self.browse(
            [
                row["id"]
                for row in rows
                if age_band_of(age_on(row["birthdate_date"], today)) != row["age_band"]
            ]
        )
        self.env.add_to_compute(self._fields["age_band"], stale)
        stale._recompute_recordset(["age_band"])

    # ------------------------------------------------------------------
    # Grievances
    # ------------------------------------------------------------------
    grievance_count = fields.Integer(
        compute="_compute_grievance_stats",
        groups="crm_relationship.group_crm_relationship_user",
        help="Grievances of this customer (its company and contacts).",
    )
    grievance_sla_status = fields.Selection(
        [("on_track", "On Track"), ("at_risk", "At Risk"), ("breached", "Breached")],
        string="Grievance SLA",
        compute="_compute_grievance_stats",
        groups="crm_relationship.group_crm_relationship_user",
        help="Worst SLA status among the customer's open grievances.",
    )

    def _compute_grievance_stats(self):
        commercial = self.commercial_partner_id
        rows = self.env["crm.relationship.grievance"]._read_group(
            [("commercial_partner_id", "in", commercial.ids)],
            ["commercial_partner_id", "is_closed", "sla_status"],
            ["__count"],
        )
        counts, worst = {}, {}
        rank = {"on_track": 1, "at_risk": 2, "breached": 3}
        for partner, is_closed, status, count in rows:
            counts[partner] = counts.get(partner, 0) + count
            if not is_closed and rank.get(status, 0) > rank.get(worst.get(partner), 0):
                worst[partner] = status
        for partner in self:
            partner.grievance_count = counts.get(partner.commercial_partner_id, 0)
            partner.grievance_sla_status = worst.get(
                partner.commercial_partner_id, False
            )

    def action_view_grievances(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_for(
            [("commercial_partner_id", "=", self.commercial_partner_id.id)],
            {"default_partner_id": self.id},
        )

    def action_new_grievance(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_new(
            {"default_partner_id": self.id}
        )

    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "relationship_priority",
            "relationship_priority_rule",
            *PRIORITY_MANUAL_FIELDS,
        ]

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_relationship_metrics_id(self):
        Metrics = self.env["crm.relationship.partner.metrics"].sudo()
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
        Metrics = self.env["crm.relationship.partner.metrics"].sudo()
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

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("relationship_priority_manual") for vals in vals_list):
            partners._relationship_priority_sync()
        return partners

    def write(self, vals):
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
        effective level is logged in the customer's chatter, naming the rule,
        with one batch of messages instead of the ORM's per-record field
        tracking.
        """
        matches = self.env["crm.relationship.priority.rule"].sudo()._evaluate_all()
        today = fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id, COALESCE(relationship_priority_rule, 'standard'),
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
        for pid, rule, level, manual, start, end in self.env.cr.fetchall():
            new_rule, rule_name = matches.get(pid, ("standard", None))
            new_level = effective_priority(new_rule, manual, start, end, today)
            # only the fields that change: an unchanged level is not written,
            # so what depends on it (grievance priorities) is not recomputed
            changes = {}
            if new_rule != rule:
                changes["relationship_priority_rule"] = new_rule
            if new_level != level:
                changes["relationship_priority"] = new_level
                manual_wins = new_level != new_rule
                key = (level, new_level, manual_wins, rule_name)
                if key not in texts:
                    if manual_wins:
                        why = self.env._("manual priority")
                    elif rule_name:
                        why = self.env._("rule: %(rule)s", rule=rule_name)
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
