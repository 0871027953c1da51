# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

VALUE_SOURCES = [
    ("sale", "Confirmed sales orders"),
    ("invoice", "Posted customer invoices net of credit notes"),
]


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
