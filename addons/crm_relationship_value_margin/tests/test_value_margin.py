# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.crm_relationship_value.tests.common import ValueCommon


@tagged("post_install", "-at_install")
class TestValueMargin(ValueCommon):
    @freeze_time("2026-07-01")
    def test_margin_keeps_the_cost_of_the_order_date(self):
        order = self._order(self.bob, "2026-06-30", 2, 100.0)
        self.assertEqual(order.order_line.purchase_price, 60.0)
        self.product.with_company(self.company).standard_price = 90.0
        self._recompute()
        # Sales Margin's margin: 2 x (100 - 60); the current cost would give 20
        self.assertRecordValues(
            self._metrics(self.bob), [{"revenue": 200.0, "margin": 80.0}]
        )
