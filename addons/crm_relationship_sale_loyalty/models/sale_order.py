# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import float_round


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _crm_loyalty_card(self, program):
        """The customer's card of a loyalty program, as sale_loyalty finds it."""
        self.ensure_one()
        if program.program_type != "loyalty" or not self.partner_id:
            return self.env["loyalty.card"]
        return (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("program_id", "=", program.id),
                ],
                limit=1,
            )
        )

    def _program_check_compute_points(self, programs):
        """Members of a tier earn its multiplier (Gold x1.5)."""
        result = super()._program_check_compute_points(programs)
        for program, status in result.items():
            if "points" not in status or not program.tier_ids:
                continue
            multiplier = self._crm_loyalty_card(program).tier_id.earn_multiplier or 1.0
            if multiplier != 1.0:
                status["points"] = [
                    float_round(points * multiplier, precision_digits=2)
                    for points in status["points"]
                ]
        return result

    def _get_claimable_rewards(self, forced_coupons=None):
        """Rewards restricted to tiers are claimable by members of those tiers."""
        result = super()._get_claimable_rewards(forced_coupons=forced_coupons)
        for coupon in list(result):
            allowed = result[coupon]._crm_allowed_for_card(coupon)
            if allowed:
                result[coupon] = allowed
            else:
                del result[coupon]
        return result

    def _apply_program_reward(self, reward, coupon, **kwargs):
        if reward.tier_ids and coupon.tier_id not in reward.tier_ids:
            return {
                "error": self.env._(
                    "This reward is for the %(tiers)s members.",
                    tiers=", ".join(reward.tier_ids.mapped("name")),
                )
            }
        return super()._apply_program_reward(reward, coupon, **kwargs)

    @api.depends("partner_id", "company_id")
    def _compute_pricelist_id(self):
        """A tier's pricelist replaces the customer's on new orders."""
        res = super()._compute_pricelist_id()
        drafts = self.filtered(lambda o: o.state == "draft" and o.partner_id)
        if not drafts:
            return res
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", drafts.partner_id.ids),
                    ("tier_id.pricelist_id", "!=", False),
                    ("program_id.active", "=", True),
                ]
            )
        )
        for order in drafts:
            tiers = cards.filtered(
                lambda c, order=order: (
                    c.partner_id == order.partner_id
                    and c.company_id in (order.company_id, self.env["res.company"])
                )
            ).tier_id.sorted("threshold", reverse=True)
            if tiers:
                order.pricelist_id = tiers[0].pricelist_id
        return res
