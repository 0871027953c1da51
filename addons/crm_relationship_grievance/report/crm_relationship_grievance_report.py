# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from ..models.crm_relationship_grievance import SEVERITIES
from ..models.crm_relationship_grievance_sla import GRIEVANCE_PRIORITIES

# The analyses group the SLA status in its meaning's order (groups of a
# selection sort by key), so that the graphs give each status the same
# place, and colour, every time: On Track first, Breached last.
SLA_STATUS_ORDERED = [
    ("1_on_track", "On Track"),
    ("2_at_risk", "At Risk"),
    ("3_breached", "Breached"),
]


class CrmRelationshipGrievanceReport(models.Model):
    """One row per grievance, with the measures of the grievance analysis.

    A measure is NULL where its outcome is not known yet, so that averages
    only count the grievances it applies to: the hours to first response of
    a grievance not answered yet, the hours to resolution of an open one,
    the SLA compliance of an open grievance whose SLA is not breached (yet).
    """

    _name = "crm.relationship.grievance.report"
    _description = "Grievance Analysis"
    _auto = False
    _order = "date_received desc"
    _rec_name = "reference"

    grievance_id = fields.Many2one("crm.relationship.grievance", readonly=True)
    reference = fields.Char(readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True
    )
    channel_id = fields.Many2one("crm.relationship.grievance.channel", readonly=True)
    category_id = fields.Many2one("crm.relationship.grievance.category", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    stage_id = fields.Many2one("crm.relationship.grievance.stage", readonly=True)
    severity = fields.Selection(SEVERITIES, readonly=True)
    priority = fields.Selection(GRIEVANCE_PRIORITIES, readonly=True)
    sla_status = fields.Selection(
        SLA_STATUS_ORDERED, string="SLA Status", readonly=True
    )
    is_closed = fields.Boolean(string="Closed", readonly=True)
    is_repeat = fields.Boolean(string="Repeat Complaint", readonly=True)
    grievance_count = fields.Integer(string="Grievances", readonly=True)
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the grievances whose SLA outcome is known that kept it: "
        "closed without breach count as kept, breached ones (open or closed) "
        "as missed; open ones not breached yet are left out.",
    )
    first_response_hours = fields.Float(
        string="Hours to First Response",
        aggregator="avg",
        readonly=True,
        help="Calendar hours from receipt to the first answer; grievances not "
        "answered yet are left out of the average.",
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution",
        aggregator="avg",
        readonly=True,
        help="Calendar hours from receipt to closure; open grievances are "
        "left out of the average.",
    )
    repeat_rate = fields.Float(
        string="Repeat Rate (%)",
        aggregator="avg",
        readonly=True,
        help="100 for a repeat complaint, 0 otherwise: its average is the "
        "repeat-complaint rate.",
    )
    satisfaction = fields.Float(
        aggregator="avg",
        readonly=True,
        help="The customer's last rating (1 to 5); unrated grievances are "
        "left out of the average.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT g.id,
                       g.id AS grievance_id,
                       g.reference,
                       g.date_received,
                       g.date_closed,
                       g.company_id,
                       g.partner_id,
                       g.commercial_partner_id,
                       g.channel_id,
                       g.category_id,
                       g.team_id,
                       g.user_id,
                       g.stage_id,
                       g.severity,
                       g.priority,
                       CASE g.sla_status WHEN 'on_track' THEN '1_on_track'
                                           WHEN 'at_risk' THEN '2_at_risk'
                                           WHEN 'breached' THEN '3_breached'
                       END AS sla_status,
                       1 AS grievance_count,
                       coalesce(g.is_closed, false) AS is_closed,
                       g.repeat_of_id IS NOT NULL AS is_repeat,
                       CASE WHEN g.sla_policy_id IS NULL THEN NULL
                            WHEN g.sla_breach_date IS NOT NULL THEN 0.0
                            WHEN g.is_closed THEN 100.0
                       END AS sla_compliance,
                       extract(epoch FROM g.date_first_response - g.date_received)
                           / 3600.0 AS first_response_hours,
                       CASE WHEN g.is_closed THEN
                           extract(epoch FROM g.date_closed - g.date_received)
                               / 3600.0
                       END AS resolution_hours,
                       CASE WHEN g.repeat_of_id IS NOT NULL THEN 100.0 ELSE 0.0
                       END AS repeat_rate,
                       nullif(g.rating_last_value, 0) AS satisfaction
                  FROM crm_relationship_grievance g
                 WHERE g.active
            )
            """
        )
