# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmRelationshipRfmSegment(models.Model):
    """A named RFM segment: the score ranges it covers.

    A customer belongs to the first active segment, by sequence, whose three
    ranges hold its recency, frequency and monetary scores. Managers edit the
    ranges; the default mapping covers the whole 5 x 5 recency x frequency grid.
    """

    _name = "crm.relationship.rfm.segment"
    _description = "RFM Segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="The first matching segment, lowest sequence first, wins."
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True, help="What to do with these customers.")
    recency_min = fields.Integer(default=1, required=True)
    recency_max = fields.Integer(default=5, required=True)
    frequency_min = fields.Integer(default=1, required=True)
    frequency_max = fields.Integer(default=5, required=True)
    monetary_min = fields.Integer(default=1, required=True)
    monetary_max = fields.Integer(default=5, required=True)
    customer_count = fields.Integer(
        compute="_compute_customer_count",
        help="Customers of the current company in this segment.",
    )

    @api.constrains(
        "recency_min",
        "recency_max",
        "frequency_min",
        "frequency_max",
        "monetary_min",
        "monetary_max",
    )
    def _check_ranges(self):
        for segment in self:
            for dim in ("recency", "frequency", "monetary"):
                low, high = segment[f"{dim}_min"], segment[f"{dim}_max"]
                if not 1 <= low <= high <= 5:
                    raise ValidationError(
                        self.env._(
                            "Scores of %(segment)s go from 1 to 5, minimum first.",
                            segment=segment.name,
                        )
                    )

    def _compute_customer_count(self):
        counts = dict(
            self.env["crm.relationship.partner.metrics"]._read_group(
                [
                    ("rfm_segment_id", "in", self.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["rfm_segment_id"],
                ["__count"],
            )
        )
        for segment in self:
            segment.customer_count = counts.get(segment, 0)
