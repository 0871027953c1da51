# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.res_partner import _lang_get

from .crm_relationship_consent import CONSENT_CHANNELS

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
        for partner in self:
            birthdate = partner.birthdate_date
            partner.age_band = (
                age_band_of(age_on(birthdate, today)) if birthdate else False
            )

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
        for partner in self:
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
            partner.grievance_sla_status = worst.get(partner.commercial_partner_id, False)

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
