# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


def _demo_loaded(env, module):
    return env["ir.module.module"].search([("name", "=", module)]).demo


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """With demo data, the install leaves the value screens populated: the
    post_init_hook computed the values, applied the priority rules and
    refreshed the segments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not _demo_loaded(cls.env, "crm_relationship_value"):
            raise SkipTest("installed without demo data")

    def test_values_computed_at_install(self):
        Metrics = self.env["crm.relationship.partner.metrics"]
        buyers = Metrics.search([("order_count", ">", 0)])
        self.assertGreaterEqual(len(buyers), 250)
        demo = self.env.ref("crm_relationship.demo_customer_12346", False)
        if demo:  # the first customer of the sample bought something
            self.assertIn(demo, buyers.partner_id)
        self.assertGreaterEqual(len(buyers.rfm_segment_id), 8, "RFM segments used")
        self.assertGreaterEqual(len(set(buyers.mapped("quadrant"))), 3)
        orders = self.env["sale.order"].search(
            [("id", "in", [self.env.ref(x).id for x in self._order_refs()])]
        )
        self.assertTrue(orders)
        ages = {
            (orders[0].date_order.date() - o.date_order.date()).days for o in orders
        }
        self.assertGreater(max(ages) - min(ages), 365, "orders over two years")

    def _order_refs(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "crm_relationship_value"), ("model", "=", "sale.order")]
        )
        return [f"{d.module}.{d.name}" for d in data]

    def test_priorities_and_segments(self):
        Partner = self.env["res.partner"]
        self.assertTrue(Partner.search_count([("relationship_priority", "=", "key")]))
        self.assertTrue(
            Partner.search_count([("relationship_priority", "=", "priority")])
        )
        segments = self.env["crm.relationship.segment"].search(
            [("id", "in", [self.env.ref(x).id for x in self._segment_refs()])]
        )
        self.assertGreaterEqual(len(segments), 4)
        with_members = segments.filtered("member_count")
        self.assertGreaterEqual(len(with_members), 4, segments.mapped("name"))
        self.assertTrue(segments.mapped("last_refresh"))
        self.assertTrue(
            self.env["crm.relationship.segment.history"].search_count(
                [("segment_id", "in", segments.ids), ("event", "=", "entry")]
            )
        )

    def _segment_refs(self):
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "crm_relationship_value"),
                ("model", "=", "crm.relationship.segment"),
            ]
        )
        return [f"{d.module}.{d.name}" for d in data]
