# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

HISTORY_LINES = 20


class LoyaltyTierPortal(CustomerPortal):
    """*My loyalty*: the customer's loyalty cards with tier, points, points
    expiring soon and recent movements.

    Portal users have no access to loyalty cards: the cards are searched
    with sudo() on one condition only, that they belong to the logged-in
    user's own contact, as Odoo's loyalty portal does; nothing else comes
    from the request.
    """

    def _loyalty_tier_cards(self):
        return (
            request.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("program_id.program_type", "=", "loyalty"),
                    ("program_id.active", "=", True),
                ]
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "loyalty_tier_count" in counters:
            values["loyalty_tier_count"] = len(self._loyalty_tier_cards())
        return values

    @http.route(["/my/loyalty"], type="http", auth="user", website=True)
    def portal_my_loyalty(self, **kw):
        cards = self._loyalty_tier_cards()
        history = {
            card.id: request.env["loyalty.history"]
            .sudo()
            .search([("card_id", "=", card.id)], limit=HISTORY_LINES)
            for card in cards
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "loyalty_cards": cards,
                "loyalty_history": history,
                "page_name": "my_loyalty",
            }
        )
        return request.render("crm_relationship_loyalty.portal_my_loyalty", values)
