# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.crm_relationship_grievance.controllers.portal import GrievancePortal


class GrievanceSalePortal(GrievancePortal):
    """The complaint form offers the customer's confirmed orders; a chosen
    order must be one the user may read, and brings its products."""

    def _grievance_form_values(self, error=None, data=None):
        values = super()._grievance_form_values(error, data)
        values["orders"] = self._customer_orders(request.env.user.partner_id)
        return values

    def _customer_orders(self, partner):
        SaleOrder = request.env["sale.order"]
        if not SaleOrder.has_access("read"):
            return SaleOrder
        return SaleOrder.search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("state", "=", "sale"),
            ],
            limit=50,
        )

    def _validate_grievance_post(self, data):
        values, error = super()._validate_grievance_post(data)
        order_id = data.get("sale_order_id")
        if order_id:
            partner = request.env.user.partner_id
            order = self._customer_orders(partner).filtered(
                lambda o: str(o.id) == order_id
            )
            if not order:
                error["sale_order_id"] = request.env._("Unknown order.")
            else:
                values.update(
                    sale_order_id=order.id,
                    company_id=order.company_id.id,
                    product_ids=[(6, 0, order.order_line.product_id.ids)],
                )
        return values, error
