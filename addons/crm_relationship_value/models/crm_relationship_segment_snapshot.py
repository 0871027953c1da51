# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipSegmentSnapshot(models.Model):
    """Size of a segment on a day: the last refresh of the day wins."""

    _name = "crm.relationship.segment.snapshot"
    _description = "Segment Size History"
    _order = "date desc, id desc"
    _rec_name = "segment_id"
    _check_company_auto = True

    segment_id = fields.Many2one(
        "crm.relationship.segment",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date = fields.Date(required=True, readonly=True, index=True)
    member_count = fields.Integer(
        string="Members",
        readonly=True,
        aggregator="max",
        help="Members after the day's last refresh.",
    )

    _sql_constraints = [
        (
            "segment_date_uniq",
            "unique(segment_id, date)",
            "One size per segment and day.",
        ),
    ]
