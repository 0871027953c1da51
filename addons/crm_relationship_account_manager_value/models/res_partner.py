# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import format_amount

OWN_PORTFOLIO_GROUP = (
    "crm_relationship_account_manager.group_account_manager_own_portfolio"
)
MANAGER_GROUP = "crm_relationship.group_crm_relationship_manager"


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _relationship_visible_domain(self):
        """An account manager with the own-portfolio access sees the
        relationship data of the customers of their portfolio only (their
        own, their sales teams'), as the record rules of the metrics and of
        the segment history say; Relationship managers see all."""
        domain = super()._relationship_visible_domain()
        user = self.env.user
        if (
            self.env.su
            or not user.has_group(OWN_PORTFOLIO_GROUP)
            or user.has_group(MANAGER_GROUP)
        ):
            return domain
        portfolio = [
            (
                "commercial_partner_id.user_id",
                "in",
                user.account_manager_portfolio_user_ids.ids,
            )
        ]
        return portfolio if domain is None else expression.AND([domain, portfolio])

    @api.model
    def _account_manager_weights(self, partner_ids):
        """A customer weighs its priority level's weight (Key 3, Priority 2,
        Standard 1 by default), read in one query."""
        weights = self.env.company._account_manager_weights()
        partners = self.sudo().browse(partner_ids)
        partners.fetch(["relationship_priority"])
        return {
            partner.id: weights.get(partner.relationship_priority or "standard", 1.0)
            for partner in partners
        }

    @api.model
    def _account_manager_load_groupby(self):
        return [*super()._account_manager_load_groupby(), "relationship_priority"]

    @api.model
    def _account_manager_group_weight(self, keys):
        weights = self.env.company._account_manager_weights()
        return weights.get(
            keys[-1] or "standard", 1.0
        ) * super()._account_manager_group_weight(keys[:-1])

    def _account_manager_handover_items(self):
        items = super()._account_manager_handover_items()
        quotations = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id.commercial_partner_id", "in", self.ids),
                    ("state", "in", ("draft", "sent")),
                ]
            )
        )
        for order in quotations:
            items.setdefault(order.partner_id.commercial_partner_id.id, []).append(
                self.env._(
                    "Open quotation %(name)s: %(amount)s",
                    name=order.name,
                    amount=format_amount(
                        self.env, order.amount_total, order.currency_id
                    ),
                )
            )
        invoices = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "in", self.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", fields.Date.context_today(self)),
                ]
            )
        )
        for invoice in invoices:
            items.setdefault(invoice.commercial_partner_id.id, []).append(
                self.env._(
                    "Overdue invoice %(name)s: %(amount)s due on %(date)s",
                    name=invoice.name,
                    amount=format_amount(
                        self.env, invoice.amount_residual, invoice.currency_id
                    ),
                    date=invoice.invoice_date_due,
                )
            )
        return items
