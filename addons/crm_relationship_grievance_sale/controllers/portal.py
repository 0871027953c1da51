# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request
from odoo.tools import format_amount, format_date

from odoo.addons.crm_relationship_grievance.controllers.portal import GrievancePortal


class GrievanceSalePortal(GrievancePortal):
    """The grievance form offers the customer's confirmed orders (with their
    date and amount) and the products they bought; a chosen order must be
    one the user may read, and brings its products."""

    def _grievance_form_values(self, error=None, data=None):
        values = super()._grievance_form_values(error, data)
        orders = self._customer_orders(request.env.user.partner_id)
        env = request.env
        values["orders"] = orders
        values["order_labels"] = {
            order.id: " - ".join(
                [
                    order.name,
                    format_date(env, order.date_order),
                    format_amount(env, order.amount_total, order.currency_id),
                ]
            )
            for order in orders
        }
        return values

    def _grievance_products(self):
        """The products the customer bought (their confirmed orders, read
        with the user's rights), else the saleable products."""
        orders = self._customer_orders(request.env.user.partner_id)
        # the ids come from the orders the user reads; the products are read
        # as superuser (portal users do not read products)
        bought = (
            request.env["product.product"]
            .sudo()
            .browse(orders.order_line.product_id.ids)
            .filtered("sale_ok")
        )
        return (
            bought.sorted("display_name") if bought else super()._grievance_products()
        )

    def _customer_orders(self, partner):
        SaleOrder = request.env["sale.order"]
        if not SaleOrder.has_access("read"):
            return SaleOrder
        return SaleOrder.search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("state", "=", "sale"),
            ],
            order="date_order desc, id desc",
            limit=50,
        )

    def _validate_grievance_post(self, data):
        values, error = super()._validate_grievance_post(data)
        order_id = data.get("sale_order_id")
        if order_id:
            partner = request.env.user.partner_id
            order = self._customer_orders(partner).filtered(
                lambda o: str(o.id) == order_id.strip()
            )
            if not order:
                error["sale_order_id"] = request.env._("Unknown order.")
            else:
                values.update(
                    sale_order_id=order.id,
                    company_id=order.company_id.id,
                )
                if not values.get("product_ids"):
                    values["product_ids"] = [(6, 0, order.order_line.product_id.ids)]
        return values, error
