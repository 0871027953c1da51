# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError

VALUE_SOURCES = [
    ("sale", "Confirmed sales orders"),
    ("invoice", "Posted customer invoices net of credit notes"),
]


RFM_METHODS = [
    ("quintile", "Quintiles of the customer base"),
    ("threshold", "Fixed thresholds"),
]

# Default fixed thresholds: the least a customer needs for scores 2 to 5.
RFM_DEFAULT_RECENCY_DAYS = {2: 365, 3: 180, 4: 90, 5: 30}
RFM_DEFAULT_ORDERS = {2: 2, 3: 3, 4: 5, 5: 10}
RFM_DEFAULT_AMOUNTS = {2: 500.0, 3: 1000.0, 4: 2500.0, 5: 5000.0}

# The company fields a Relationship manager edits: in the settings and in
# *Relationship > Configuration > Value Options*.
VALUE_OPTION_FIELDS = (
    "crm_relationship_value_source",
    "crm_relationship_loyal_frequency",
    "crm_relationship_loyal_tenure_days",
    "crm_relationship_profitable_margin",
    "crm_relationship_rfm_method",
    *(f"crm_relationship_rfm_r{score}_days" for score in (5, 4, 3, 2)),
    *(f"crm_relationship_rfm_f{score}" for score in (2, 3, 4, 5)),
    *(f"crm_relationship_rfm_m{score}" for score in (2, 3, 4, 5)),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_relationship_value_source = fields.Selection(
        VALUE_SOURCES,
        string="Customer Value Source",
        required=True,
        default="sale",
        help="Documents the customer value metrics are computed from. "
        "Cancelled or draft documents never count.",
    )
    crm_relationship_loyal_frequency = fields.Float(
        string="Loyal From (orders per year)",
        default=4.0,
        help="A customer is loyal when they buy at least this often per year "
        "and have been a customer for at least the minimum tenure.",
    )
    crm_relationship_loyal_tenure_days = fields.Integer(
        string="Loyal After (days)",
        default=365,
        help="Minimum days since the first purchase for a customer to count as loyal.",
    )
    crm_relationship_profitable_margin = fields.Float(
        string="Profitable From (margin)",
        default=1000.0,
        help="A customer is profitable when their total margin, in the company "
        "currency, reaches this amount.",
    )
    crm_relationship_metrics_watermark = fields.Datetime(
        string="Customer Value Computed Up To",
        readonly=True,
        copy=False,
        help="Documents changed after this moment are picked up by the next "
        "incremental recompute of the customer value metrics.",
    )
    crm_relationship_rfm_method = fields.Selection(
        RFM_METHODS,
        string="RFM Scoring",
        required=True,
        default="quintile",
        help="Quintiles: each score is the fifth of the company's customers "
        "the value falls in, so a score compares a customer with the others. "
        "Fixed thresholds: each score is set by the thresholds below, for "
        "small customer bases where fifths say little.",
    )
    crm_relationship_rfm_r5_days = fields.Integer(
        string="Recency 5 Within (days)",
        default=RFM_DEFAULT_RECENCY_DAYS[5],
        help="With fixed thresholds: a customer whose last purchase is at most "
        "this many days old scores at least 5 in recency.",
    )
    crm_relationship_rfm_r4_days = fields.Integer(
        string="Recency 4 Within (days)",
        default=RFM_DEFAULT_RECENCY_DAYS[4],
        help="With fixed thresholds: a customer whose last purchase is at most "
        "this many days old scores at least 4 in recency.",
    )
    crm_relationship_rfm_r3_days = fields.Integer(
        string="Recency 3 Within (days)",
        default=RFM_DEFAULT_RECENCY_DAYS[3],
        help="With fixed thresholds: a customer whose last purchase is at most "
        "this many days old scores at least 3 in recency.",
    )
    crm_relationship_rfm_r2_days = fields.Integer(
        string="Recency 2 Within (days)",
        default=RFM_DEFAULT_RECENCY_DAYS[2],
        help="With fixed thresholds: a customer whose last purchase is at most "
        "this many days old scores at least 2 in recency.",
    )
    crm_relationship_rfm_f2 = fields.Integer(
        string="Frequency 2 From (orders)",
        default=RFM_DEFAULT_ORDERS[2],
        help="With fixed thresholds: a customer with at least this many "
        "orders scores at least 2 in frequency.",
    )
    crm_relationship_rfm_f3 = fields.Integer(
        string="Frequency 3 From (orders)",
        default=RFM_DEFAULT_ORDERS[3],
        help="With fixed thresholds: a customer with at least this many "
        "orders scores at least 3 in frequency.",
    )
    crm_relationship_rfm_f4 = fields.Integer(
        string="Frequency 4 From (orders)",
        default=RFM_DEFAULT_ORDERS[4],
        help="With fixed thresholds: a customer with at least this many "
        "orders scores at least 4 in frequency.",
    )
    crm_relationship_rfm_f5 = fields.Integer(
        string="Frequency 5 From (orders)",
        default=RFM_DEFAULT_ORDERS[5],
        help="With fixed thresholds: a customer with at least this many "
        "orders scores at least 5 in frequency.",
    )
    crm_relationship_rfm_m2 = fields.Float(
        string="Monetary 2 From (revenue)",
        default=RFM_DEFAULT_AMOUNTS[2],
        help="With fixed thresholds: a customer whose revenue, in the "
        "company currency, reaches this amount scores at least 2 in "
        "monetary value.",
    )
    crm_relationship_rfm_m3 = fields.Float(
        string="Monetary 3 From (revenue)",
        default=RFM_DEFAULT_AMOUNTS[3],
        help="With fixed thresholds: a customer whose revenue, in the "
        "company currency, reaches this amount scores at least 3 in "
        "monetary value.",
    )
    crm_relationship_rfm_m4 = fields.Float(
        string="Monetary 4 From (revenue)",
        default=RFM_DEFAULT_AMOUNTS[4],
        help="With fixed thresholds: a customer whose revenue, in the "
        "company currency, reaches this amount scores at least 4 in "
        "monetary value.",
    )
    crm_relationship_rfm_m5 = fields.Float(
        string="Monetary 5 From (revenue)",
        default=RFM_DEFAULT_AMOUNTS[5],
        help="With fixed thresholds: a customer whose revenue, in the "
        "company currency, reaches this amount scores at least 5 in "
        "monetary value.",
    )

    @api.constrains(
        *(f"crm_relationship_rfm_r{score}_days" for score in (2, 3, 4, 5)),
        *(f"crm_relationship_rfm_f{score}" for score in (2, 3, 4, 5)),
        *(f"crm_relationship_rfm_m{score}" for score in (2, 3, 4, 5)),
    )
    def _check_crm_relationship_rfm_thresholds(self):
        for company in self:
            days = [company[f"crm_relationship_rfm_r{s}_days"] for s in (5, 4, 3, 2)]
            orders = [company[f"crm_relationship_rfm_f{s}"] for s in (2, 3, 4, 5)]
            amounts = [company[f"crm_relationship_rfm_m{s}"] for s in (2, 3, 4, 5)]
            checks = (
                (
                    days,
                    0,
                    self.env._(
                        "The recency thresholds are days from 0, fewer days "
                        "for a higher score (e.g. 30, 90, 180, 365)."
                    ),
                ),
                (
                    orders,
                    1,
                    self.env._(
                        "The frequency thresholds are numbers of orders from 1, "
                        "more orders for a higher score (e.g. 2, 3, 5, 10)."
                    ),
                ),
                (
                    amounts,
                    0,
                    self.env._(
                        "The monetary thresholds rise with the score "
                        "(e.g. 500, 1000, 2500, 5000)."
                    ),
                ),
            )
            for values, low, message in checks:
                if values[0] < low or any(a >= b for a, b in pairwise(values)):
                    raise ValidationError(message)
