# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.fields import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDeliveryPriority(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Stored widget", "is_storable": True, "list_price": 10.0}
        )
        Partner = cls.env["res.partner"]
        cls.key = Partner.create({"name": "Key Co", "is_company": True})
        cls.key_buyer = Partner.create({"name": "Key buyer", "parent_id": cls.key.id})
        cls.standard = Partner.create({"name": "Standard Co", "is_company": True})
        cls.priority = Partner.create({"name": "Priority Co", "is_company": True})
        manual = {
            "relationship_priority_reason": "Strategic account",
        }
        cls.key.write({"relationship_priority_manual": "key", **manual})
        cls.priority.write({"relationship_priority_manual": "priority", **manual})

    def _confirmed_order(self, partner):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 2}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def test_priority_customers_get_urgent_deliveries(self):
        self.assertEqual(self.key_buyer.relationship_priority, "key")
        orders = [
            self._confirmed_order(p)
            for p in (self.key_buyer, self.priority, self.standard)
        ]
        self.assertEqual(
            [order.picking_ids.priority for order in orders], ["1", "1", "0"]
        )
        delivery = orders[0].picking_ids
        self.assertEqual(delivery.move_ids.priority, "1", "moves follow")
        self.assertEqual(delivery.relationship_priority, "key")
        self.assertEqual(orders[2].picking_ids.relationship_priority, "standard")

    def test_urgent_deliveries_listed_first(self):
        # The Key delivery is created first and scheduled later: without its
        # priority, the pickings' order (scheduled date, newest id) would put
        # the standard one first.
        key = self._confirmed_order(self.key).picking_ids
        standard = self._confirmed_order(self.standard).picking_ids
        key.scheduled_date = standard.scheduled_date + timedelta(days=1)
        self.assertEqual(key.priority, "1")
        Picking = self.env["stock.picking"]
        self.assertEqual(
            Picking.search([("id", "in", (standard | key).ids)]).ids,
            [key.id, standard.id],
        )
