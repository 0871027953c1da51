# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .crm_relationship_partner_metrics import QUADRANTS

PRIORITY_LEVELS = [
    ("standard", "Standard"),
    ("priority", "Priority"),
    ("key", "Key"),
]
PRIORITY_RANK = {key: rank for rank, (key, _label) in enumerate(PRIORITY_LEVELS)}
# Partner fields of a manual priority
PRIORITY_MANUAL_FIELDS = (
    "relationship_priority_manual",
    "relationship_priority_reason",
    "relationship_priority_date_from",
    "relationship_priority_date_to",
)


def effective_priority(rule_level, manual, date_from, date_to, today):
    """The manual level while today is within its dates, else the rules' one."""
    if (
        manual
        and (not date_from or date_from <= today)
        and (not date_to or today <= date_to)
    ):
        return manual
    return rule_level or "standard"


RANKING_METRICS = [
    ("revenue", "Revenue"),
    ("margin", "Margin"),
    ("order_count", "Number of orders"),
    ("frequency_per_year", "Orders per year"),
    ("average_order_value", "Average order value"),
]


class CrmRelationshipPriorityRule(models.Model):
    """A rule that lifts matching customers of a company to a priority level.

    The level belongs to the customer's company: a rule sets the level of
    the customers of its own company and of shared customers (no company),
    never of another company's. A customer gets the highest level of all
    rules it matches; a manual priority overrides the rules while it is valid.
    """

    _name = "crm.relationship.priority.rule"
    _description = "Customer Priority Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="The rule ranks the customers by their figures in this company.",
    )
    level = fields.Selection(
        [level for level in PRIORITY_LEVELS if level[0] != "standard"],
        required=True,
        default="priority",
        tracking=True,
        help="Level given to the customers that match.",
    )
    rule_type = fields.Selection(
        [
            ("top_percent", "Top percentage by a value metric"),
            ("rfm_segment", "RFM segment"),
            ("quadrant", "Loyalty x profitability quadrant"),
            ("days_to_pay", "Pays within a number of days"),
        ],
        string="Match",
        required=True,
        default="top_percent",
        tracking=True,
    )
    metric = fields.Selection(
        RANKING_METRICS,
        default="revenue",
        tracking=True,
        help="Figure the customers are ranked by, highest first.",
    )
    top_percent = fields.Float(
        string="Top %",
        default=10.0,
        tracking=True,
        help="Share of the company's customers with at least one order that "
        "match, rounded up; equal figures are ordered by customer id.",
    )
    rfm_segment_ids = fields.Many2many(
        "crm.relationship.rfm.segment",
        string="RFM Segments",
        help="Customers in any of these segments match.",
    )
    quadrant = fields.Selection(
        QUADRANTS, tracking=True, help="Customers in this quadrant match."
    )
    days_to_pay_max = fields.Float(
        string="Within (days)",
        default=30.0,
        digits=(16, 1),
        tracking=True,
        help="Customers whose invoices paid in the last 12 months were paid, "
        "on average, within this many days of the invoice date match; "
        "customers without a paid invoice do not.",
    )

    @api.constrains(
        "rule_type",
        "top_percent",
        "rfm_segment_ids",
        "quadrant",
        "metric",
        "days_to_pay_max",
    )
    def _check_rule(self):
        for rule in self:
            if rule.rule_type == "top_percent" and not (
                rule.metric and 0 < rule.top_percent <= 100
            ):
                raise ValidationError(
                    self.env._("Choose a metric and a percentage from 0 to 100.")
                )
            if rule.rule_type == "rfm_segment" and not rule.rfm_segment_ids:
                raise ValidationError(self.env._("Choose at least one RFM segment."))
            if rule.rule_type == "quadrant" and not rule.quadrant:
                raise ValidationError(self.env._("Choose a quadrant."))
            if rule.rule_type == "days_to_pay" and rule.days_to_pay_max < 0:
                raise ValidationError(self.env._("The days to pay cannot be negative."))

    def _matching_partner_ids(self):
        """Commercial partners matching this rule, by one query."""
        self.ensure_one()
        company = SQL("company_id = %s AND order_count > 0", self.company_id.id)
        if self.rule_type == "top_percent":
            self.env.cr.execute(
                SQL(
                    "SELECT COUNT(*) FROM crm_relationship_partner_metrics WHERE %s",
                    company,
                )
            )
            limit = math.ceil(self.env.cr.fetchone()[0] * self.top_percent / 100)
            query = SQL(
                """SELECT partner_id FROM crm_relationship_partner_metrics
                    WHERE %s ORDER BY %s DESC, partner_id LIMIT %s""",
                company,
                SQL.identifier(self.metric),
                limit,
            )
        elif self.rule_type == "rfm_segment":
            query = SQL(
                """SELECT partner_id FROM crm_relationship_partner_metrics
                    WHERE %s AND rfm_segment_id = ANY(%s)""",
                company,
                self.rfm_segment_ids.ids,
            )
        elif self.rule_type == "days_to_pay":
            query = SQL(
                """SELECT partner_id FROM crm_relationship_partner_metrics
                    WHERE %s AND days_to_pay <= %s""",
                company,
                self.days_to_pay_max,
            )
        else:
            query = SQL(
                """SELECT partner_id FROM crm_relationship_partner_metrics
                    WHERE %s AND quadrant = %s""",
                company,
                self.quadrant,
            )
        # customers of another company are not this company's to rank up
        self.env.cr.execute(
            SQL(
                """SELECT matched.partner_id FROM (%s) AS matched
                     JOIN res_partner p ON p.id = matched.partner_id
                    WHERE p.company_id IS NULL OR p.company_id = %s""",
                query,
                self.company_id.id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _evaluate_all(self):
        """``{partner id: (highest level, the rule giving it)}``."""
        self.env["crm.relationship.partner.metrics"].flush_model()
        matches = {}
        for rule in self.sudo().search([("active", "=", True)]):
            for partner_id in rule._matching_partner_ids():
                level, _rule = matches.get(partner_id, ("standard", None))
                if PRIORITY_RANK[rule.level] > PRIORITY_RANK[level]:
                    matches[partner_id] = (rule.level, rule)
        return matches

    def action_apply(self):
        """Apply the rules of every company now: it rewrites customers'
        priorities, so only those who may edit the rules may run it."""
        self.check_access("write")
        self.env["res.partner"]._relationship_apply_priority_rules()
        return True
