# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievanceStage(models.Model):
    """A step of the grievance workflow.

    Stages are configurable; what the code relies on is carried by flags, not
    by names: ``pause_sla`` stops the SLA clock (waiting on the customer) and
    ``is_closed`` ends the grievance (resolution required, rating requested).
    """

    _name = "crm.relationship.grievance.stage"
    _description = "Grievance Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed in the kanban view.",
    )
    pause_sla = fields.Boolean(
        string="Pause SLA",
        help="While a grievance is in this stage (e.g. waiting on the "
        "customer), the SLA clock stops and its deadlines move later by the "
        "working time spent here.",
    )
    is_closed = fields.Boolean(
        string="Closing Stage",
        help="Grievances in this stage are finished: a resolution is "
        "required and the SLA clock stops for good.",
    )
    rating_template_id = fields.Many2one(
        "mail.template",
        string="Rating Email Template",
        domain=[("model", "=", "crm.relationship.grievance")],
        help="When set, reaching this stage sends this email to the customer "
        "to ask for a satisfaction rating.",
    )
