# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipSegmentHistory(models.Model):
    """One dated entry of a contact into a segment, or exit from it."""

    _name = "crm.relationship.segment.history"
    _description = "Segment Entry or Exit"
    _order = "date desc, id desc"
    _check_company_auto = True
    # Written in bulk by the segment refresh, dated by ``date``
    _log_access = False

    segment_id = fields.Many2one(
        "crm.relationship.segment",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date = fields.Date(required=True, readonly=True, index=True)
    event = fields.Selection(
        [("entry", "Entry"), ("exit", "Exit")],
        required=True,
        readonly=True,
        help="Entry: the contact started matching the rule at this refresh. "
        "Exit: it stopped matching.",
    )
