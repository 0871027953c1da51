# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

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

    relationship_birthdate = fields.Date(
        string="Birth Date",
        tracking=True,
        help="Used for age-based segments and birthday offers.",
    )
    relationship_age = fields.Integer(
        string="Age (Years)",
        compute="_compute_relationship_age",
        search="_search_relationship_age",
        help="Age in full years today, from the date of birth.",
    )
    relationship_age_band = fields.Selection(
        [(key, label) for _lower, key, label in AGE_BANDS],
        string="Age Band",
        compute="_compute_relationship_age_band",
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
        string="Civil Status",
        selection=[
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

    relationship_is_customer = fields.Boolean(
        string="Is a Customer",
        compute="_compute_relationship_is_customer",
        search="_search_relationship_is_customer",
        help="A commercial partner (a company or an individual) that is "
        "neither an employee's user nor a company of this database; with "
        "Sales, also one marked as a customer or with sales figures.",
    )

    @api.model
    def _relationship_customer_domain(self):
        """Who the Relationship app lists as customers. Extended by the add-ons
        that know what a customer bought."""
        users = self.env["res.users"].sudo().with_context(active_test=False)
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        return [
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            (
                "id",
                "not in",
                users._search([("share", "=", False)]).subselect("partner_id"),
            ),
            ("id", "not in", companies._search([]).subselect("partner_id")),
        ]

    def _compute_relationship_is_customer(self):
        customers = self.with_context(active_test=False).search(
            [("id", "in", self.ids), *self._relationship_customer_domain()]
        )
        for partner in self:
            partner.relationship_is_customer = partner in customers

    def _search_relationship_is_customer(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search customers with Is a Customer set or not.")
            )
        domain = expression.normalize_domain(self._relationship_customer_domain())
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    @api.depends("relationship_birthdate")
    @api.depends_context("tz")
    def _compute_relationship_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birthdate = partner.relationship_birthdate
            partner.relationship_age = age_on(birthdate, today) if birthdate else 0

    @api.depends("relationship_birthdate")
    def _compute_relationship_age_band(self):
        today = fields.Date.context_today(self)
        born = self.filtered("relationship_birthdate")
        (self - born).relationship_age_band = False  # one assignment for a whole import
        for partner in born:
            partner.relationship_age_band = age_band_of(
                age_on(partner.relationship_birthdate, today)
            )

    def _search_relationship_age(self, operator, value):
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
            return [("relationship_birthdate", "<=", born_by(at_least[operator]))]
        if operator in at_most:
            return [("relationship_birthdate", ">", born_by(at_most[operator] + 1))]
        exact = [
            ("relationship_birthdate", "<=", born_by(value)),
            ("relationship_birthdate", ">", born_by(value + 1)),
        ]
        if operator == "=":
            return exact
        return ["|", ("relationship_birthdate", "=", False), "!", "&", *exact]

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
            [("relationship_birthdate", "!=", False)],
            ["relationship_birthdate", "relationship_age_band"],
        )
        stale = self.browse(
            [
                row["id"]
                for row in rows
                if age_band_of(age_on(row["relationship_birthdate"], today))
                != row["relationship_age_band"]
            ]
        )
        self.env.add_to_compute(self._fields["relationship_age_band"], stale)
        stale._recompute_recordset(["relationship_age_band"])
