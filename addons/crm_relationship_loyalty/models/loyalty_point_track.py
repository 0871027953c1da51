# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyPointTrack(models.Model):
    """Which award paid for which redemption (or expiry).

    The name and fields are those of Odoo's development branch, so that an
    upgrade maps this table as it is. A line with no issuer and negative
    points is a debt: points spent that no award covered yet; the next award
    settles it.
    """

    _name = "loyalty.point.track"
    _description = "Tracks allocation of loyalty points from issuers to redeemers"

    issuer_line_id = fields.Many2one(
        "loyalty.history", string="Issuer History Line", ondelete="cascade", index=True
    )
    redeemer_line_id = fields.Many2one(
        "loyalty.history",
        string="Redeemer History Line",
        ondelete="cascade",
        index=True,
    )
    card_id = fields.Many2one(
        "loyalty.card", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="card_id.company_id")
    points = fields.Float()
