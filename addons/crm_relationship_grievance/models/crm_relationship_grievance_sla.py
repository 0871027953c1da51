# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

GRIEVANCE_PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]


class CrmRelationshipGrievanceSla(models.Model):
    """A service level promised for grievances of some priority and category.

    Targets are working hours of the policy's resource calendar: nights,
    weekends and the calendar's public holidays do not count. The first policy
    (by sequence) whose priority and categories match a grievance applies.
    """

    _name = "crm.relationship.grievance.sla"
    _description = "Grievance SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="The first matching policy in this order applies."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to share the policy between companies.",
    )
    priority = fields.Selection(
        GRIEVANCE_PRIORITIES,
        help="Priority the policy applies to; empty: any priority.",
    )
    category_ids = fields.Many2many(
        "crm.relationship.grievance.category",
        relation="crm_relationship_grievance_sla_category_rel",
        column1="sla_id",
        column2="category_id",
        string="Categories",
        help="Categories (and their subcategories) the policy applies to; "
        "empty: any category.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="Targets count only the working time of this calendar, minus "
        "its public holidays. A policy shared between companies may use "
        "one company's calendar.",
    )
    first_response_hours = fields.Float(
        string="First Response Target (h)",
        help="Working hours between reception and the first answer to the "
        "customer. 0: no first-response target.",
    )
    resolution_hours = fields.Float(
        string="Resolution Target (h)",
        required=True,
        default=40.0,
        help="Working hours between reception and closure, without the time "
        "spent waiting on the customer.",
    )
    at_risk_percent = fields.Float(
        string="At Risk After (%)",
        default=75.0,
        help="A grievance is at risk once this share of a target's working "
        "time is spent.",
    )

    @api.constrains("first_response_hours", "resolution_hours", "at_risk_percent")
    def _check_targets(self):
        for policy in self:
            if policy.first_response_hours < 0 or policy.resolution_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "SLA targets must be positive (policy %(name)s).",
                        name=policy.name,
                    )
                )
            if not 0 < policy.at_risk_percent <= 100:
                raise ValidationError(
                    self.env._("The at-risk share must lie between 0 and 100 %.")
                )

    def _matches(self, grievance):
        """Whether this policy applies to ``grievance``."""
        self.ensure_one()
        if self.company_id and self.company_id != grievance.company_id:
            return False
        if self.priority and self.priority != grievance.priority:
            return False
        if self.category_ids:
            path = grievance.category_id.parent_path or ""
            return any(path.startswith(c.parent_path) for c in self.category_ids)
        return True
